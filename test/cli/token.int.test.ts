import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import t from 'tap';
import { createTokenStore } from '../../src/auth/tokens.js';
import { registerTokenCommand } from '../../src/cli/commands/token.js';

async function setup() {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-cli-'));
  const file = path.join(dir, 'tokens.json');
  const lines: string[] = [];
  const run = async (...args: string[]) => {
    const program = new Command()
      .exitOverride()
      .configureOutput({ writeErr: (s) => lines.push(s), writeOut: (s) => lines.push(s) });
    registerTokenCommand(program, { env: { TOKEN_STORE: file }, out: (line) => lines.push(line) });
    await program.parseAsync(args, { from: 'user' });
  };
  return { file, lines, run };
}

t.test('token create prints a working token once and stores only its hash', async (t) => {
  const { file, lines, run } = await setup();
  await run(
    'token',
    'create',
    '--agency',
    'OAG',
    '--role',
    'agency-officer',
    '--role',
    'negotiator',
    '--clearance',
    'secret',
    '--name',
    'OAG desk',
  );
  const token = lines.find((l) => l.startsWith('pl_'));
  t.ok(token, 'the token is printed on its own line');
  if (token === undefined) return;
  const principal = await createTokenStore(file).verify(token);
  t.match(principal, {
    agency: 'OAG',
    roles: ['agency-officer', 'negotiator'],
    clearance: 'secret',
    id: /^oag-desk-[0-9a-f]{6}$/,
  });
  t.notOk((await readFile(file, 'utf8')).includes(token));
});

t.test('a derived principal id names the agency once, then the name', async (t) => {
  const { lines, run } = await setup();
  await run('token', 'create', '--agency', 'OAG', '--role', 'agency-officer', '--name', 'Legal desk', '--json');
  t.match(JSON.parse(lines.at(-1) ?? ''), { principal: { id: /^oag-legal-desk-[0-9a-f]{6}$/ } });
  await run('token', 'create', '--agency', 'NCSA', '--role', 'agency-officer', '--json');
  t.match(JSON.parse(lines.at(-1) ?? ''), { principal: { id: /^ncsa-[0-9a-f]{6}$/ } });
});

t.test('token create --json gives the token and principal for scripts', async (t) => {
  const { lines, run } = await setup();
  await run('token', 'create', '--agency', 'MFA', '--role', 'approver', '--id', 'mfa-dg', '--json');
  const printed: unknown = JSON.parse(lines.at(-1) ?? '');
  t.match(printed, {
    token: /^pl_/,
    id: /^tok_/,
    principal: { id: 'mfa-dg', agency: 'MFA', roles: ['approver'], clearance: 'unclassified' },
  });
});

t.test('token create refuses an unknown agency or role and writes nothing', async (t) => {
  const { file, run } = await setup();
  await t.rejects(run('token', 'create', '--agency', 'CIA', '--role', 'agency-officer'), {
    code: 'commander.invalidArgument',
  });
  await t.rejects(run('token', 'create', '--agency', 'OAG', '--role', 'king'), { code: 'commander.invalidArgument' });
  await t.rejects(run('token', 'create', '--role', 'negotiator'), { code: 'commander.missingMandatoryOptionValue' });
  await t.rejects(readFile(file), { code: 'ENOENT' });
});

t.test('token list shows ids and principals but never tokens; revoke disables one', async (t) => {
  const { file, lines, run } = await setup();
  await run('token', 'create', '--agency', 'RTP', '--role', 'agency-officer', '--json');
  const created: unknown = JSON.parse(lines.at(-1) ?? '');
  if (typeof created !== 'object' || created === null || !('id' in created) || !('token' in created)) {
    t.fail('no token created');
    return;
  }
  lines.length = 0;
  await run('token', 'list');
  t.equal(lines.length, 1);
  t.match(lines[0], new RegExp(`^${String(created.id)}  rtp-[0-9a-f]{6}  RTP  agency-officer  unclassified  active`));
  t.notOk(lines.join('\n').includes(String(created.token)));
  await run('token', 'revoke', String(created.id));
  t.equal(await createTokenStore(file).verify(String(created.token)), null);
  await t.rejects(run('token', 'revoke', String(created.id)), { code: 'token.not_found' });
});
