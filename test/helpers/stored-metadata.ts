// The metadata of a stored ledger event written by an MFA negotiator, as the adapter's readers parse it: for tests (and
// bench/write/history-cost.ts) that need one valid metadata and do not look at its values.
export const negotiatorMetadata = {
  actor: { principalId: 'mfa-1', agency: 'MFA', role: 'negotiator' },
  occurredAt: '2026-01-15T03:00:00.000Z',
  correlationId: 'c',
  causationId: 'c',
  schema: 1,
};
