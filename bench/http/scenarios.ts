// The requests the benchmark loads the ledger with (issue 15): six reads an officer's browser makes,
// and three writes: keyed views each connection to its own consultation, keyed views all to one
// consultation (writers contending for one stream), and statements without an Idempotency-Key.
import { DEMO, statementBody, viewBody, type WriteFixtures } from './fixtures.js';
import type { LoadSpec } from './load.js';
import type { BenchTokens } from './prepare.js';

export interface ReadScenario {
  name: string;
  path: string;
}

export interface WriteScenario {
  name: string;
  spec: LoadSpec;
  /** Appends one request makes when it succeeds: its floor is the store's append rate divided by this. */
  appends: number;
}

export function readScenarios(consultationId: string): ReadScenario[] {
  return [
    { name: 'GET one position', path: `/v1/issues/${DEMO.issueId}/position` },
    { name: 'GET all positions', path: '/v1/positions' },
    { name: 'GET history of an issue', path: `/v1/issues/${DEMO.issueId}/history` },
    { name: 'GET alignment', path: '/v1/alignment' },
    { name: 'GET session brief', path: `/v1/sessions/${DEMO.sessionId}/brief` },
    { name: 'GET a consultation', path: `/v1/consultations/${consultationId}` },
  ];
}

/**
 * `keylessAccepted`: whether the ledger takes a POST without Idempotency-Key. When it refuses one
 * (400 idempotency_key_required), the statements are sent keyed, and named so.
 */
export function writeScenarios(
  fixtures: WriteFixtures,
  tokens: BenchTokens,
  keylessAccepted: boolean,
): WriteScenario[] {
  const pick = (list: string[], i: number): string => list[i % list.length] ?? '';
  const view = JSON.stringify(viewBody);
  return [
    {
      name: 'POST keyed views, a consultation per connection',
      spec: {
        method: 'POST',
        pathFor: (i) => `/v1/consultations/${pick(fixtures.consultations, i)}/views`,
        token: tokens.officer,
        body: view,
        keyed: true,
      },
      appends: 2,
    },
    {
      name: 'POST keyed views, all to one consultation',
      spec: {
        method: 'POST',
        pathFor: () => `/v1/consultations/${fixtures.contended}/views`,
        token: tokens.officer,
        body: view,
        keyed: true,
      },
      appends: 2,
    },
    {
      name: keylessAccepted
        ? 'POST keyless statements, an issue per connection'
        : 'POST statements, an issue per connection (keyed: a POST without a key is refused)',
      spec: {
        method: 'POST',
        pathFor: (i) => `/v1/issues/${pick(fixtures.issues, i)}/position/statements`,
        token: tokens.desk,
        body: JSON.stringify(statementBody),
        keyed: !keylessAccepted,
      },
      appends: keylessAccepted ? 1 : 2,
    },
  ];
}
