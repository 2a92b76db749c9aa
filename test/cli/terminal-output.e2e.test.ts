// What the `ledger` command prints cannot act on the terminal: a title stored with an escape sequence,
// a carriage return or a bidi override (before the API refused them, or from another writer) is shown
// escaped, in text and in JSON output, and so is a token's label.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { pino } from 'pino';
import t from 'tap';
import type { Principal } from '../../contracts/index.js';
import { createLedger } from '../../src/application/ledger.js';
import { createTokenStore } from '../../src/auth/tokens.js';
import { registerTokenCommand } from '../../src/cli/commands/token.js';
import { printable, printableJson } from '../../src/cli/terminal.js';
import { createLedgerStore } from '../../src/store/adapter.js';
import { openTestStore } from '../helpers/esdb.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// eslint-disable-next-line no-control-regex
const actsOnTerminal = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

async function ledger(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ESDB_URL: '', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const hostile = 'Scope\u001b[2J\u001b[H\rv9 withdrawn \u202Efdp.exe\u009b';

t.test('ledger replay prints a stored title with its control characters escaped, in text and in JSON', async (t) => {
  const testStore = await openTestStore();
  t.teardown(() => testStore.close());
  const store = createLedgerStore(testStore.client);
  const ledgerApp = createLedger({ store, logger: pino({ level: 'silent' }) });
  const mfa: Principal = { id: 'mfa-desk', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' };
  const processId = `proc-${randomUUID().slice(0, 8)}`;
  const issueId = `issue-${randomUUID().slice(0, 8)}`;
  const ctx = () => ({ principal: mfa, correlationId: randomUUID() });
  // As the ledger stored text before the API refused it: straight through the application.
  await ledgerApp.execute(
    {
      type: 'RegisterProcess',
      processId,
      kind: 'treaty-negotiation',
      title: { th: 'อนุสัญญา', en: 'Convention' },
      forum: 'UN',
      mandate: [],
      leadAgency: 'MFA',
    },
    ctx(),
  );
  await ledgerApp.execute(
    {
      type: 'RegisterIssue',
      issueId,
      processId,
      code: 'ART-1',
      title: { th: 'ขอบเขต', en: hostile },
      refs: { articles: [] },
    },
    ctx(),
  );

  const text = await ledger(['replay', '--url', testStore.connectionString]);
  t.equal(text.code, 0, text.stderr);
  const line = text.stdout.split('\n').find((l) => l.includes(issueId));
  t.ok(line, 'the issue is listed');
  t.notMatch(text.stdout, actsOnTerminal, 'nothing in the output acts on the terminal');
  t.match(line, 'Scope\\x1B[2J\\x1B[H\\rv9 withdrawn \\u202Efdp.exe\\x9B', 'each character is shown as an escape');

  const json = await ledger(['replay', '--url', testStore.connectionString, '--json']);
  t.equal(json.code, 0, json.stderr);
  t.notMatch(json.stdout, actsOnTerminal);
  const parsed: unknown = JSON.parse(json.stdout);
  t.match(
    parsed,
    { positions: [{ issueId, issue: { title: { en: hostile } } }] },
    'the JSON still holds the text exactly',
  );
});

t.test('ledger token list shows a label with control characters escaped', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-cli-'));
  const file = path.join(dir, 'tokens.json');
  await createTokenStore(file).create(
    { id: 'oag-desk', agency: 'OAG', roles: ['agency-officer'], clearance: 'unclassified' },
    `OAG desk${hostile}`,
  );
  const lines: string[] = [];
  const program = new Command().exitOverride();
  registerTokenCommand(program, { env: { TOKEN_STORE: file }, out: (line) => lines.push(line) });
  await program.parseAsync(['token', 'list'], { from: 'user' });
  t.equal(lines.length, 1);
  t.notMatch(lines[0], actsOnTerminal);
  t.match(lines[0], '"OAG deskScope\\x1B[2J');
});

t.test('escaping shows every character a terminal acts on and leaves Thai and emoji alone', async (t) => {
  t.equal(printable('ท่าที 😀 café'), 'ท่าที 😀 café');
  t.equal(printable('a\u0000b\u0007c\u001bd\u007fe\u0085f'), 'a\\x00b\\x07c\\x1Bd\\x7Fe\\x85f');
  t.equal(printable('x\u202Ay\u2066z\u2069\u2028\u2029'), 'x\\u202Ay\\u2066z\\u2069\\u2028\\u2029');
  t.equal(printable('lone \ud800 half'), 'lone \\uD800 half');
  t.equal(printable('two\nlines\tand\rreturn'), 'two\\nlines\\tand\\rreturn');
  t.equal(printable(printable(hostile)), printable(hostile), 'escaping twice changes nothing');
  t.same(JSON.parse(printableJson({ title: hostile })), { title: hostile }, 'escaped JSON is still the same JSON');
});
