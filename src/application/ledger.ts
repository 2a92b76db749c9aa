// The write side's one entry point: execute(command, ctx) checks the principal's roles, reads the
// command's stream, folds it, lets the domain decide and appends the events with the revision it
// read as the expected revision. Idempotency-Key handling is described in docs/adr/0006-idempotency.md;
// many writers on one stream (turns in the process, retries across processes) in ./contention.ts.
import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import {
  currentSchemaVersion,
  sealEvent,
  validateEvent,
  type Agency,
  type CommandType,
  type EventMetadata,
  type LedgerCommand,
  type Principal,
  type Role,
} from '../../contracts/index.js';
import { invalid } from '../domain/errors.js';
import { DEFAULT_COORDINATING_AGENCY, allowedRoles, deciderFor, fold, type CommandContext, type CommandDecider } from '../domain/index.js';
import type { LedgerStore, StoredEvent } from '../store/adapter.js';
import { logPositionToJson, type LogPositionJson } from '../../contracts/log-position.js';
import { ConcurrencyError } from '../store/errors.js';
import { createStreamTurns, type ContentionOptions } from './contention.js';
import { ForbiddenError, IdempotencyKeyReusedError, PreconditionFailedError } from './errors.js';
import { assertDatesWithinReach } from './command-dates.js';
import { toStreamEvent, type StreamEvent } from './stream-event.js';
import { eventIdFor, requestFingerprint, type RequestFingerprint } from './idempotency.js';
import { assertClaimFits, claimKey, readClaim, type KeyClaim } from './key-claims.js';
import { newSalt } from './salts.js';
import { assertReferencesExist } from './references.js';

export interface ExecuteContext {
  principal: Principal;
  /** Idempotency-Key of the request; without one the events get random ids and no replay. */
  idempotencyKey?: string;
  /** From If-Match: the revision the caller last saw; a mismatch is PreconditionFailedError. */
  expectedRevision?: bigint | 'no_stream';
  correlationId: string;
  /** Defaults to the correlation id (a request caused by nothing but itself). */
  causationId?: string;
  /** Valid time of the fact when it differs from now (ISO instant). */
  occurredAt?: string;
  /** The venue's IANA time zone where it matters. */
  timeZone?: string;
}

export interface WriteResult {
  streamName: string;
  eventIds: string[];
  /** Stream revision after the write (the ETag). */
  revision: string;
  /** Commit position of the write's last event: read models at or past it include the write. */
  position: LogPositionJson;
  /** True when this answers a repeated Idempotency-Key and nothing was appended. */
  replayed: boolean;
}

export interface Ledger {
  execute(command: LedgerCommand, ctx: ExecuteContext): Promise<WriteResult>;
}

export interface LedgerOptions {
  store: LedgerStore;
  logger: Logger;
  clock?: () => Date;
  /** The agency whose principals may act for other agencies (COORDINATING_AGENCY); defaults to MFA. */
  coordinatingAgency?: Agency;
  /** How a write that lost a race to another process is retried (no If-Match given); see ./contention.ts. */
  contention?: Partial<ContentionOptions>;
  /**
   * The key of request hashes (ADR 0020; src/auth/request-hash-key.ts), the same for every ledger
   * writing to the store and across restarts. Without one, a random key of this instance: a retry sent
   * after a restart is then refused as a reused key. src/server.ts and `ledger seed` pass the kept one.
   */
  requestHashKey?: KeyObject;
}

function replayOf(streamName: string, prior: readonly StreamEvent[]): WriteResult {
  const last = prior.at(-1)?.stored;
  if (last === undefined) throw new RangeError('replayOf needs at least one event');
  return {
    streamName,
    eventIds: prior.map((e) => e.eventId),
    revision: last.revision.toString(),
    position: logPositionToJson(last.position),
    replayed: true,
  };
}

function revisionText(revision: bigint | 'no_stream'): string {
  return revision === 'no_stream' ? '-1' : revision.toString();
}

export function createLedger(options: LedgerOptions): Ledger {
  const { store, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const turns = createStreamTurns(logger, options.contention);
  const coordinatingAgency = options.coordinatingAgency ?? DEFAULT_COORDINATING_AGENCY;
  const requestHashKey = options.requestHashKey ?? createSecretKey(randomBytes(32));

  async function attempt(
    command: LedgerCommand,
    ctx: ExecuteContext,
    role: Role,
    decider: CommandDecider,
    streamName: string,
    request: RequestFingerprint,
    claim: { needed: boolean },
  ): Promise<WriteResult> {
    const read = await store.readStream(streamName);
    const history = read.events.map(toStreamEvent);

    const key = ctx.idempotencyKey;
    if (key !== undefined) {
      const prior = history.filter(
        (e) => e.metadata.idempotencyKey === key && e.metadata.actor.principalId === ctx.principal.id,
      );
      if (prior.length > 0) {
        if (prior.some((e) => !request.matchesEvent(e.metadata))) throw new IdempotencyKeyReusedError(key, streamName);
        return replayOf(streamName, prior);
      }
    }

    if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== read.revision) {
      throw new PreconditionFailedError(streamName, ctx.expectedRevision, read.revision);
    }

    const state = fold(decider, history);
    const now = clock().toISOString();
    if (ctx.occurredAt !== undefined && Date.parse(ctx.occurredAt) > Date.parse(now)) {
      throw invalid('occurred_at_in_future', `occurredAt ${ctx.occurredAt} is after now (${now}): the ledger records what has happened`, {
        occurredAt: ctx.occurredAt,
      });
    }
    const context: CommandContext = {
      actor: ctx.principal,
      now,
      coordinatingAgency,
      ...(ctx.occurredAt === undefined ? {} : { occurredAt: ctx.occurredAt }),
    };
    // Each classified value gets a salt of its own before it is written (ADR 0020).
    const decided = decider.decide(state, context).map((event) => validateEvent(sealEvent(event, newSalt)));
    const hash = request.hash;

    const metadataBase: EventMetadata = {
      actor: { principalId: ctx.principal.id, agency: ctx.principal.agency, role },
      occurredAt: ctx.occurredAt ?? now,
      // No time given: occurredAt is only when it was typed in (the read side may date it by its meeting, ADR 0009).
      ...(ctx.occurredAt === undefined ? { occurredAtDefaulted: true } : {}),
      ...(ctx.timeZone === undefined ? {} : { timeZone: ctx.timeZone }),
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? ctx.correlationId,
      schema: 1,
      ...(key === undefined ? {} : { idempotencyKey: key, requestHash: hash }),
    };
    // The domain accepted the command: claim the key before anything else is written, so the same
    // key can never also land a different request on another stream (docs/adr/0006-idempotency.md).
    if (key !== undefined && claim.needed) {
      const keyClaim: KeyClaim = { principalId: ctx.principal.id, idempotencyKey: key, requestHash: hash, commandType: command.type, streamName };
      await claimKey(store, keyClaim, { ...metadataBase });
      claim.needed = false;
    }

    if (decided.length === 0) {
      const last: StoredEvent | undefined = read.events.at(-1);
      return {
        streamName,
        eventIds: [],
        revision: revisionText(read.revision),
        position: last === undefined ? { commit: '0', prepare: '0' } : logPositionToJson(last.position),
        replayed: false,
      };
    }

    const events = decided.map((event, index) => ({
      id: key === undefined ? randomUUID() : eventIdFor(ctx.principal.id, key, streamName, hash, index),
      type: event.type,
      data: { ...event.data },
      metadata: { ...metadataBase, schema: currentSchemaVersion(event.type) },
    }));

    const outcome = await store.append(streamName, events, { expectedRevision: read.revision, chainHead: read.head });
    logger.info(
      { streamName, commandType: command.type, eventIds: events.map((e) => e.id), revision: outcome.revision.toString(), principalId: ctx.principal.id },
      'events appended',
    );
    return {
      streamName,
      eventIds: events.map((e) => e.id),
      revision: outcome.revision.toString(),
      position: logPositionToJson(outcome.position),
      replayed: false,
    };
  }

  async function execute(command: LedgerCommand, ctx: ExecuteContext): Promise<WriteResult> {
    const type: CommandType = command.type;
    const allowed = allowedRoles[type];
    const role = ctx.principal.roles.find((r) => allowed.includes(r));
    if (role === undefined) throw new ForbiddenError(type, allowed);
    assertDatesWithinReach(command, clock());
    // Occurred-At and the time zone change what is written: a retry must send the same ones.
    const request = requestFingerprint({ command, occurredAt: ctx.occurredAt, timeZone: ctx.timeZone }, requestHashKey);
    // A key already claimed by another request is refused before anything else is looked at.
    const existingClaim = ctx.idempotencyKey === undefined ? undefined : await readClaim(store, ctx.principal.id, ctx.idempotencyKey);
    assertClaimFits(existingClaim, request);
    await assertReferencesExist(store, command);

    const decider = deciderFor(command);
    const streamName = decider.streamName;
    const claim = { needed: ctx.idempotencyKey !== undefined && existingClaim === undefined };

    const ifMatch = ctx.expectedRevision;
    try {
      return await turns.write(streamName, () => attempt(command, ctx, role, decider, streamName, request, claim), { retryRaces: ifMatch === undefined });
    } catch (err) {
      if (err instanceof ConcurrencyError && ifMatch !== undefined) throw new PreconditionFailedError(streamName, ifMatch, err.actual ?? 'no_stream');
      throw err;
    }
  }

  return { execute };
}
