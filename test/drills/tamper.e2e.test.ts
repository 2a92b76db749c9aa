// Drill: someone with access to the embedded store's SQLite file edits the ledger behind the server's
// back (ADR 0034). On a ledger holding the demo data, stopped, each edit below is made directly in
// events.sqlite; the ledger is started again on the same files. Each must be caught by the running
// server: /readyz reports integrity { ok: false, stream, revision, reason }, a read of the broken
// subject and a write to it answer 409 problem+json integrity_violation naming the stream, the log says
// what broke, the auditors' routes keep serving, and the audit replay does not answer equal: true.
// None may crash the server or answer a 500.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';
import { bodies } from '../http/helpers/writes.js';
import { eventually, writeCounts } from './helpers/processes.js';

type Db = Database.Database;
interface Row {
  position: number;
  stream: string;
  revision: number;
}

/** A position stream of the demo data with at least three events (the one the drills edit). */
function target(db: Db): string {
  const row = db
    .prepare(
      "SELECT stream FROM events WHERE stream LIKE 'position-%' GROUP BY stream HAVING count(*) >= 3 ORDER BY stream LIMIT 1",
    )
    .pluck()
    .get();
  if (typeof row !== 'string') throw new Error('the demo data has no position stream with three events');
  return row;
}

const rowOf = (db: Db, stream: string, revision: number): { position: number; data: Buffer; metadata: Buffer } =>
  db.prepare('SELECT position, data, metadata FROM events WHERE stream = ? AND revision = ?').get(stream, revision) as {
    position: number;
    data: Buffer;
    metadata: Buffer;
  };

/** Each edit, on the demo ledger's store file; returns the stream it broke. */
const drills: Record<string, (db: Db) => string> = {
  "an event's data edited": (db) => {
    const stream = target(db);
    const row = rowOf(db, stream, 1);
    const text = row.data.toString('utf8');
    const edited = text.includes('"en":"')
      ? text.replace('"en":"', '"en":"Quietly changed: ')
      : text.replace(/^\{/, '{"note":"added",');
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(Buffer.from(edited), row.position);
    return stream;
  },
  "an event's metadata edited": (db) => {
    const stream = target(db);
    const row = rowOf(db, stream, 1);
    const metadata = JSON.parse(row.metadata.toString('utf8')) as Record<string, unknown>;
    metadata['occurredAt'] = '2020-01-01T00:00:00.000Z';
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(
      Buffer.from(JSON.stringify(metadata)),
      row.position,
    );
    return stream;
  },
  'one event deleted': (db) => {
    const stream = target(db);
    db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(stream);
    return stream;
  },
  'a whole stream deleted': (db) => {
    const stream = target(db);
    db.prepare('DELETE FROM events WHERE stream = ?').run(stream);
    return stream;
  },
  'the last 3 ledger events dropped': (db) => {
    // The tail of the log cut off from the third-last ledger event on (what follows it goes too).
    const leaves = (
      db.prepare('SELECT position, stream, revision FROM events ORDER BY position DESC').all() as Row[]
    ).filter((r) => /^(process|session|issue|consultation|position)-/.test(r.stream));
    const cut = leaves[2];
    if (cut === undefined) throw new Error('fewer than 3 ledger events');
    db.prepare('DELETE FROM events WHERE position >= ?').run(cut.position);
    return leaves[0]?.stream ?? '';
  },
  'two events of different streams swapped in the log': (db) => {
    // Neighbours among the ledger's events, from two streams: each stream's own order (and chain) stays
    // intact, only the order across streams changes, which only the Merkle log can see.
    const rows = (db.prepare('SELECT position, stream, revision FROM events ORDER BY position').all() as Row[]).filter(
      (r) => /^(process|session|issue|consultation|position)-/.test(r.stream),
    );
    const i = rows.findIndex(
      (r, k) => r.stream.startsWith('position-') && rows[k + 1] !== undefined && rows[k + 1]?.stream !== r.stream,
    );
    const a = rows[i];
    const b = rows[i + 1];
    if (a === undefined || b === undefined) throw new Error('no neighbours to swap');
    const spare = (db.prepare('SELECT max(position) FROM events').pluck().get() as number) + 1000;
    db.transaction(() => {
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(spare, a.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a.position, b.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(b.position, spare);
    })();
    return a.stream;
  },
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

t.test(
  'tampering with the store file is caught by the running server, never answered with data or a 500',
  async (t) => {
    const base = await mkdtemp(path.join(tmpdir(), 'ledger-tamper-'));
    t.teardown(() => rm(base, { recursive: true, force: true }));
    const seedDir = path.join(base, 'seed');
    const env = { PORT: '0', LOG_LEVEL: 'info', CHECKPOINT_EVERY_EVENTS: '40', RATE_LIMIT_MAX: '100000' };

    // The demo ledger, with a checkpoint signed, then stopped.
    const seeded = await startLedger(loadConfig({ ...env, DATA_DIR: seedDir }), pino({ level: 'silent' }));
    const auditor = (
      await seeded.tokens.create({ id: 'oag-auditor', agency: 'OAG', roles: ['auditor'], clearance: 'top-secret' })
    ).token;
    const desk = (
      await seeded.tokens.create({
        id: 'mfa-desk',
        agency: 'MFA',
        roles: ['negotiator', 'approver'],
        clearance: 'top-secret',
      })
    ).token;
    try {
      await eventually('the demo ledger signs a checkpoint', async () => {
        const res = await fetch(`${seeded.url}/v1/audit/checkpoints/latest`, {
          headers: { authorization: `Bearer ${auditor}` },
        });
        return res.status === 200 ? true : undefined;
      });
      const ready = (await (await fetch(`${seeded.url}/readyz`)).json()) as { checks: { integrity: { ok: boolean } } };
      t.equal(ready.checks.integrity.ok, true, 'the untouched ledger passes');
    } finally {
      await seeded.close();
    }

    const counts: Record<string, unknown> = {};
    for (const [name, tamper] of Object.entries(drills)) {
      await t.test(name, async (t) => {
        const dir = path.join(base, name.replace(/\W+/g, '-'));
        await cp(seedDir, dir, { recursive: true });
        const db = new Database(path.join(dir, 'events.sqlite'));
        const broken = tamper(db);
        db.close();

        const lines: string[] = [];
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString('utf8'));
            done();
          },
        });
        // No demo load on the edited store: it would write missing demo events again.
        const ledger = await startLedger(
          loadConfig({ ...env, SEED_DEMO: 'false', DATA_DIR: dir }),
          pino({ level: 'info' }, sink),
        );
        const statuses: number[] = [];
        const call = async (method: 'GET' | 'POST', url: string, token?: string, body?: unknown): Promise<Answer> => {
          const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
          if (body !== undefined) {
            headers['content-type'] = 'application/json';
            headers['idempotency-key'] = `drill-${Math.random().toString(36).slice(2)}`;
          }
          const res = await fetch(`${ledger.url}${url}`, {
            method,
            headers,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          statuses.push(res.status);
          return { status: res.status, body: (await res.json()) as Record<string, unknown> };
        };
        try {
          const ready = await eventually('/readyz reports the break', async () => {
            const r = await call('GET', '/readyz');
            const integrity = (r.body['checks'] as Record<string, Record<string, unknown>>)['integrity'];
            return integrity?.['ok'] === false ? { status: r.status, integrity } : undefined;
          });
          t.equal(ready.status, 503);
          t.match(
            ready.integrity,
            { ok: false, stream: String, revision: String, reason: String },
            'it names the stream, the revision and the reason',
          );

          const log = await call('GET', '/v1/audit/log', auditor);
          t.equal(log.status, 200, 'the auditors can still look at the log');
          const breaks = ((log.body['log'] as Record<string, unknown>)['breaks'] as Array<{ stream: string }>).map(
            (b) => b.stream,
          );
          t.ok(breaks.includes(broken), `${broken} is among the broken streams (${breaks.join(', ')})`);
          t.equal((await call('GET', '/v1/audit/events?limit=10', auditor)).status, 200, 'and at the raw events');
          t.equal((await call('GET', '/v1/audit/checkpoints/latest', auditor)).status, 200, 'and at the checkpoints');

          const issueId = broken.startsWith('position-') ? broken.slice('position-'.length) : undefined;
          if (issueId !== undefined) {
            const read = await call('GET', `/v1/issues/${issueId}/position`, desk);
            t.equal(read.status, 409, 'a read of the broken subject is refused');
            t.match(read.body, { code: 'integrity_violation', details: { stream: String, revision: String } });
            const write = await call('POST', `/v1/issues/${issueId}/position/drafts`, desk, bodies.draft());
            t.equal(write.status, 409, 'a write to it is refused');
            t.match(write.body, { code: 'integrity_violation', details: { stream: broken } });
          }
          const list = await call('GET', '/v1/positions', desk);
          t.equal(list.status, 409, 'a list that may show the broken subject is refused too');
          t.match(list.body, { code: 'integrity_violation' });

          const replay = await call('POST', '/v1/audit/replay', auditor);
          t.equal(replay.status, 200);
          t.match(
            replay.body['replay'],
            { equal: false, integrity: { ok: false } },
            'the audit replay does not answer equal',
          );

          const said = lines.filter((l) => l.includes('integrity violation on'));
          t.ok(
            said.some((l) => l.includes(broken)),
            'the log line names the broken stream',
          );
          t.notOk(
            statuses.some((s) => s >= 500 && s !== 503),
            `no 5xx but the 503 of /readyz (${statuses.join(', ')})`,
          );
          counts[name] = { broken, found: ready.integrity, statuses };
        } finally {
          await ledger.close();
        }
      });
    }
    await writeCounts('tamper', counts);
  },
);
