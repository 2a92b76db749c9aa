// The process logger of the `ledger` command: readable lines (pino-pretty) when stdout is a terminal,
// JSON lines (for a collector, `jq`, a supervisor's journal) when it is not; LOG_FORMAT=pretty|json
// overrides. Readable lines go through the same escaping as everything else printed (./terminal.ts):
// pino-pretty drops C0 controls from what it prints but leaves C1 and bidi controls.
import { Transform } from 'node:stream';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat, LogLevel } from '../config.js';

// pino-pretty's own colours are C0 escape sequences: only what it passes on raw beyond C0 is escaped.
const LEFT_RAW = /[\u0080-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

function escaping(out: NodeJS.WritableStream): Transform {
  const stream = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      done(
        null,
        String(chunk).replace(LEFT_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`),
      );
    },
  });
  stream.pipe(out);
  return stream;
}

export interface LoggerTarget extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export function processLogger(level: LogLevel, format: LogFormat, out: LoggerTarget = process.stdout): Logger {
  const readable = format === 'pretty' || (format === 'auto' && out.isTTY === true);
  if (!readable) return pino({ level }, out);
  return pino(
    { level },
    pretty({
      colorize: out.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      singleLine: true,
      destination: escaping(out),
    }),
  );
}
