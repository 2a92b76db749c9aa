// The browser bundle, built by esbuild when the server starts (ADR 0025): src/web/client/main.tsx
// and its imports as one minified ES module, styles/app.css as one stylesheet, each named by a hash
// of its content so browsers may keep them for a year. Nothing is built by hand or checked in: the
// bundle always matches the source the server runs. About a quarter of a second at start.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { vocabulary } from './vocabulary.js';

export interface Asset {
  /** URL path, e.g. /assets/app.3q2v5Xk0bDmA.js */
  readonly path: string;
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  /** The same bytes gzipped, for browsers that accept it (a third of the size). */
  readonly gzip?: Buffer;
}

export interface Bundle {
  readonly script: Asset;
  readonly style: Asset;
}

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));

/**
 * Two modules made here: `import vocabulary from 'ledger:vocabulary'` in the client (the JSON of
 * vocabulary()) and `@import "ledger:fonts"` in the stylesheet (the @font-face rules of fonts.ts).
 */
function ledgerModules(fontsCss: string): Plugin {
  return {
    name: 'ledger-modules',
    setup(b) {
      b.onResolve({ filter: /^ledger:(vocabulary|fonts)$/ }, (args) => ({
        path: args.path.slice('ledger:'.length),
        namespace: 'ledger',
      }));
      b.onLoad({ filter: /^vocabulary$/, namespace: 'ledger' }, () => ({
        contents: JSON.stringify(vocabulary()),
        loader: 'json',
      }));
      b.onLoad({ filter: /^fonts$/, namespace: 'ledger' }, () => ({ contents: fontsCss, loader: 'css' }));
    },
  };
}

function asset(name: string, ext: string, type: string, contents: Uint8Array): Asset {
  const hash = createHash('sha256').update(contents).digest('base64url').slice(0, 12);
  return {
    path: `/assets/${name}.${hash}.${ext}`,
    body: Buffer.from(contents),
    type,
    etag: `"${hash}"`,
    gzip: gzipSync(contents, { level: 9 }),
  };
}

export async function buildBundle(fontsCss: string): Promise<Bundle> {
  const result = await build({
    entryPoints: { app: `${clientDir}main.tsx`, style: `${clientDir}styles/app.css` },
    bundle: true,
    write: false,
    outdir: '/bundle',
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: true,
    // Thai text stays UTF-8 (escaped it would take three times the bytes).
    charset: 'utf8',
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Fonts are served by the workspace plugin from @fontsource/sarabun, not inlined.
    external: ['/assets/*'],
    plugins: [ledgerModules(fontsCss)],
    logLevel: 'silent',
  });
  let script: Asset | undefined;
  let style: Asset | undefined;
  for (const file of result.outputFiles) {
    if (file.path.endsWith('/app.js')) script = asset('app', 'js', 'text/javascript; charset=utf-8', file.contents);
    else if (file.path.endsWith('/style.css')) style = asset('app', 'css', 'text/css; charset=utf-8', file.contents);
  }
  if (script === undefined || style === undefined)
    throw new Error(`the workspace bundle is incomplete: ${result.outputFiles.map((f) => f.path).join(', ')}`);
  return { script, style };
}
