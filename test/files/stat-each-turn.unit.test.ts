import { mkdtemp, writeFile } from 'node:fs/promises';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { statEachTurn } from '../../src/files/stat-each-turn.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function tempFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'ledger-stat-')), 'file.json');
}

t.test('a change to the file is seen from the next turn of the event loop', async (t) => {
  const file = await tempFile();
  await writeFile(file, 'one');
  const stat = statEachTurn(file);
  t.equal(stat()?.size, 3);
  writeFileSync(file, 'three');
  t.equal(stat()?.size, 3, 'within the turn, the stat it took');
  await nextTurn();
  t.equal(stat()?.size, 5, 'the next turn takes its own');
});

t.test('forget takes a new stat at once (the process wrote the file itself)', async (t) => {
  const file = await tempFile();
  await writeFile(file, 'one');
  const stat = statEachTurn(file);
  t.equal(stat()?.size, 3);
  writeFileSync(file, 'three');
  stat.forget();
  t.equal(stat()?.size, 5);
});

t.test('a file that does not exist is undefined, and seen once created', async (t) => {
  const file = await tempFile();
  const stat = statEachTurn(file);
  t.equal(stat(), undefined);
  await writeFile(file, 'one');
  await nextTurn();
  t.equal(stat()?.size, 3);
  rmSync(file);
  await nextTurn();
  t.equal(stat(), undefined);
});

t.test('a stat that fails is thrown each time, not kept', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-stat-'));
  const blocker = path.join(dir, 'blocker');
  writeFileSync(blocker, 'a file where a directory should be');
  const stat = statEachTurn(path.join(blocker, 'file.json'));
  t.throws(() => stat(), { code: 'ENOTDIR' });
  rmSync(blocker);
  mkdirSync(blocker);
  writeFileSync(path.join(blocker, 'file.json'), 'one');
  t.equal(stat()?.size, 3, 'in the same turn, once the path works');
});
