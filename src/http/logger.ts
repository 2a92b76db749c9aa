// Logging policy of the HTTP layer: whatever logger the process hands in, the app logs through a child
// that redacts credentials (pino redaction, style.md 10).
import type { Logger } from 'pino';

export const REDACTED = '[redacted]';

/** Paths never written to a log line: authorization headers, cookies and anything called token. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'token',
  '*.token',
  '*.*.token',
  'tokens',
  '*.tokens',
  'secret',
  '*.secret',
  'res.headers["set-cookie"]',
];

export function httpLogger(parent: Logger): Logger {
  return parent.child({ component: 'http' }, { redact: { paths: redactPaths, censor: REDACTED } });
}
