// The composition root (src/boot, ADR 0031): a start that fails part-way closes what it had opened, so
// the data directory's store is free again for the next start; a close closes everything.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { loadConfig, type Config } from '../../src/config.js';
import { openStore, STORE_ADDRESS_FILE } from '../../src/boot/open-store.js';
import { startLedger } from '../../src/boot/server.js';

const logger = pino({ level: 'silent' });

async function freshConfig(t: Test): Promise<Config> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-boot-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  return loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
}

/** The embedded store on `dataDir` can be opened (no process of ours still holds it), and is closed again. */
async function storeIsFree(dataDir: string): Promise<boolean> {
  try {
    const opened = await openStore({ esdbUrl: undefined, dataDir, embeddedStorePort: 0 }, logger);
    await opened.close();
    return true;
  } catch {
    return false;
  }
}

t.test(
  'a start refused because the port is taken closes the store it had opened, so the next start on that data directory succeeds',
  async (t) => {
    const holder = await startLedger(await freshConfig(t), logger);
    t.teardown(() => holder.close());
    const config = await freshConfig(t);
    await t.rejects(startLedger({ ...config, port: Number(new URL(holder.url).port) }, logger), { code: 'EADDRINUSE' });
    t.equal(
      existsSync(path.join(config.dataDir, STORE_ADDRESS_FILE)),
      false,
      'the store address it published is withdrawn',
    );
    t.equal(await storeIsFree(config.dataDir), true, "the data directory's store is free again");
    const next = await startLedger(config, logger);
    t.teardown(() => next.close());
    t.equal((await fetch(`${next.url}/healthz`)).status, 200);
  },
);

t.test('a start that fails while starting the read side closes the event store it had opened', async (t) => {
  const config = await freshConfig(t);
  // The read index cannot be opened where a directory stands in the way of its file.
  const blocker = path.join(config.dataDir, 'read-models.sqlite');
  await mkdir(blocker);
  await t.rejects(startLedger(config, logger));
  t.equal(await storeIsFree(config.dataDir), true, "the data directory's store is free again");
  await rm(blocker, { recursive: true });
  const next = await startLedger(config, logger);
  t.teardown(() => next.close());
  t.equal((await fetch(`${next.url}/healthz`)).status, 200);
});

t.test('close stops the API, the read side and the store: the data directory starts again', async (t) => {
  const config = await freshConfig(t);
  const first = await startLedger(config, logger);
  const url = first.url;
  await first.close();
  await t.rejects(fetch(`${url}/healthz`), 'the API no longer listens');
  t.equal(existsSync(path.join(config.dataDir, STORE_ADDRESS_FILE)), false, 'the store address is withdrawn');
  t.equal(await storeIsFree(config.dataDir), true, "the data directory's store is free again");
});
