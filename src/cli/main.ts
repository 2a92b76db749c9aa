#!/usr/bin/env node
// The `ledger` command. Each sub-command lives in ./commands and registers itself here.
import { inspect } from 'node:util';
import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { registerCheckpointCommand } from './commands/checkpoint.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerExportCommand } from './commands/export.js';
import { registerImportCommand } from './commands/import.js';
import { registerReplayCommand } from './commands/replay.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStoreCommand } from './commands/store.js';
import { registerTokenCommand } from './commands/token.js';
import { failureLine } from './failure.js';
import { registerVerifyCommand } from './commands/verify.js';
import { complain, printableLines } from './terminal.js';

const program = new Command()
  .name('ledger')
  .description("Position Ledger: Thailand's negotiating positions, event-sourced")
  .showHelpAfterError()
  // Commander's own messages quote what was typed: escaped like everything else printed (./terminal.ts).
  .configureOutput({
    writeOut: (text) => process.stdout.write(printableLines(text)),
    writeErr: (text) => process.stderr.write(printableLines(text)),
  });

registerServeCommand(program);
registerStoreCommand(program);
registerSeedCommand(program);
registerTokenCommand(program);
registerReplayCommand(program);
registerVerifyCommand(program);
registerCheckpointCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerBackupCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Errors the ledger names (a code: bad configuration, a store in use or unreachable, a refused
  // command, a port taken) are for the person at the terminal: one line. Anything else is a bug: the
  // whole stack.
  const line = failureLine(err);
  if (line !== undefined) complain(line);
  else console.error(printableLines(inspect(err)));
  process.exitCode = err instanceof ConfigError ? 2 : 1;
}
