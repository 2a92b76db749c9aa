// The one-adapter rule: the app touches events only through src/store; lint refuses the event store
// client anywhere else in src/ (src/embedded serves the protocol and may use it too).
import t from 'tap';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });
const code = "import { EventStoreDBClient } from '@eventstore/db-client';\nexport const used = [EventStoreDBClient];\n";

async function refused(filePath: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

for (const file of [
  'src/cli/commands/example.ts',
  'src/read/example.ts',
  'src/http/example.ts',
  'src/application/example.ts',
  'src/server.ts',
]) {
  t.test(`lint refuses the event store client in ${file}`, async (t) => {
    t.equal(await refused(file), true);
  });
}

for (const file of ['src/store/example.ts', 'src/embedded/example.ts']) {
  t.test(`lint lets ${file} use the event store client`, async (t) => {
    t.equal(await refused(file), false);
  });
}
