// The ledger's own answers to the reads, taken once so the bare floor server can send the very same
// bytes and headers (bench/http/floor-server.ts reads the file written here).
import { writeFileSync } from 'node:fs';
import { call } from './fixtures.js';

export interface CapturedAnswer {
  path: string;
  status: number;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

/** Headers the floor's own HTTP stack sets per response, as the ledger's does. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

export async function captureReads(
  url: string,
  token: string,
  paths: string[],
  file: string,
): Promise<Map<string, number>> {
  const answers: CapturedAnswer[] = [];
  const sizes = new Map<string, number>();
  for (const path of paths) {
    const answer = await call(url, path, token);
    if (answer.status !== 200)
      throw new Error(`GET ${path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!PER_RESPONSE.has(name)) headers[name] = value;
    });
    answers.push({ path, status: answer.status, headers, body: answer.body.toString('base64') });
    sizes.set(path, answer.body.length);
  }
  writeFileSync(file, JSON.stringify(answers));
  return sizes;
}
