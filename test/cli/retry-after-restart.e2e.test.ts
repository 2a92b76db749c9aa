// Request hashes are keyed by a secret the ledger keeps in DATA_DIR (ADR 0020): a client that lost
// the answer to a write and retries it after the server restarted still gets the first answer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';
import { bodies } from '../http/helpers/writes.js';

t.test('a write retried after a restart is answered as the first time, nothing appended twice', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-retry-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const logger = pino({ level: 'silent' });
  const write = async (url: string, token: string) =>
    fetch(`${url}/v1/processes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': 'lost-answer-1',
      },
      body: JSON.stringify(bodies.process('ahc-retry')),
    });

  const first = await startLedger(config, logger);
  let token: string;
  let answer: unknown;
  try {
    token = (await first.tokens.create({ id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' }))
      .token;
    const res = await write(first.url, token);
    t.equal(res.status, 201);
    answer = await res.json();
  } finally {
    await first.close();
  }

  const second = await startLedger(config, logger);
  try {
    const res = await write(second.url, token);
    t.equal(res.status, 201, 'not 409: the request hash is the same after the restart');
    t.equal(res.headers.get('idempotent-replayed'), 'true');
    t.same(await res.json(), answer);
  } finally {
    await second.close();
  }
});
