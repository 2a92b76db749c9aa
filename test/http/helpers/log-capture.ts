// A real pino logger whose lines the test can read back.
import { pino, type Logger } from 'pino';

export interface CapturedLog {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** Everything written so far, raw. */
  text(): string;
}

export function captureLog(level: pino.Level = 'debug'): CapturedLog {
  const chunks: string[] = [];
  const logger = pino({ level }, { write: (chunk: string) => void chunks.push(chunk) });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line): Record<string, unknown> => JSON.parse(line)),
  };
}
