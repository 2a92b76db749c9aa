// Idempotency-Key claims (docs/adr/0006-idempotency.md): the first request a principal sends under a
// key claims it in a stream of its own, `idempotency-<uuid>`, appended with expected revision
// no_stream after the domain accepted the command and before its events are appended. A later request
// under the same key with another body (whatever stream or route it targets) finds the claim and is
// refused; the same body finds its own claim and goes on to replay or complete the first answer.
// Only plain expected-revision appends are used, so it works the same on the embedded store and on a
// real EventStoreDB cluster. The claim is not read ahead of every write (ADR 0046): claiming finds it
// taken (the append fails, then it is read), and a request refused for another reason reads it first.
import { z } from 'zod';
import type { LedgerStore } from '../store/adapter.js';
import { ConcurrencyError, IntegrityError } from '../store/errors.js';
import { IdempotencyKeyReusedError } from './errors.js';
import { deterministicId, eventIdFor, type RequestFingerprint } from './idempotency.js';

/** Category of the claim streams. Not a ledger category: the read side and audit never see claims. */
export const KEY_CLAIM_CATEGORY = 'idempotency';
export const KEY_CLAIMED = 'IdempotencyKeyClaimed';

export const KeyClaim = z.strictObject({
  principalId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  requestHash: z.string().regex(/^[0-9a-f]{64}$/),
  commandType: z.string().min(1),
  /** The stream the claimed request writes to. */
  streamName: z.string().min(1),
});
export type KeyClaim = z.infer<typeof KeyClaim>;

/** The claim stream of a principal's key. The key itself is not in the name (it may be long or odd). */
export function keyClaimStream(principalId: string, idempotencyKey: string): string {
  return `${KEY_CLAIM_CATEGORY}-${deterministicId(principalId, idempotencyKey, 'idempotency-key-claim')}`;
}

/** The claim on a principal's key, or undefined when the key was never used. */
export async function readClaim(
  store: Pick<LedgerStore, 'readStream'>,
  principalId: string,
  idempotencyKey: string,
): Promise<KeyClaim | undefined> {
  const name = keyClaimStream(principalId, idempotencyKey);
  const read = await store.readStream(name);
  const first = read.events[0];
  if (first === undefined) return undefined;
  const parsed = KeyClaim.safeParse(first.data);
  if (first.type !== KEY_CLAIMED || !parsed.success) {
    throw new IntegrityError(name, first.revision, first.id, `expected an ${KEY_CLAIMED} event`, {
      cause: parsed.success ? undefined : parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Refuses the request when its key was claimed by another request; true when a key was sent and is
 * still to be claimed. The ledger asks before it gives any other refusal, so a reused key is answered as such.
 */
export async function keyStillToClaim(
  store: Pick<LedgerStore, 'readStream'>,
  principalId: string,
  idempotencyKey: string | undefined,
  request: Pick<RequestFingerprint, 'matchesClaim'>,
): Promise<boolean> {
  if (idempotencyKey === undefined) return false;
  const claim = await readClaim(store, principalId, idempotencyKey);
  assertClaimFits(claim, request);
  return claim === undefined;
}

/** Refuses the request when its key was claimed by another request (another body or meaning). */
export function assertClaimFits(claim: KeyClaim | undefined, request: Pick<RequestFingerprint, 'matchesClaim'>): void {
  if (claim !== undefined && !request.matchesClaim(claim.requestHash)) {
    throw new IdempotencyKeyReusedError(claim.idempotencyKey, claim.streamName, claim.commandType);
  }
}

/**
 * Claims the key for this request. The claim's event id is derived from principal, key and body, so
 * two copies of one request racing here both succeed (the store de-duplicates, or the loser reads the
 * claim back and finds its own body); a request with another body loses and is refused.
 */
export async function claimKey(
  store: Pick<LedgerStore, 'readStream' | 'append'>,
  claim: KeyClaim,
  metadata: Record<string, unknown>,
): Promise<void> {
  const name = keyClaimStream(claim.principalId, claim.idempotencyKey);
  try {
    await store.append(
      name,
      [
        {
          id: eventIdFor(claim.principalId, claim.idempotencyKey, name, claim.requestHash, 0),
          type: KEY_CLAIMED,
          data: { ...claim },
          metadata,
        },
      ],
      { expectedRevision: 'no_stream', chainHead: null },
    );
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    const existing = await readClaim(store, claim.principalId, claim.idempotencyKey);
    if (existing === undefined) throw err;
    assertClaimFits(existing, { matchesClaim: (stored) => stored === claim.requestHash });
  }
}
