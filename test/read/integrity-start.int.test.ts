// The signing key at start (ADR 0034): generated 0600 into DATA_DIR and its verifier key logged, or the
// operator's SIGNING_KEY_FILE, which must exist (a ConfigError: exit 2).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startIntegrity } from '../../src/read/integrity-start.js';
import { createLedgerStore, type LedgerStore } from '../../src/store/adapter.js';
import { openTestStore } from '../helpers/esdb.js';

let noStore: LedgerStore;
t.before(async () => {
  const testStore = await openTestStore();
  t.teardown(() => testStore.close());
  noStore = createLedgerStore(testStore.client);
});

t.test(
  'the first start generates the key 0600 into DATA_DIR and logs the verifier key; the next one reads it',
  async (t) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-key-'));
    t.teardown(() => rm(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ DATA_DIR: dataDir });
    t.match(config.checkpoints, {
      origin: 'position-ledger',
      everyEvents: 1000,
      everyMs: 60_000,
      signingKey: { file: path.join(dataDir, 'checkpoint-signing.key'), createIfMissing: true },
    });
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }),
    );
    const first = startIntegrity({ config: config.checkpoints, dataDir, store: noStore, logger, sweepOnStart: false });
    const vkey = first.key.verifierKey;
    await first.stop();
    t.equal((await stat(config.checkpoints.signingKey.file)).mode & 0o777, 0o600);
    t.ok(
      lines.some((l) => l.includes(vkey)),
      'the verifier key is in the start log',
    );
    const second = startIntegrity({ config: config.checkpoints, dataDir, store: noStore, logger, sweepOnStart: false });
    t.equal(second.key.verifierKey, vkey, 'the same key after a restart');
    await second.stop();
  },
);

t.test('a SIGNING_KEY_FILE that does not exist stops the start naming the variable', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-key-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SIGNING_KEY_FILE: path.join(dataDir, 'missing.key'),
    CHECKPOINT_EVERY_EVENTS: '10',
    CHECKPOINT_EVERY_SECONDS: '5',
  });
  t.match(config.checkpoints, { everyEvents: 10, everyMs: 5000, signingKey: { createIfMissing: false } });
  t.throws(
    () => startIntegrity({ config: config.checkpoints, dataDir, store: noStore, logger: pino({ level: 'silent' }) }),
    ConfigError,
  );
  t.throws(() => loadConfig({ LOG_ORIGIN: 'two words' }), ConfigError, 'an origin with a space is refused');
});
