// No import cycles (ADR 0031): a module of src/, contracts/ or projections/ never reaches itself through
// its imports, type-only ones included (a cycle of types is still two modules that cannot be understood,
// changed or moved apart). This walks the real import graph with TypeScript's own scanner and names
// each cycle it finds as a path of files.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import ts from 'typescript';

const ROOTS = ['src', 'contracts', 'projections'];

type Graph = ReadonlyMap<string, readonly string[]>;

/** The files a file's text imports or re-exports, resolved among `known` (`./x.js` is x.ts or x.tsx). */
function importsOf(file: string, text: string, known: (candidate: string) => boolean): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const target = path.normalize(path.join(path.dirname(file), fileName));
    const found = [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx'), target].find(known);
    return found === undefined ? [] : [found];
  });
}

/** Every cycle of the graph, one per strongly connected component, as a closed path of files. */
function cyclesOf(graph: Graph): string[][] {
  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const edges = graph.get(frame.node) ?? [];
      const to = edges[frame.edge];
      if (to !== undefined) {
        frame.edge += 1;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(to) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || edges.includes(frame.node)) components.push(component);
    }
  }
  return components.map((component) => pathThrough(graph, new Set(component)));
}

/** A closed path through a strongly connected component (breadth-first back to its first member). */
function pathThrough(graph: Graph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0] ?? '';
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? '';
    for (const to of graph.get(node) ?? []) {
      if (!component.has(to)) continue;
      if (to === start) {
        const cycle = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at))
          cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

async function importGraph(): Promise<Graph> {
  const files: string[] = [];
  for (const root of ROOTS) {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    files.push(
      ...entries.filter((e) => e.isFile() && /\.tsx?$/.test(e.name)).map((e) => path.join(e.parentPath, e.name)),
    );
  }
  const graph = new Map<string, string[]>();
  for (const file of files) graph.set(file, importsOf(file, await readFile(file, 'utf8'), existsSync));
  return graph;
}

t.test('no module of src/, contracts/ or projections/ imports itself through others', async (t) => {
  const graph = await importGraph();
  t.ok(graph.size > 200, `the walk sees the tree (${graph.size} files)`);
  t.ok((graph.get('src/boot/app.ts') ?? []).includes('src/http/app.ts'), 'the walk follows relative imports');
  t.same(
    cyclesOf(graph).map((cycle) => cycle.join(' -> ')),
    [],
  );
});

t.test('the walk names a cycle made of type-only imports, and a module importing itself', async (t) => {
  // The cycle src/read had before ADR 0031: the read side creates the audit replays, which named the
  // read side's type.
  const sources: Record<string, string> = {
    'src/read/read-side.ts': "import { createAuditReplays } from './audit-replay.js';\n",
    'src/read/audit-replay.ts':
      "import type { ReadSide } from './read-side.js';\nimport { replayAll } from './replay.js';\n",
    'src/read/replay.ts': "import { z } from 'zod';\n",
    'src/read/alone.ts': "export * from './alone.js';\n",
  };
  const known = (file: string) => file in sources;
  const graph = new Map(Object.entries(sources).map(([file, text]) => [file, importsOf(file, text, known)]));
  t.same(
    cyclesOf(graph)
      .map((cycle) => cycle.join(' -> '))
      .sort(),
    [
      'src/read/alone.ts -> src/read/alone.ts',
      'src/read/audit-replay.ts -> src/read/read-side.ts -> src/read/audit-replay.ts',
    ],
  );
  graph.set('src/read/audit-replay.ts', ['src/read/replay.ts']);
  graph.set('src/read/alone.ts', []);
  t.same(cyclesOf(graph), [], 'without the back edges, no cycle');
});
