// What the ledger's integration tests (ledger.int, claim-order.int) build their requests from: a negotiator, a
// request context with its own Idempotency-Key, a process to register, and a key claimed as a request that crashed
// between its claim and its events leaves it.
import { randomUUID, type KeyObject } from 'node:crypto';
import { LedgerCommand, type Principal } from '../../contracts/index.js';
import type { ExecuteContext } from '../../src/application/ledger.js';
import { requestHash } from '../../src/application/idempotency.js';
import { claimKey } from '../../src/application/key-claims.js';
import type { LedgerStore } from '../../src/store/adapter.js';

export const negotiator = (): Principal => ({
  id: `mfa-${randomUUID()}`,
  agency: 'MFA',
  roles: ['negotiator'],
  clearance: 'secret',
});

export const ctx = (principal: Principal, extra: Partial<ExecuteContext> = {}): ExecuteContext => ({
  principal,
  idempotencyKey: randomUUID(),
  correlationId: randomUUID(),
  ...extra,
});

export const registerProcess = (processId: string) =>
  LedgerCommand.parse({
    type: 'RegisterProcess',
    processId,
    kind: 'treaty-negotiation',
    title: { th: 'คณะกรรมการเฉพาะกิจ', en: 'Ad Hoc Committee' },
    forum: 'UN General Assembly',
  });

export const newProcessId = () => `p${randomUUID().slice(0, 8)}`;

/**
 * Claims the context's key for `command` on `streamName` and appends nothing more: what a request that crashed
 * between its claim and its events leaves in the store.
 */
export async function claimLeftByCrash(
  store: LedgerStore,
  requestHashKey: KeyObject,
  context: ExecuteContext,
  command: LedgerCommand,
  streamName: string,
): Promise<void> {
  await claimKey(
    store,
    {
      principalId: context.principal.id,
      idempotencyKey: context.idempotencyKey ?? '',
      requestHash: requestHash({ command }, requestHashKey),
      commandType: command.type,
      streamName,
    },
    {},
  );
}
