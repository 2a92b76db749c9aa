// Starting a worker thread on one of our modules, from the TypeScript sources (`npm start` runs them through
// tsx) or from built JavaScript: the thread evaluates a small bootstrap that registers tsx when it is needed,
// then imports the module. The embedded store, the audit replay and the integrity checks start theirs so.

/** The source to pass to `new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { ...workerModule(...) } })`. */
export const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) { const { register } = await import(workerData.tsx); register(); }
  await import(workerData.entry);
})().catch((error) => { setImmediate(() => { throw error; }); });
`;

/** The module `name` beside `callerUrl` (the caller's import.meta.url), and tsx to load it with from sources. */
export function workerModule(callerUrl: string, name: string): { entry: string; tsx: string | null } {
  const ts = callerUrl.endsWith('.ts');
  return {
    entry: new URL(`./${name}.${ts ? 'ts' : 'js'}`, callerUrl).href,
    tsx: ts ? import.meta.resolve('tsx/esm/api') : null,
  };
}
