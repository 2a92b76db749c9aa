// The domain and the projections stay pure: the lint configuration refuses impure imports there.
import t from 'tap';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function problemsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const impureImports: Array<[line: string, name: string]> = [
  ["import Fastify from 'fastify';", 'Fastify'],
  ["import { EventStoreDBClient } from '@eventstore/db-client';", 'EventStoreDBClient'],
  ["import { readFileSync } from 'node:fs';", 'readFileSync'],
  ["import Database from 'better-sqlite3';", 'Database'],
];

for (const folder of ['src/domain/example.ts', 'projections/example.ts']) {
  for (const [line, name] of impureImports) {
    t.test(`lint refuses "${line}" in ${folder}`, async (t) => {
      const problems = await problemsFor(`${line}\nexport const used = [${name}];\n`, folder);
      t.ok(
        problems.some((p) => p.startsWith('no-restricted-imports')),
        problems.join('\n'),
      );
    });
  }
}

t.test('lint lets the HTTP layer import fastify', async (t) => {
  const problems = await problemsFor(
    "import Fastify from 'fastify';\nexport const app = Fastify;\n",
    'src/http/example.ts',
  );
  t.same(problems, []);
});
