// The shapes the API answers with (reply schemas): the routes serialize through them, /openapi.json
// shows them, the tests and the web client parse with them.
export * from './common.js';
export * from './positions.js';
export * from './consultations.js';
export * from './audit.js';
export * from './live.js';
export * from './write-result.js';
export * from './workspace.js';
export * from './health.js';
export * from './follow-ups.js';
export * from './catalog.js';
export * from './changes.js';
