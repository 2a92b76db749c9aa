// Dependencies point inward (docs/adr/0029-one-home-per-concept.md): contracts import nothing of the
// ledger; the domain and the projections import only contracts; the application imports only the
// domain, contracts and the store adapter, never the demo data, the read side or a front end; the store
// adapter imports only contracts, never the embedded server (ADR 0031); HTTP asks the read side, never
// the projections (ADR 0032). This
// walks the real import graph (every import and re-export, type-only ones included) of those folders,
// so a new folder elsewhere needs no new rule; lint refuses the same imports as they are typed.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import t from 'tap';
import ts from 'typescript';

interface Layer {
  /** The folder, from the repository root. */
  readonly folder: string;
  /** Folders its files may import from (itself included). */
  readonly mayImport: readonly string[];
  /** Packages its files may import; undefined: any (lint keeps the event store client to src/store). */
  readonly packages?: readonly string[];
}

const layers: readonly Layer[] = [
  { folder: 'contracts', mayImport: ['contracts'], packages: ['zod'] },
  { folder: 'src/domain', mayImport: ['src/domain', 'contracts'], packages: [] },
  { folder: 'projections', mayImport: ['projections', 'contracts'], packages: [] },
  { folder: 'src/application', mayImport: ['src/application', 'src/domain', 'contracts', 'src/store'] },
  // The one adapter over @eventstore/db-client: it starts no embedded server (src/boot does, ADR 0031).
  { folder: 'src/store', mayImport: ['src/store', 'contracts'] },
];

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

const within = (file: string, folder: string): boolean => file === folder || file.startsWith(`${folder}/`);

/** Every module a file's text imports or re-exports: [specifier, repository path for a relative one]. */
function importsOf(file: string, text: string): Array<[string, string | null]> {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName }) => [
    fileName,
    fileName.startsWith('.') ? path.normalize(path.join(path.dirname(file), fileName)) : null,
  ]);
}

/** The imports of a file of the layer that point outside what the layer may import. */
function outwardImports(layer: Layer, file: string, text: string): string[] {
  return importsOf(file, text).flatMap(([specifier, target]) => {
    const allowed =
      target === null
        ? (layer.packages?.some((p) => specifier === p || specifier.startsWith(`${p}/`)) ?? true)
        : layer.mayImport.some((folder) => within(target, folder));
    return allowed ? [] : [`${file} -> ${specifier}`];
  });
}

for (const layer of layers) {
  t.test(
    `${layer.folder} imports only ${layer.mayImport.join(', ')}${layer.packages === undefined ? '' : ` and ${layer.packages.length === 0 ? 'no package' : layer.packages.join(', ')}`}`,
    async (t) => {
      const files = await filesUnder(layer.folder);
      t.ok(files.length > 0, `${layer.folder} has files`);
      const outward: string[] = [];
      for (const file of files) outward.push(...outwardImports(layer, file, await readFile(file, 'utf8')));
      t.same(outward, []);
    },
  );
}

/** Folders a layer must not import from, whatever else it imports. */
const barriers: ReadonlyArray<{ readonly folder: string; readonly mayNotImport: readonly string[] }> = [
  // HTTP asks the read side its questions, never the folds (ADR 0032): http -> read -> projections.
  { folder: 'src/http', mayNotImport: ['projections'] },
];

/** The imports of a file that cross a barrier. */
function barredImports(mayNotImport: readonly string[], file: string, text: string): string[] {
  return importsOf(file, text).flatMap(([specifier, target]) =>
    target !== null && mayNotImport.some((folder) => within(target, folder)) ? [`${file} -> ${specifier}`] : [],
  );
}

for (const barrier of barriers) {
  t.test(`${barrier.folder} imports nothing from ${barrier.mayNotImport.join(', ')}`, async (t) => {
    const files = await filesUnder(barrier.folder);
    t.ok(files.length > 0, `${barrier.folder} has files`);
    const barred: string[] = [];
    for (const file of files) barred.push(...barredImports(barrier.mayNotImport, file, await readFile(file, 'utf8')));
    t.same(barred, []);
  });
}

t.test('the walk finds what the read routes imported of the projections before ADR 0032', async (t) => {
  const oldAudit =
    "import type { Envelope } from '../../../../projections/envelope.js';\nimport { homeKeyOf } from '../../../../projections/routing.js';\nimport type { ReadSide } from '../../../read/read-side.js';\n";
  t.same(barredImports(['projections'], 'src/http/routes/read/audit.ts', oldAudit), [
    'src/http/routes/read/audit.ts -> ../../../../projections/envelope.js',
    'src/http/routes/read/audit.ts -> ../../../../projections/routing.js',
  ]);
});

t.test(
  'the walk finds what the application imported of the demo data before ADR 0029, and an impure import in the domain',
  async (t) => {
    const [application, domain] = [
      layers.find((l) => l.folder === 'src/application'),
      layers.find((l) => l.folder === 'src/domain'),
    ];
    if (application === undefined || domain === undefined) throw new Error('layers missing');
    const oldSeed =
      "import { demoSeed, loadSeed, type LoadReport, type SeedStep } from '../seed/demo.js';\nimport type { LedgerStore } from '../store/adapter.js';\n";
    t.same(outwardImports(application, 'src/application/seed.ts', oldSeed), [
      'src/application/seed.ts -> ../seed/demo.js',
    ]);
    t.same(
      outwardImports(
        domain,
        'src/domain/example.ts',
        "import { randomUUID } from 'node:crypto';\nexport * from '../store/errors.js';\n",
      ),
      ['src/domain/example.ts -> node:crypto', 'src/domain/example.ts -> ../store/errors.js'],
    );
  },
);

const eslint = new ESLint({ cwd: process.cwd() });

async function refused(code: string, filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

for (const [from, line] of [
  ['src/application/example.ts', "import { seedDemo } from '../seed/load.js';"],
  ['src/application/example.ts', "import { demoSeed } from '../../src/seed/demo.js';"],
  ['src/application/example.ts', "import { replayAll } from '../read/replay.js';"],
  ['src/application/example.ts', "import { buildApp } from '../http/app.js';"],
  ['src/application/example.ts', "import { selectAsOf } from '../../projections/as-of.js';"],
] as const) {
  t.test(`lint refuses "${line}" in ${from}`, async (t) => {
    t.equal(await refused(`${line}\nexport const used = [${line.split(' ')[2] ?? ''}];\n`, from), true);
  });
}

for (const line of [
  "import { homeKeyOf } from '../../../../projections/routing.js';",
  "import { asOfFor } from '../../../projections/index.js';",
]) {
  t.test(`lint refuses "${line}" in src/http`, async (t) => {
    t.equal(
      await refused(`${line}\nexport const used = [${line.split(' ')[2] ?? ''}];\n`, 'src/http/routes/read/example.ts'),
      true,
    );
  });
}

t.test('lint lets src/http ask the read side', async (t) => {
  const code =
    "import { createQuestions } from '../../../read/questions.js';\nexport const used = [createQuestions];\n";
  t.equal(await refused(code, 'src/http/routes/read/example.ts'), false);
});

for (const line of [
  "import { startEmbeddedStore } from '../embedded/index.js';",
  "import { openStore } from '../boot/open-store.js';",
] as const) {
  t.test(`lint refuses "${line}" in src/store`, async (t) => {
    t.equal(
      await refused(`${line}\nexport const used = [${line.split(' ')[2] ?? ''}];\n`, 'src/store/example.ts'),
      true,
    );
  });
}

t.test('the walk finds the embedded server that src/store/connect.ts started before ADR 0031', async (t) => {
  const store = layers.find((l) => l.folder === 'src/store');
  if (store === undefined) throw new Error('layer missing');
  const oldConnect =
    "import { EventStoreDBClient } from '@eventstore/db-client';\nimport { EmbeddedStoreStartError, startEmbeddedStore, type EmbeddedStore } from '../embedded/index.js';\nimport { createLedgerStore, type LedgerStore } from './adapter.js';\n";
  t.same(outwardImports(store, 'src/store/connect.ts', oldConnect), ['src/store/connect.ts -> ../embedded/index.js']);
});

t.test('lint lets the application import the domain, contracts and the store adapter', async (t) => {
  const code = [
    "import { deciderFor } from '../domain/index.js';",
    "import { LedgerCommand } from '../../contracts/index.js';",
    "import { ConcurrencyError } from '../store/errors.js';",
    'export const used = [deciderFor, LedgerCommand, ConcurrencyError];',
    '',
  ].join('\n');
  t.equal(await refused(code, 'src/application/example.ts'), false);
});
