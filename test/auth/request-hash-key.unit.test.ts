import t from 'tap';
import type { Test } from 'tap';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRequestHashKey } from '../../src/auth/request-hash-key.js';
import { loadConfig } from '../../src/config.js';

async function tempDir(t: Test): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-key-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test(
  'the request-hash key is created in DATA_DIR on first start, readable by its owner only, and the same at the next start',
  async (t) => {
    const dataDir = await tempDir(t);
    const config = loadConfig({ DATA_DIR: path.join(dataDir, 'data') });
    t.same(config.requestHashKey, { file: path.join(dataDir, 'data', 'request-hash.key'), createIfMissing: true });
    const first = await loadRequestHashKey(config.requestHashKey);
    t.equal((await stat(config.requestHashKey.file)).mode & 0o777, 0o600);
    t.equal(first.symmetricKeySize, 32);
    const second = await loadRequestHashKey(config.requestHashKey);
    t.ok(first.equals(second), 'the same key after a restart');
    const [a, b] = await Promise.all(
      [0, 1].map(async (i) =>
        loadRequestHashKey({ file: path.join(dataDir, 'race.key'), createIfMissing: true }).then((k) => ({ i, k })),
      ),
    );
    t.ok(a?.k.equals(b?.k ?? first), 'two processes starting at once end up with one key');
  },
);

t.test(
  'REQUEST_HASH_KEY_FILE names a key every ledger process shares: it must exist and hold hex key material',
  async (t) => {
    const dir = await tempDir(t);
    const file = path.join(dir, 'shared.key');
    const config = loadConfig({ DATA_DIR: dir, REQUEST_HASH_KEY_FILE: file });
    t.same(config.requestHashKey, { file, createIfMissing: false });
    await t.rejects(loadRequestHashKey(config.requestHashKey), {
      name: 'ConfigError',
      problems: [{ variable: 'REQUEST_HASH_KEY_FILE', message: /does not exist.*openssl rand -hex 32/ }],
    });
    await writeFile(file, 'not a key\n', { mode: 0o600 });
    await t.rejects(loadRequestHashKey(config.requestHashKey), {
      name: 'ConfigError',
      problems: [{ variable: 'REQUEST_HASH_KEY_FILE', message: /hex/ }],
    });
    await writeFile(file, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    t.same((await loadRequestHashKey(config.requestHashKey)).export(), Buffer.from('ab'.repeat(32), 'hex'));
  },
);
