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

/** Query parameters whose value is never logged, whatever route they are sent to. */
const SECRET_PARAMETER = /^(access_?)?token$|^(api_?)?key$|secret|password|^auth/i;
/** A ledger token pasted anywhere into a URL (src/auth/tokens.ts: "pl_" + 32 bytes, base64url). */
const TOKEN_TEXT = /pl_[A-Za-z0-9_-]{16,}/g;

/** The request's URL as logged: a token sent by mistake in the path or the query is not written down. */
export function loggableUrl(url: string): string {
  const scrubbed = url.replace(TOKEN_TEXT, `pl_${REDACTED}`);
  const q = scrubbed.indexOf('?');
  if (q < 0) return scrubbed;
  const query = scrubbed
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_PARAMETER.test(decodeURIComponentSafe(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${scrubbed.slice(0, q)}?${query}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** Fastify's request serializer (fastify/lib/logger-pino.js) with the URL passed through loggableUrl. */
function requestSerializer(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : loggableUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export function httpLogger(parent: Logger): Logger {
  return parent.child(
    { component: 'http' },
    { redact: { paths: redactPaths, censor: REDACTED }, serializers: { req: requestSerializer } },
  );
}
