// GET /v1/live: the data of each `ledger` event of the server-sent stream (never the event's own data).
import { z } from 'zod';
import { LogPositionJson } from '../log-position.js';

export const LiveEvent = z
  .object({
    position: LogPositionJson,
    stream: z.string(),
    type: z.string(),
    recordedAt: z.string().describe('UTC ISO instant'),
    validAt: z.string().describe('UTC ISO instant'),
    keys: z.array(z.string()).describe('The read-index keys it is filed under (`issue:ID`, `consultation:ID`, ...)'),
  })
  .meta({ id: 'LiveEvent' });

/** The `ready` and `reset` events: where the stream stands (and, for reset, how many events were skipped). */
export const LiveMark = z.object({ position: z.string(), missed: z.int().optional() }).meta({ id: 'LiveMark' });
