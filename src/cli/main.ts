#!/usr/bin/env node
// The `ledger` command. Each sub-command lives in ./commands and registers itself here.
import { Command } from 'commander';
import { registerStoreCommand } from './commands/store.js';
import { registerTokenCommand } from './commands/token.js';

const program = new Command()
  .name('ledger')
  .description("Position Ledger: Thailand's negotiating positions, event-sourced")
  .showHelpAfterError();

registerStoreCommand(program);
registerTokenCommand(program);

await program.parseAsync(process.argv);
