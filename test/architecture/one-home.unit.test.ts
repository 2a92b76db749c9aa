// One home per concept (docs/adr/0029-one-home-per-concept.md): a name exported by the inner layers
// means one thing (no two HistoryEntry or ConsultationState types), and a log position is declared
// once, in contracts/log-position.ts, whoever holds one.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';

const INNER = ['contracts', 'projections', 'src/domain', 'src/application', 'src/store'];

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

const DECLARATION =
  /^export (?:declare )?(?:abstract )?(?:interface|type|class|const|let|function|async function|enum) ([A-Za-z_$][\w$]*)/gm;

/**
 * Exported name -> the files that declare it (a zod schema and its inferred type of one name in one file count once).
 */
function homesOf(sources: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const homes = new Map<string, Set<string>>();
  for (const [file, text] of sources) {
    for (const match of text.matchAll(DECLARATION)) {
      const name = match[1];
      if (name === undefined) continue;
      const files = homes.get(name) ?? new Set<string>();
      files.add(file);
      homes.set(name, files);
    }
  }
  return homes;
}

async function sourcesOf(folders: readonly string[]): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  for (const folder of folders)
    for (const file of await filesUnder(folder)) sources.set(file, await readFile(file, 'utf8'));
  return sources;
}

t.test(
  'every name contracts, projections, the domain, the application and the store adapter export is declared in one file',
  async (t) => {
    const twice = [...homesOf(await sourcesOf(INNER))]
      .filter(([, files]) => files.size > 1)
      .map(([name, files]) => `${name}: ${[...files].sort().join(', ')}`);
    t.same(twice, []);
  },
);

t.test('the check finds a name declared in two files', async (t) => {
  const sources = new Map([
    ['projections/position-history.ts', 'export interface HistoryEntry {\n  readonly eventId: string;\n}\n'],
    ['src/application/history.ts', 'export interface HistoryEntry {\n  readonly stored: unknown;\n}\n'],
    [
      'contracts/streams.ts',
      "export const StreamKind = z.enum(['process']);\nexport type StreamKind = z.infer<typeof StreamKind>;\n",
    ],
  ]);
  t.same(
    [...homesOf(sources)].filter(([, files]) => files.size > 1).map(([name]) => name),
    ['HistoryEntry'],
  );
});

t.test('a log position is declared once, in contracts/log-position.ts', async (t) => {
  const shape = /\{\s*(?:readonly )?commit: bigint;\s*(?:readonly )?prepare: bigint;?\s*\}/;
  const declared = [...(await sourcesOf([...INNER, 'src/read', 'src/http', 'src/integrity', 'src/cli']))]
    .filter(([, text]) => shape.test(text))
    .map(([file]) => file);
  t.same(declared, ['contracts/log-position.ts']);
});
