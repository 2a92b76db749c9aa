// The read floor: a bare Fastify server (its own process) answering each captured path with the
// ledger's own status, headers and body bytes, and nothing else (no auth, no read side). Whatever
// rate it reaches under the same load is what Node, Fastify, the load generator and the machine allow.
// `tsx bench/http/floor-server.ts <captured.json>`; prints its port as the first stdout line.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { CapturedAnswer } from './capture.js';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: floor-server.ts <captured.json>\n');
  process.exit(2);
}

const app = Fastify({ logger: false });
for (const answer of JSON.parse(readFileSync(file, 'utf8')) as CapturedAnswer[]) {
  const body = Buffer.from(answer.body, 'base64');
  app.get(answer.path, (_request, reply) => {
    reply.code(answer.status).headers(answer.headers).send(body);
  });
}

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${new URL(address).port}\n`);
const shutdown = (): void => {
  void app.close().then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
