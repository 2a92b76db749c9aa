/* eslint-disable no-console -- the test captures what the CLI prints */
// `ledger replay` against a store: prints each issue's position at the point asked for.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { registerReplayCommand } from '../../src/cli/commands/replay.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openTestStore, usesExternalStore } from '../helpers/esdb.js';
import { draftEvent } from './events.js';

async function run(args: string[]): Promise<{ out: string; err: string; code: number | undefined }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => err.push(a.join(' '));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    const program = new Command().exitOverride();
    registerReplayCommand(program);
    await program.parseAsync(['node', 'ledger', ...args]);
    return {
      out: out.join('\n'),
      err: err.join('\n'),
      code: typeof process.exitCode === 'number' ? process.exitCode : undefined,
    };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = before;
  }
}

t.test('prints the positions from a full replay, on either axis and as of a date', async (t) => {
  const test = await openTestStore();
  t.teardown(() => test.close());
  const store = createLedgerStore(test.client);
  const issueId = `cli-${randomUUID()}`;
  await store.append(`position-${issueId}`, [draftEvent(issueId, 1, '2022-01-10T00:00:00Z')], {
    expectedRevision: 'no_stream',
  });
  await store.append(`position-${issueId}`, [draftEvent(issueId, 2, '2023-01-10T00:00:00Z')], { expectedRevision: 0n });

  const now = await run(['replay', '--url', test.connectionString, '--json']);
  t.equal(now.code, undefined, now.err);
  const parsed = JSON.parse(now.out) as {
    positions: Array<{ issueId: string; pendingDraft: { version: number } | null }>;
  };
  t.equal(parsed.positions.find((p) => p.issueId === issueId)?.pendingDraft?.version, 2);

  const in2022 = await run(['replay', '--url', test.connectionString, '--as-of', '2022-06-01']);
  t.match(in2022.out, new RegExp(`${issueId}: no position in force; pending draft v1 support`));

  const recorded = await run(['replay', '--url', test.connectionString, '--as-of', '2022-06-01', '--axis', 'recorded']);
  t.notMatch(recorded.out, issueId, 'recorded today: unknown to the ledger in 2022');
});

t.test('refuses a bad --as-of or --axis with a clear message', async (t) => {
  await t.rejects(run(['replay', '--as-of', '31 กุมภาพันธ์ 2567']), /does not exist/);
  await t.rejects(run(['replay', '--axis', 'sideways']), /valid .*recorded/);
});

t.test(
  'without --url or ESDB_URL it opens the embedded store on DATA_DIR, as ledger serve does',
  { skip: usesExternalStore() ? 'ESDB_URL names an external store' : false },
  async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ledger-replay-'));
    const before = process.env['DATA_DIR'];
    process.env['DATA_DIR'] = dir;
    t.teardown(async () => {
      if (before === undefined) delete process.env['DATA_DIR'];
      else process.env['DATA_DIR'] = before;
      await rm(dir, { recursive: true, force: true });
    });
    const empty = await run(['replay']);
    t.equal(empty.code, undefined, empty.err);
    t.match(empty.out, /from 0 events/, 'a fresh data directory holds no events');
  },
);
