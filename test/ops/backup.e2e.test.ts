// `ledger backup` from a second terminal while the ledger serves writes, then `ledger restore` into an
// empty DATA_DIR: every write acknowledged before the backup began is in the copy, the copy's chains
// verify and it is a prefix of the served log, and the served ledger lost nothing. The admin route
// refuses every other role, a directory that is not empty and a relative path; restore refuses a
// DATA_DIR that is not empty.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import t from 'tap';
import { ROLES } from '../../contracts/index.js';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';
import { brokenLinks, ledgerEvents, ownStore } from './ledgers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = await mkdtemp(path.join(tmpdir(), 'ledger-backup-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));
const dataDir = path.join(dir, 'data');
const env = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false', RATE_LIMIT_MAX: '1000000' };
const running = await startLedger(loadConfig(env), pino({ level: 'silent' }));
let serving = true;
t.teardown(async () => {
  if (serving) await running.close();
});
const tokenFor = async (role: (typeof ROLES)[number]) =>
  (
    await running.tokens.create(
      { id: `backup-${role}-${randomUUID().slice(0, 8)}`, agency: 'MFA', roles: [role], clearance: 'top-secret' },
      'backup test',
    )
  ).token;
const admin = await tokenFor('admin');
const desk = (
  await running.tokens.create(
    { id: 'backup-desk', agency: 'MFA', roles: ['negotiator', 'approver'], clearance: 'secret' },
    'backup test',
  )
).token;

const post = async (url: string, token: string, body: unknown, key = true) => {
  const res = await fetch(`${running.url}${url}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { eventIds?: string[]; code?: string; to?: string; position?: number },
  };
};

/** Runs the ledger command with DATA_DIR (and more) set; resolves with its exit code and output. */
function ledger(args: string[], extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ESDB_URL: '', ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
}

const processId = `bk-${randomUUID().slice(0, 8)}`;
const registered = await post('/v1/processes', desk, {
  processId,
  kind: 'treaty-negotiation',
  title: { th: 'การเจรจา', en: 'Negotiation' },
  forum: 'UNGA',
});
if (registered.status !== 201) throw new Error(`setup: ${JSON.stringify(registered.body)}`);

/** Every write acknowledged (201), with when. */
const acked: { ids: string[]; at: number }[] = [{ ids: registered.body.eventIds ?? [], at: performance.now() }];
let writing = true;
let refusedWrites = 0;
const writer = async (n: number): Promise<void> => {
  for (let i = 0; writing; i += 1) {
    const issueId = `bk-${n}-${i}-${randomUUID().slice(0, 6)}`;
    const res = await post('/v1/issues', desk, {
      issueId,
      processId,
      code: `ART-${n}-${i}`,
      title: { th: `ประเด็น ${i}`, en: `Issue ${i}` },
    });
    if (res.status === 201) acked.push({ ids: res.body.eventIds ?? [], at: performance.now() });
    else refusedWrites += 1;
  }
};
const writers = [0, 1, 2, 3].map((n) => writer(n));

t.test(
  'the backup route answers admins only, and refuses a directory that is not empty or a relative path',
  async (t) => {
    const target = path.join(dir, `refused-${randomUUID()}`);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const res = await post('/v1/admin/backup', await tokenFor(role), { to: target }, false);
      t.equal(res.status, 403, `${role}: 403`);
      t.equal(res.body.code, 'role_not_allowed');
    }
    const full = path.join(dir, 'full');
    await rm(full, { recursive: true, force: true });
    await mkdir(full);
    await writeFile(path.join(full, 'something'), 'x');
    const refused = await post('/v1/admin/backup', admin, { to: full }, false);
    t.equal(refused.status, 409);
    t.equal(refused.body.code, 'backup_target_not_empty');
    const relative = await post('/v1/admin/backup', admin, { to: 'copy' }, false);
    t.equal(relative.status, 400);
    t.equal(relative.body.code, 'backup_target_invalid');
    const made = await post('/v1/admin/backup', admin, { to: target }, false);
    t.equal(made.status, 200);
    t.equal(made.body.to, target);
  },
);

t.test(
  'a backup taken while writes go on holds every write acknowledged before it began, verifies, and restores',
  async (t) => {
    while (acked.length < 40) await new Promise((resolve) => setTimeout(resolve, 50));
    const began = performance.now();
    const before = acked.flatMap((a) => a.ids);
    const to = path.join(dir, 'copy');
    const backup = await ledger(['backup', '--to', to, '--url', running.url], { LEDGER_TOKEN: admin });
    const ended = performance.now();
    writing = false;
    await Promise.all(writers);
    t.equal(backup.code, 0, backup.out);
    t.match(backup.out, /asking it for the backup[\s\S]*Backed up events\.sqlite, tokens\.json, request-hash\.key/);
    t.equal(refusedWrites, 0, 'no write was refused meanwhile');
    const during = acked.filter((a) => a.at > began && a.at < ended).length;
    t.comment(`${during} writes were acknowledged while the backup command ran`);
    for (const name of ['events.sqlite', 'backup.json', 'tokens.json', 'request-hash.key'])
      t.equal((await stat(path.join(to, name))).mode & 0o777, 0o600, `${name} is 0600`);
    t.equal((await stat(to)).mode & 0o777, 0o700, 'the directory is 0700');

    const restoredDir = path.join(dir, 'restored');
    const restore = await ledger(['restore', '--from', to], { DATA_DIR: restoredDir });
    t.equal(restore.code, 0, restore.out);
    const notEmpty = await ledger(['restore', '--from', to], { DATA_DIR: restoredDir });
    t.equal(notEmpty.code, 1);
    t.match(notEmpty.out, /is not empty: restore only into an empty DATA_DIR/);

    serving = false;
    await running.close();
    const live = await ownStore(dataDir);
    t.teardown(() => live.close());
    const copy = await ownStore(restoredDir);
    t.teardown(() => copy.close());
    const served = await ledgerEvents(live.store);
    const copied = await ledgerEvents(copy.store);
    const copiedIds = new Set(copied.map((e) => e.id));
    t.same(
      before.filter((id) => !copiedIds.has(id)),
      [],
      `all ${before.length} events acknowledged before the backup began are in the copy`,
    );
    t.same(brokenLinks(copied), [], 'every chain of the copy is intact');
    t.same(
      copied.map((e) => e.id),
      served.slice(0, copied.length).map((e) => e.id),
      'the copy is the served log up to a point: nothing missing, nothing extra',
    );
    const servedIds = new Set(served.map((e) => e.id));
    t.same(
      acked.flatMap((a) => a.ids).filter((id) => !servedIds.has(id)),
      [],
      `the served ledger lost none of the ${acked.length} acknowledged writes`,
    );
  },
);
