// What the ledger keeps on disk is readable by its own account only: DATA_DIR is 0700 and every file in
// it 0600 (the embedded store's SQLite file with its -wal and -shm, the read index file, the token
// file), whatever the umask, and a data directory left open by an older version is tightened at start.
import { chmod, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';
import { bodies } from '../http/helpers/writes.js';

const mode = async (file: string): Promise<string> => ((await stat(file)).mode & 0o777).toString(8).padStart(4, '0');

async function modes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = await mode(path.join(dir, name));
  return out;
}

async function runOnce(dataDir: string): Promise<Record<string, string>> {
  const running = await startLedger(
    loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
    pino({ level: 'silent' }),
  );
  try {
    const { token } = await running.tokens.create({
      id: 'mfa-desk',
      agency: 'MFA',
      roles: ['negotiator'],
      clearance: 'secret',
    });
    const res = await fetch(`${running.url}/v1/processes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `k-${Date.now()}`,
      },
      body: JSON.stringify(bodies.process(`proc-${Date.now()}`)),
    });
    if (res.status !== 201) throw new Error(`write answered ${res.status}`);
    return await modes(dataDir);
  } finally {
    await running.close();
  }
}

t.test(
  'a first start creates DATA_DIR 0700 and every file in it 0600, the SQLite -wal and -shm files included',
  async (t) => {
    const previous = process.umask(0o022);
    t.teardown(() => void process.umask(previous));
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'ledger-files-')), 'data');
    const files = await runOnce(dataDir);
    t.equal(await mode(dataDir), '0700', 'DATA_DIR');
    // The store holds its lock exclusively, so SQLite keeps its WAL index in memory (no events.sqlite-shm).
    for (const name of [
      'events.sqlite',
      'events.sqlite-wal',
      'read-models.sqlite',
      'read-models.sqlite-wal',
      'read-models.sqlite-shm',
      'tokens.json',
    ]) {
      t.equal(files[name], '0600', name);
    }
    t.same(
      Object.entries(files).filter(([, m]) => m !== '0600'),
      [],
      'no file in DATA_DIR is readable by others',
    );
    t.comment(JSON.stringify(files));
  },
);

t.test('a data directory an older version left 0755 with 0644 files is tightened at the next start', async (t) => {
  const previous = process.umask(0o022);
  t.teardown(() => void process.umask(previous));
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'ledger-files-')), 'data');
  await runOnce(dataDir);
  await chmod(dataDir, 0o755);
  for (const name of await readdir(dataDir)) await chmod(path.join(dataDir, name), 0o644);
  const files = await runOnce(dataDir);
  t.equal(await mode(dataDir), '0700');
  t.same(
    Object.entries(files).filter(([, m]) => m !== '0600'),
    [],
  );
});
