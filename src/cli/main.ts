#!/usr/bin/env node
// The `ledger` command. Each sub-command lives in ./commands and registers itself here.
import { Command } from 'commander';
import { registerReplayCommand } from './commands/replay.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStoreCommand } from './commands/store.js';
import { registerTokenCommand } from './commands/token.js';

const program = new Command()
  .name('ledger')
  .description("Position Ledger: Thailand's negotiating positions, event-sourced")
  .showHelpAfterError();

registerServeCommand(program);
registerStoreCommand(program);
registerSeedCommand(program);
registerTokenCommand(program);
registerReplayCommand(program);

await program.parseAsync(process.argv);
