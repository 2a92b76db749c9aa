// The 201 answer of every write route.
import { z } from 'zod';
import { LogPositionJson } from '../log-position.js';

export const WriteReply = z
  .object({
    eventIds: z.array(z.string()).describe('Ids of the events appended, in order'),
    streamName: z.string(),
    revision: z.string().describe('Revision of the stream after the write (also the ETag)'),
    position: LogPositionJson.describe('Commit position in $all; reads accept it as minPosition to see this write'),
  })
  .meta({ id: 'WriteResult' });
export type WriteReply = z.output<typeof WriteReply>;
