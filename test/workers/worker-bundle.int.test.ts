// Workers started from the TypeScript sources run a kept JavaScript bundle of their module graph (ADR 0080):
// never older than the sources, built only when they changed, and tsx again when no bundle can be kept.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import t, { type Test } from 'tap';
import type { WorkerBundleOptions } from '../../src/worker-bundle.js';
import { WORKER_BOOTSTRAP, workerModule } from '../../src/worker-thread.js';

/** A module graph of its own: `files` under a temporary root, bundles under its cache/. */
function tree(t: Test, files: Record<string, string>): { root: string; write(name: string, text: string): void } {
  const root = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const write = (name: string, text: string): void => writeFileSync(join(root, name), text);
  // ES modules, as the project's sources are (tsx reads this when the tree is loaded through it).
  write('package.json', '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { root, write };
}

const ENTRY = `
import { parentPort } from 'node:worker_threads';
import { greeting } from './greeting.js';
parentPort?.postMessage(greeting());
`;

/** What the worker `entry.ts` of `root` posts first, started as the project starts its workers. */
async function run(root: string, bundles: Partial<WorkerBundleOptions> = {}): Promise<unknown> {
  const module = workerModule(pathToFileURL(join(root, 'x.ts')).href, 'entry', {
    root,
    cacheDir: join(root, 'cache'),
    ...bundles,
  });
  // Without tap's --enable-source-maps: `npm start` has none either.
  const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: module, stderr: true, execArgv: [] });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) before posting`)));
    });
  } finally {
    await worker.terminate();
  }
}

/** esbuild's buildSync, counting its calls. */
function countingBuild(): { builds: () => number; buildSync: typeof buildSync } {
  let calls = 0;
  return {
    builds: () => calls,
    buildSync: ((options) => {
      calls += 1;
      return buildSync(options);
    }) as typeof buildSync,
  };
}

t.test('a worker runs the code of a file it imports as edited since its last start', async (t) => {
  const { root, write } = tree(t, {
    'entry.ts': ENTRY,
    'greeting.ts': `export const greeting = (): string => 'hello';\n`,
  });
  t.equal(await run(root), 'hello');
  write('greeting.ts', `export const greeting = (): string => 'hello again';\n`);
  t.equal(await run(root), 'hello again');
});

t.test('a worker runs a file newly imported into its graph, and its later edits', async (t) => {
  const { root, write } = tree(t, {
    'entry.ts': ENTRY,
    'greeting.ts': `export const greeting = (): string => 'hello';\n`,
    'name.ts': `export const name: string = 'world';\n`,
  });
  t.equal(await run(root), 'hello');
  write('greeting.ts', `import { name } from './name.js';\nexport const greeting = (): string => 'hello ' + name;\n`);
  t.equal(await run(root), 'hello world');
  write('name.ts', `export const name: string = 'there';\n`);
  t.equal(await run(root), 'hello there');
});

t.test('a start whose sources are unchanged reuses the kept bundle without building', async (t) => {
  const { root, write } = tree(t, {
    'entry.ts': ENTRY,
    'greeting.ts': `export const greeting = (): string => 'hello';\n`,
  });
  const counted = countingBuild();
  t.equal(await run(root, { buildSync: counted.buildSync }), 'hello');
  t.equal(await run(root, { buildSync: counted.buildSync }), 'hello');
  t.equal(counted.builds(), 1, 'built once for two starts');
  write('greeting.ts', `export const greeting = (): string => 'hi';\n`);
  t.equal(await run(root, { buildSync: counted.buildSync }), 'hi');
  t.equal(counted.builds(), 2, 'built again after the edit');
  const kept = readdirSync(join(root, 'cache'));
  t.equal(kept.filter((f) => f.endsWith('.mjs')).length, 2, 'one bundle per content, none half-written');
  t.same(
    kept.filter((f) => f.endsWith('.tmp')),
    [],
  );
});

t.test('a worker whose bundle cannot be kept starts through tsx, with a warning', async (t) => {
  const { root } = tree(t, {
    'entry.ts': ENTRY,
    'greeting.ts': `export const greeting = (): string => 'hello';\n`,
    'cache-is-a-file': '',
  });
  const warnings: string[] = [];
  const onWarning = (warning: Error): void => {
    if (warning.name === 'WorkerBundleWarning') warnings.push(warning.message);
  };
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const cacheDir = join(root, 'cache-is-a-file', 'workers');
  t.equal(await run(root, { cacheDir }), 'hello', 'the cache directory cannot be made');
  t.equal(await run(root, { cacheDir }), 'hello', 'and again');
  const broken = (): never => {
    throw new Error('esbuild is not installed');
  };
  t.equal(await run(root, { buildSync: broken }), 'hello', 'esbuild cannot be loaded');
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(warnings.length, 2, 'one warning per cause');
  t.match(warnings[0], /could not be written.*through tsx/);
  t.match(warnings[1], /esbuild is not installed.*through tsx/);
});

t.test('an error thrown in a bundled worker points at the TypeScript file and line', async (t) => {
  const { root } = tree(t, {
    'entry.ts': ENTRY,
    'greeting.ts': [
      `interface Shape {`,
      `  readonly kind: string;`,
      `}`,
      `type Other = Shape & { readonly more: number };`,
      `export function greeting(): string {`,
      `  const shape: Shape = { kind: 'none' };`,
      `  throw new Error('no greeting for ' + shape.kind);`,
      `}`,
      ``,
    ].join('\n'),
  });
  mkdirSync(join(root, 'cache'));
  const error = await run(root).then(
    () => null,
    (e: unknown) => e,
  );
  t.type(error, Error);
  t.match((error as Error).message, 'no greeting for none');
  t.match((error as Error).stack, /greeting\.ts:7:\d+/, 'the line in the source, not in the bundle');
});

t.test(
  'a bundled worker asked to start another worker says it cannot, rather than failing to find a module',
  async (t) => {
    const threads = fileURLToPath(new URL('../../src/worker-thread.ts', import.meta.url));
    const { root } = tree(t, {
      'entry.ts': [
        `import { parentPort } from 'node:worker_threads';`,
        `import { workerModule } from ${JSON.stringify(threads)};`,
        `try {`,
        `  parentPort?.postMessage(workerModule(import.meta.url, 'other'));`,
        `} catch (error) {`,
        `  parentPort?.postMessage((error as Error).message);`,
        `}`,
        ``,
      ].join('\n'),
    });
    t.match(
      await run(root),
      /^other cannot be started from the worker bundle file:.*\.mjs: start it from the main thread$/,
    );
  },
);
