#!/usr/bin/env node
// The `ledger` command. Each sub-command lives in ./commands and registers itself here.
import { Command } from 'commander';

const program = new Command()
  .name('ledger')
  .description("Position Ledger: Thailand's negotiating positions, event-sourced")
  .showHelpAfterError();

await program.parseAsync(process.argv);
