// Request ids: a caller's x-request-id is kept when it is a plausible id (so logs correlate across
// services); anything else gets a fresh UUID. The id is echoed on every answer, errors included.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

const plausibleId = /^[A-Za-z0-9._:-]{1,128}$/;

export function genReqId(req: IncomingMessage): string {
  const offered = req.headers[REQUEST_ID_HEADER];
  if (typeof offered === 'string' && plausibleId.test(offered)) return offered;
  return randomUUID();
}
