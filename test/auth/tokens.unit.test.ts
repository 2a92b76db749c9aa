import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { createTokenStore } from '../../src/auth/tokens.js';
import type { Principal } from '../../contracts/principal.js';

const officer: Principal = { id: 'oag-officer-1', agency: 'OAG', roles: ['agency-officer'], clearance: 'confidential' };

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-tokens-'));
  return path.join(dir, 'nested', 'tokens.json');
}

t.test('a created token verifies to the principal it names', async (t) => {
  const store = createTokenStore(await tempFile());
  const { token, id } = await store.create(officer, 'OAG desk');
  t.match(token, /^pl_[A-Za-z0-9_-]{43}$/);
  t.match(id, /^tok_/);
  t.same(await store.verify(token), officer);
});

t.test('unknown, truncated and unprefixed tokens verify to nobody', async (t) => {
  const store = createTokenStore(await tempFile());
  const { token } = await store.create(officer);
  t.equal(await store.verify(token.slice(0, -1)), null);
  t.equal(await store.verify(token.slice(3)), null);
  t.equal(await store.verify(''), null);
  t.equal(await store.verify(`pl_${'A'.repeat(43)}`), null);
});

t.test('the file holds only hashes, readable by the owner alone', async (t) => {
  const file = await tempFile();
  const store = createTokenStore(file);
  const { token } = await store.create(officer);
  const text = await readFile(file, 'utf8');
  t.notOk(text.includes(token), 'the token itself is not stored');
  t.notOk(text.includes(token.slice(3)), 'nor its random part');
  t.equal((await stat(file)).mode & 0o777, 0o600);
});

t.test('a revoked token stops working and shows as revoked', async (t) => {
  const store = createTokenStore(await tempFile());
  const kept = await store.create(officer);
  const dropped = await store.create({ ...officer, id: 'oag-officer-2' });
  t.same(await store.verify(dropped.token), { ...officer, id: 'oag-officer-2' }, 'it worked before');
  t.equal(await store.revoke(dropped.id), true);
  t.equal(await store.verify(dropped.token), null);
  t.same(await store.verify(kept.token), officer);
  t.equal(await store.revoke(dropped.id), false, 'revoking twice reports nothing to revoke');
  t.equal(await store.revoke('tok_unknown'), false);
  const listed = await store.list();
  t.equal(listed.length, 2);
  t.ok(listed.find((i) => i.id === dropped.id)?.revokedAt);
  t.equal(listed.find((i) => i.id === kept.id)?.revokedAt, undefined);
});

t.test('tokens created by another process are seen without a restart', async (t) => {
  const file = await tempFile();
  const server = createTokenStore(file);
  t.same(await server.list(), []);
  const cli = createTokenStore(file);
  const { token } = await cli.create(officer);
  t.same(await server.verify(token), officer);
  await cli.revoke((await cli.list())[0]?.id ?? '');
  t.equal(await server.verify(token), null);
});

t.test('concurrent creations all land in the file', async (t) => {
  const store = createTokenStore(await tempFile());
  const made = await Promise.all(
    Array.from({ length: 10 }, (_, i) => store.create({ ...officer, id: `officer-${i}` })),
  );
  t.equal((await store.list()).length, 10);
  for (const m of made) t.ok(await store.verify(m.token));
});

t.test('refuses a principal that is not valid and writes nothing', async (t) => {
  const file = await tempFile();
  const store = createTokenStore(file);
  const bad = { id: 'x', agency: 'CIA', roles: ['agency-officer'], clearance: 'secret' };
  // @ts-expect-error: the agency is not a known code
  await t.rejects(store.create(bad), { code: 'invalid_principal' });
  await t.rejects(store.create({ ...officer, roles: [] }), { code: 'invalid_principal' });
  await t.rejects(stat(file), { code: 'ENOENT' });
});

t.test('a corrupt token file is reported, not silently emptied', async (t) => {
  const file = await tempFile();
  const store = createTokenStore(file);
  await store.create(officer);
  await writeFile(file, '{ not json');
  await t.rejects(store.list(), { code: 'token_store_unreadable' });
  await t.rejects(store.create(officer), { code: 'token_store_unreadable' });
  t.equal(await readFile(file, 'utf8'), '{ not json', 'the file is left for a person to look at');
});

t.test('a token revoked by another process stops verifying from the next turn of the event loop', async (t) => {
  const file = await tempFile();
  const server = createTokenStore(file);
  const cli = createTokenStore(file);
  const { token, id } = await cli.create(officer);
  t.same(await server.verify(token), officer);
  t.equal(await cli.revoke(id), true);
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(await server.verify(token), null);
});

t.test('a token created or revoked in this process counts at once', async (t) => {
  const store = createTokenStore(await tempFile());
  const { token, id } = await store.create(officer);
  t.same(await store.verify(token), officer);
  t.same(store.verify(token), officer, 'answered without waiting once the file is read');
  t.equal(await store.revoke(id), true);
  t.equal(await store.verify(token), null);
});
