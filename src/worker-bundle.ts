// A worker thread's module graph as one JavaScript file, so that a worker started from the TypeScript sources
// imports it without registering tsx in the thread (ADR 0080): tsx in a worker costs ~200 ms of CPU at each start.
// esbuild bundles the entry and every source it imports (npm packages stay imports, resolved from the project's
// node_modules). The bundle is kept on disk with a manifest of its inputs and a hash of each; a start that finds
// every input unchanged imports the kept bundle without running esbuild. A file changed, added to the graph or
// removed from it gives a new bundle at the next start; nothing is built by hand.
//
// Several processes start workers at once (tap's jobs, ledger child processes): every file is written under a
// name of its own and renamed into place, bundles are named by a hash of their content, and a manifest names its
// bundle only once the bundle is in place, so a reader never sees a half-written file.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import type { BuildOptions, BuildResult, Metafile, OutputFile } from 'esbuild';

/** Bumped when the build options or the manifest's shape change: older manifests are then rebuilt. */
const FORMAT = 1;
/** Bundles no manifest names any more are removed this long after they were written. */
const KEEP_UNUSED_MS = 60 * 60 * 1000;

export interface WorkerBundleOptions {
  /** The directory the graph's relative paths are taken from (the project root). */
  readonly root: string;
  /** Where bundles and manifests are kept. */
  readonly cacheDir: string;
  /** esbuild's buildSync (tests pass one that fails); default the esbuild package, loaded when first needed. */
  readonly buildSync?: (options: BuildOptions & { write: false; metafile: true }) => BuildResult;
}

interface Manifest {
  readonly format: number;
  readonly bundle: string;
  /** Each input's path from the root, and the sha256 of its content. */
  readonly inputs: Readonly<Record<string, string>>;
}

export class WorkerBundleError extends Error {}

const sha256 = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('base64url');

function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content);
  try {
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already gone; the rename's error is the one to report.
    }
    throw error;
  }
}

function readManifest(path: string): Manifest | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
    if (parsed.format !== FORMAT || typeof parsed.bundle !== 'string' || typeof parsed.inputs !== 'object') return null;
    return parsed as Manifest;
  } catch {
    return null;
  }
}

/** True when every input still has the content the manifest hashed. */
function upToDate(manifest: Manifest, root: string): boolean {
  for (const [input, hash] of Object.entries(manifest.inputs)) {
    let content: Buffer;
    try {
      content = readFileSync(resolve(root, input));
    } catch {
      return false;
    }
    if (sha256(content) !== hash) return false;
  }
  return true;
}

let esbuildSync: WorkerBundleOptions['buildSync'] | undefined;
function defaultBuildSync(): NonNullable<WorkerBundleOptions['buildSync']> {
  // Loaded only when a bundle is built: a start that finds its bundle up to date does not load esbuild.
  esbuildSync ??= (createRequire(import.meta.url)('esbuild') as typeof import('esbuild')).buildSync;
  return esbuildSync;
}

/**
 * The file URL of a bundle of `entry` (an absolute path) and everything it imports from the sources, built now
 * if the kept one is missing or any of its inputs changed. Throws WorkerBundleError when it cannot be built or kept.
 */
export function workerBundle(entry: string, options: WorkerBundleOptions): string {
  const { root, cacheDir } = options;
  const entryFromRoot = relative(root, entry);
  const name = basename(entry).replace(/\.[cm]?tsx?$/, '');
  const kind = `${name}.${sha256(entryFromRoot).slice(0, 10)}`;
  const manifestPath = join(cacheDir, `${kind}.json`);

  const kept = readManifest(manifestPath);
  if (kept !== null && existsSync(join(cacheDir, kept.bundle)) && upToDate(kept, root)) {
    return pathToFileURL(join(cacheDir, kept.bundle)).href;
  }

  let result: BuildResult;
  try {
    result = (options.buildSync ?? defaultBuildSync())({
      entryPoints: [entry],
      absWorkingDir: root,
      outfile: join(cacheDir, `${name}.mjs`),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // npm packages stay imports: native modules, and files packages load by path, must come from node_modules.
      packages: 'external',
      // As tsx does: class and function names stay as written (error names, logs) though bundling renames clashes.
      keepNames: true,
      // The map goes inline below without the sources' text; the text is read here to know what was bundled.
      sourcemap: 'external',
      sourcesContent: true,
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
  } catch (error) {
    throw new WorkerBundleError(`esbuild could not bundle ${entryFromRoot}: ${firstLine(error)}`);
  }
  const files = result.outputFiles ?? [];
  const code = files.find((f: OutputFile) => f.path.endsWith('.mjs'));
  const map = files.find((f: OutputFile) => f.path.endsWith('.map'));
  if (code === undefined || map === undefined || result.metafile === undefined) {
    throw new WorkerBundleError(`esbuild gave no bundle for ${entryFromRoot}`);
  }

  const sourceMap = JSON.parse(map.text) as { sources: string[]; sourcesContent?: (string | null)[] };
  const bundled = new Map<string, string>();
  sourceMap.sources.forEach((source, i) => {
    const text = sourceMap.sourcesContent?.[i];
    if (typeof text === 'string') bundled.set(relative(root, resolve(cacheDir, source)), sha256(text));
  });
  delete sourceMap.sourcesContent;
  // Each input hashed as it is now; one whose bundled text differs was changed while esbuild ran: the bundle is
  // used this once, but no manifest names it, so the next start builds again.
  const inputs: Record<string, string> = {};
  let changedMeanwhile = false;
  // esbuild reads the compiler options of tsconfig.json too (class fields, decorators): a change rebuilds.
  const read = Object.keys((result.metafile as Metafile).inputs);
  if (existsSync(join(root, 'tsconfig.json'))) read.push('tsconfig.json');
  for (const input of read) {
    let hash: string;
    try {
      hash = sha256(readFileSync(resolve(root, input)));
    } catch {
      hash = '';
      changedMeanwhile = true;
    }
    inputs[input] = hash;
    const seen = bundled.get(input);
    if (seen !== undefined && seen !== hash) changedMeanwhile = true;
  }

  const text =
    `${code.text}//# sourceMappingURL=data:application/json;base64,` +
    `${Buffer.from(JSON.stringify(sourceMap)).toString('base64')}\n`;
  const bundle = `${kind}.${sha256(text).slice(0, 16)}.mjs`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    if (!existsSync(join(cacheDir, bundle))) writeAtomically(join(cacheDir, bundle), text);
    if (!changedMeanwhile) {
      writeAtomically(manifestPath, JSON.stringify({ format: FORMAT, bundle, inputs } satisfies Manifest));
      removeUnused(cacheDir, kind, bundle);
    }
  } catch (error) {
    throw new WorkerBundleError(`the bundle of ${entryFromRoot} could not be written: ${firstLine(error)}`);
  }
  return pathToFileURL(join(cacheDir, bundle)).href;
}

/** Older bundles of `kind` left from earlier sources, once no process can still be about to import them. */
function removeUnused(cacheDir: string, kind: string, current: string): void {
  const now = Date.now();
  for (const file of readdirSync(cacheDir)) {
    if (file === current || !file.startsWith(`${kind}.`) || !/\.[\w-]{16}\.mjs$/.test(file)) continue;
    try {
      if (now - statSync(join(cacheDir, file)).mtimeMs > KEEP_UNUSED_MS) unlinkSync(join(cacheDir, file));
    } catch {
      // Another process removed it first.
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
