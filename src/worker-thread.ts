// Starting a worker thread on one of our modules, from the TypeScript sources (`npm start` runs them through
// tsx) or from built JavaScript: the thread evaluates a small bootstrap that imports the module. From the sources
// the module is a JavaScript bundle of the worker's graph, kept under node_modules/.cache (src/worker-bundle.ts,
// ADR 0080), so the thread needs no tsx; when the bundle cannot be built or kept, the thread registers tsx and
// imports the TypeScript as before. The embedded store, the read side's threads, the sweep and the audit replay
// start theirs so.
import { fileURLToPath } from 'node:url';
import { WorkerBundleError, workerBundle, type WorkerBundleOptions } from './worker-bundle.js';

/** The source to pass to `new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { ...workerModule(...) } })`. */
export const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.sourceMaps) process.setSourceMapsEnabled(true);
  if (workerData.tsx) { const { register } = await import(workerData.tsx); register(); }
  await import(workerData.entry);
})().catch((error) => { setImmediate(() => { throw error; }); });
`;

export interface WorkerModule {
  /** The URL the bootstrap imports. */
  readonly entry: string;
  /** tsx's API, registered in the thread first; null when the entry is JavaScript. */
  readonly tsx: string | null;
  /** A bundle's errors are reported at the TypeScript lines, through its inline source map. */
  readonly sourceMaps: boolean;
}

/** The sources' bundles, kept under the project's node_modules so that their imports of packages resolve there. */
const PROJECT: WorkerBundleOptions = {
  root: fileURLToPath(new URL('..', import.meta.url)),
  cacheDir: fileURLToPath(new URL('../node_modules/.cache/position-ledger/workers/', import.meta.url)),
};

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(`${message}; the worker loads its TypeScript through tsx instead (slower to start)`, {
    type: 'WorkerBundleWarning',
  });
}

/**
 * The module `name` beside `callerUrl` (the caller's import.meta.url), as the worker bootstrap should load it.
 * `bundles` says where the sources are and their bundles go (tests use a temporary tree).
 */
export function workerModule(callerUrl: string, name: string, bundles: WorkerBundleOptions = PROJECT): WorkerModule {
  if (callerUrl.endsWith('.mjs')) {
    // Sources are .ts and built JavaScript .js: an .mjs caller is a worker bundle, whose import.meta.url is its
    // own, so the worker's module would be looked for beside the bundle.
    throw new Error(`${name} cannot be started from the worker bundle ${callerUrl}: start it from the main thread`);
  }
  if (!callerUrl.endsWith('.ts')) {
    return { entry: new URL(`./${name}.js`, callerUrl).href, tsx: null, sourceMaps: false };
  }
  const source = new URL(`./${name}.ts`, callerUrl);
  try {
    return {
      entry: workerBundle(fileURLToPath(source), bundles),
      tsx: null,
      sourceMaps: true,
    };
  } catch (error) {
    warnOnce(
      error instanceof WorkerBundleError ? error.message : `the worker bundle of ${name} failed: ${String(error)}`,
    );
    return { entry: source.href, tsx: import.meta.resolve('tsx/esm/api'), sourceMaps: false };
  }
}
