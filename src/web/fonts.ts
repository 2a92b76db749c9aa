// Sarabun, the Thai government's document face, served from the @fontsource/sarabun package
// (nothing from a CDN: the workspace works on a network without internet). Only the faces the
// stylesheet uses, the Thai and Latin subsets of weights 400 and 700, read into memory at start;
// their @font-face rules take each file's unicode-range from the package's own CSS, and the URLs
// carry the package version so browsers keep them for a year.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const FACES = [
  { weight: 400, subset: 'thai' },
  { weight: 400, subset: 'latin' },
  { weight: 700, subset: 'thai' },
  { weight: 700, subset: 'latin' },
] as const;

export interface FontFile {
  readonly path: string;
  readonly body: Buffer;
}

export interface Fonts {
  readonly files: readonly FontFile[];
  /** The @font-face rules, as the stylesheet imports them (`@import "ledger:fonts"`). */
  readonly css: string;
  /** The face to preload: the Thai subset at the body weight. */
  readonly preload: string;
}

export function loadFonts(): Fonts {
  const packageJson = createRequire(import.meta.url).resolve('@fontsource/sarabun/package.json');
  const root = dirname(packageJson);
  const { version } = z
    .object({ version: z.string().regex(/^[\w.-]+$/) })
    .parse(JSON.parse(readFileSync(packageJson, 'utf8')));
  const files: FontFile[] = [];
  let css = '';
  for (const { weight, subset } of FACES) {
    const name = `sarabun-${subset}-${weight}-normal.woff2`;
    const path = `/assets/fonts/${version}/${name}`;
    const packageCss = readFileSync(join(root, `${weight}.css`), 'utf8');
    const block = packageCss.split('@font-face').find((b) => b.includes(`/${name}`));
    const range = block === undefined ? undefined : /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (range === undefined) throw new Error(`@fontsource/sarabun ${version} has no unicode-range for ${name}`);
    files.push({ path, body: readFileSync(join(root, 'files', name)) });
    css += `@font-face{font-family:Sarabun;font-style:normal;font-display:swap;font-weight:${weight};src:url(${path}) format("woff2");unicode-range:${range.trim()}}\n`;
  }
  return { files, css, preload: files[0]?.path ?? '' };
}
