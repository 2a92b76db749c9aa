// What the test processes carry (ADR 0081): the suite runs without coverage, so a process a test starts (a `ledger`
// command, a ledger server, the standalone store) does not load tap's coverage tracker, and still gets any Node
// option the developer set; and the test processes load TypeScript through tsx alone, not through tap's own
// TypeScript loader as well (ts-node, which tap would otherwise load in every test process of a fresh install's first
// run).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import t from 'tap';

const run = promisify(execFile);

/** NODE_OPTIONS and the --import options as a child process started from this test sees them. */
async function childSees(env: NodeJS.ProcessEnv): Promise<{ nodeOptions: string | null; execArgv: string[] }> {
  const script =
    'console.log(JSON.stringify({ nodeOptions: process.env.NODE_OPTIONS ?? null, execArgv: process.execArgv }))';
  const { stdout } = await run(process.execPath, ['-e', script], { env });
  return JSON.parse(stdout) as { nodeOptions: string | null; execArgv: string[] };
}

t.test('a process a test starts does not load tap coverage tracker', async (t) => {
  const seen = await childSees(process.env);
  t.notMatch(seen.nodeOptions ?? '', /@tapjs\/processinfo/);
  t.notMatch(seen.execArgv.join(' '), /@tapjs\/processinfo/);
});

t.test('a process a test starts keeps the Node options the developer set', async (t) => {
  const seen = await childSees({ ...process.env, NODE_OPTIONS: '--max-old-space-size=1024 --trace-warnings' });
  // tap's tracker writes each option quoted; the options are the same.
  t.match(seen.nodeOptions, /^"?--max-old-space-size=1024"? "?--trace-warnings"?$/);
});

t.test('a test process loads TypeScript through tsx alone', async (t) => {
  const imports = process.execArgv.filter((arg) => arg.startsWith('--import')).join(' ');
  t.match(imports, /--import=tsx/);
  t.notMatch(
    imports,
    /@tapjs\/typescript/,
    "tap's TypeScript loader (ts-node) is not loaded beside it (a fresh install: npm test runs `tap build` first)",
  );
});
