// Contracts: the shapes every part of the ledger agrees on. Pure zod, no I/O.
export * from './errors.js';
export * from './text.js';
export * from './dates.js';
export * from './classification.js';
export * from './principal.js';
export * from './enums.js';
export * from './streams.js';
export * from './metadata.js';
export * from './events/index.js';
export * from './commands.js';
export * from './redaction.js';
export * from './command-dates.js';
export * from './paths.js';
export * from './log-position.js';
export * from './retractions.js';
export * from './stored-event.js';
export * from './json.js';
