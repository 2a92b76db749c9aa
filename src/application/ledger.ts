// The write side's one entry point: execute(command, ctx). Once per request it admits the command (the
// principal's role, its dates, the streams it names); then, in the stream's turn, one attempt is the
// spine load -> fold -> decide -> append (attempt() below), with the revision it read as the expected
// revision. Each step is a named function taking the one Write. The Idempotency-Key's claim is appended
// once the domain accepted; it is read only when something refuses the request or claiming finds it taken.
// Idempotency-Key handling: docs/adr/0006-idempotency.md; many writers on one stream (turns in the
// process, retries across processes): ./contention.ts.
import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import {
  currentSchemaVersion,
  logPositionToJson,
  sealEvent,
  validateEvent,
  type Agency,
  type CommandType,
  type EventMetadata,
  type LedgerCommand,
  type LedgerEvent,
  type LogPositionJson,
  type Principal,
  type Role,
  type Source,
} from '../../contracts/index.js';
import { DomainError, invalid } from '../domain/errors.js';
import {
  DEFAULT_COORDINATING_AGENCY,
  allowedRoles,
  deciderFor,
  type CommandContext,
  type CommandDecider,
} from '../domain/index.js';
import type { LedgerStore, StreamRead } from '../store/adapter.js';
import { ConcurrencyError, StoreUnavailableError } from '../store/errors.js';
import { createStreamTurns, type ContentionOptions } from './contention.js';
import { ForbiddenError, IdempotencyKeyReusedError, PreconditionFailedError } from './errors.js';
import { assertDatesWithinReach } from './command-dates.js';
import { parsedAsWritten, toStreamEvents, type StreamEvent } from './stream-event.js';
import { foldKept } from './folds-kept.js';
import { eventsUnderKey } from './keys-kept.js';
import { eventIdFor, requestFingerprint, type RequestFingerprint } from './idempotency.js';
import { claimKey, keyStillToClaim } from './key-claims.js';
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
  /** Where the entry comes from (ADR 0038): written into every event's metadata; absent reads as `record`. */
  source?: Source;
  /**
   * Aborted when the caller stopped waiting (the HTTP write deadline): a write that has not appended yet is dropped.
   * Only `aborted` is read: an AbortSignal does, and so does the HTTP deadline's plain flag (ADR 0066).
   */
  signal?: Pick<AbortSignal, 'aborted'>;
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
   * after a restart is then refused as a reused key. The composition root (src/boot) and `ledger seed` pass the kept
   * one.
   */
  requestHashKey?: KeyObject;
}

function giveUpIfAbandoned(ctx: ExecuteContext): void {
  if (ctx.signal?.aborted === true)
    throw new StoreUnavailableError('The write was abandoned: its caller stopped waiting for the event store');
}

/** One write, as it goes from step to step. */
interface Write {
  readonly command: LedgerCommand;
  readonly ctx: ExecuteContext;
  /** The principal's role that allows the command (recorded in the events' actor). */
  readonly role: Role;
  /** The command's stream and its decider. */
  readonly decider: CommandDecider;
  /** What the request means, for its Idempotency-Key. */
  readonly request: RequestFingerprint;
  /** A key was sent and this write has not claimed it yet; cleared once it has (a retry keeps it). */
  claimNeeded: boolean;
}

export function createLedger(options: LedgerOptions): Ledger {
  const { store, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const turns = createStreamTurns(logger, options.contention);
  const coordinatingAgency = options.coordinatingAgency ?? DEFAULT_COORDINATING_AGENCY;
  const requestHashKey = options.requestHashKey ?? createSecretKey(randomBytes(32));

  async function execute(command: LedgerCommand, ctx: ExecuteContext): Promise<WriteResult> {
    const write = admit(command, ctx);
    try {
      await assertReferencesExist(store, command);
      return await inTurn(write);
    } catch (err) {
      // A key held by another request is refused before anything else (ADR 0006, point 6): the claim is read
      // only now that something refuses this request, not ahead of every write (ADR 0046).
      if (write.claimNeeded && isRefusal(err))
        await keyStillToClaim(store, ctx.principal.id, ctx.idempotencyKey, write.request);
      throw err;
    }
  }

  /** What is checked once per request before any read: role, dates, what the request means for its key. */
  function admit(command: LedgerCommand, ctx: ExecuteContext): Write {
    const role = roleFor(ctx.principal, command.type);
    assertDatesWithinReach(command, clock());
    // Occurred-At, the time zone and the source change what is written: a retry must send the same ones.
    const request = requestFingerprint(
      { command, occurredAt: ctx.occurredAt, timeZone: ctx.timeZone, source: ctx.source },
      requestHashKey,
    );
    const claimNeeded = ctx.idempotencyKey !== undefined;
    return { command, ctx, role, decider: deciderFor(command), request, claimNeeded };
  }

  /** The write in its stream's turn: attempts until one is not a lost race (If-Match: a lost race is a 412). */
  async function inTurn(write: Write): Promise<WriteResult> {
    const { streamName } = write.decider;
    const ifMatch = write.ctx.expectedRevision;
    try {
      return await turns.write(streamName, () => attempt(write), { retryRaces: ifMatch === undefined });
    } catch (err) {
      if (err instanceof ConcurrencyError && ifMatch !== undefined)
        throw new PreconditionFailedError(streamName, ifMatch, err.actual ?? 'no_stream');
      throw err;
    }
  }

  /** One attempt, in the stream's turn (run again from the start after a lost race). */
  async function attempt(write: Write): Promise<WriteResult> {
    // Its turn may come after the caller was answered 503: then nothing of it is written.
    giveUpIfAbandoned(write.ctx);
    const { streamName } = write.decider;
    // What this process appended last may stand in for a read: the append's expected revision checks it (ADR 0046).
    const read = await store.readStream(streamName, { ownWrites: true }); // load
    if (read.unconfirmed !== true) return onRead(write, read);
    return (await onOwnWrites(write, read)) ?? onRead(write, await store.readStream(streamName));
  }

  /**
   * The attempt on what this process appended, not read back: its answer when the store accepted an append at its
   * revision, or when it replays a first answer (those events are the store's); undefined when it refused or had
   * nothing to append, which the stream as the store has it may change.
   */
  async function onOwnWrites(write: Write, read: StreamRead): Promise<WriteResult | undefined> {
    try {
      const result = await onRead(write, read);
      return result.replayed || result.eventIds.length > 0 ? result : undefined;
    } catch (err) {
      if (isRefusal(err)) return undefined;
      throw err;
    }
  }

  /** The spine on what was read: fold -> decide -> append, at the revision read. */
  async function onRead(write: Write, read: StreamRead): Promise<WriteResult> {
    const history = toStreamEvents(read.events); // parsed on from the parse of the read it continues
    const earlier = earlierAnswer(write, history);
    if (earlier !== undefined) return earlier;
    assertExpectedRevision(write, read);
    const state = foldKept(write.decider, history); // fold (on from the state kept for what was folded before)
    const now = clock().toISOString();
    const events = decide(write, state, now); // decide
    const metadata = metadataOf(write, now);
    await claimOnce(write, metadata);
    if (events.length === 0) return unchanged(write, read);
    return append(write, read, events, metadata); // append
  }

  /** The domain's decision, each classified value sealed with a salt of its own (ADR 0020). */
  function decide(write: Write, state: unknown, now: string): LedgerEvent[] {
    const { ctx } = write;
    if (ctx.occurredAt !== undefined && Date.parse(ctx.occurredAt) > Date.parse(now)) {
      throw invalid(
        'occurred_at_in_future',
        `occurredAt ${ctx.occurredAt} is after now (${now}): the ledger records what has happened`,
        {
          occurredAt: ctx.occurredAt,
        },
      );
    }
    const context: CommandContext = {
      actor: ctx.principal,
      now,
      coordinatingAgency,
      ...(ctx.occurredAt === undefined ? {} : { occurredAt: ctx.occurredAt }),
    };
    return write.decider.decide(state, context).map((event) => validateEvent(sealEvent(event, newSalt)));
  }

  /**
   * The domain accepted the command: claim the key before anything else is written, so the same key can
   * never also land a different request on another stream (docs/adr/0006-idempotency.md).
   */
  async function claimOnce(write: Write, metadata: EventMetadata): Promise<void> {
    const { ctx, request, command } = write;
    if (ctx.idempotencyKey === undefined || !write.claimNeeded) return;
    const claim = {
      principalId: ctx.principal.id,
      idempotencyKey: ctx.idempotencyKey,
      requestHash: request.hash,
      commandType: command.type,
      streamName: write.decider.streamName,
    };
    await claimKey(store, claim, { ...metadata });
    write.claimNeeded = false;
  }

  async function append(
    write: Write,
    read: StreamRead,
    decided: readonly LedgerEvent[],
    metadata: EventMetadata,
  ): Promise<WriteResult> {
    const { ctx, command } = write;
    const { streamName } = write.decider;
    const key = ctx.idempotencyKey;
    const events = decided.map((event, index) => ({
      id: key === undefined ? randomUUID() : eventIdFor(ctx.principal.id, key, streamName, write.request.hash, index),
      type: event.type,
      data: { ...event.data },
      metadata: { ...metadata, schema: currentSchemaVersion(event.type) },
    }));
    giveUpIfAbandoned(ctx);
    // The events (their data the schema's own objects) are not used here again: the kept reads may keep them.
    const outcome = await store.append(streamName, events, {
      expectedRevision: read.revision,
      chainHead: read.head,
      handOver: true,
    });
    // Validated before the append: the next write takes them as parsed (stream-event.ts, ADR 0065).
    for (const stored of outcome.kept ?? []) parsedAsWritten(stored);
    const eventIds = events.map((e) => e.id);
    logger.info(
      {
        streamName,
        commandType: command.type,
        eventIds,
        revision: outcome.revision.toString(),
        principalId: ctx.principal.id,
      },
      'events appended',
    );
    return {
      streamName,
      eventIds,
      revision: outcome.revision.toString(),
      position: logPositionToJson(outcome.position),
      replayed: false,
    };
  }

  return { execute };
}

/** A refusal of the request itself (a rule, a reference, If-Match), as opposed to the store failing. */
function isRefusal(err: unknown): boolean {
  return err instanceof DomainError || err instanceof PreconditionFailedError;
}

/** The first of the principal's roles that may issue the command; ForbiddenError when none may. */
function roleFor(principal: Principal, type: CommandType): Role {
  const allowed = allowedRoles[type];
  const role = principal.roles.find((r) => allowed.includes(r));
  if (role === undefined) throw new ForbiddenError(type, allowed);
  return role;
}

/**
 * The answer given before, when the stream already holds this principal's events under this key: the
 * same request again appends nothing; another request under the key is refused.
 */
function earlierAnswer(write: Write, history: readonly StreamEvent[]): WriteResult | undefined {
  const { ctx, request } = write;
  const key = ctx.idempotencyKey;
  if (key === undefined) return undefined;
  // Found through an index kept beside the stream's events, not by scanning them (ADR 0052).
  const prior = eventsUnderKey(history, ctx.principal.id, key);
  const last = prior.at(-1)?.stored;
  if (last === undefined) return undefined;
  if (prior.some((e) => !request.matchesEvent(e.metadata)))
    throw new IdempotencyKeyReusedError(key, write.decider.streamName);
  return {
    streamName: write.decider.streamName,
    eventIds: prior.map((e) => e.eventId),
    revision: last.revision.toString(),
    position: logPositionToJson(last.position),
    replayed: true,
  };
}

/** If-Match: the stream must still be at the revision the caller decided on. */
function assertExpectedRevision(write: Write, read: StreamRead): void {
  const expected = write.ctx.expectedRevision;
  if (expected !== undefined && expected !== read.revision)
    throw new PreconditionFailedError(write.decider.streamName, expected, read.revision);
}

/** The custom metadata of the write's events (each gets its own schema version when appended). */
function metadataOf(write: Write, now: string): EventMetadata {
  const { ctx, role, request } = write;
  const key = ctx.idempotencyKey;
  return {
    actor: { principalId: ctx.principal.id, agency: ctx.principal.agency, role },
    occurredAt: ctx.occurredAt ?? now,
    // No time given: occurredAt is only when it was typed in (the read side may date it by its meeting, ADR 0009).
    ...(ctx.occurredAt === undefined ? { occurredAtDefaulted: true } : {}),
    ...(ctx.timeZone === undefined ? {} : { timeZone: ctx.timeZone }),
    ...(ctx.source === undefined ? {} : { source: ctx.source }),
    correlationId: ctx.correlationId,
    causationId: ctx.causationId ?? ctx.correlationId,
    schema: 1,
    ...(key === undefined ? {} : { idempotencyKey: key, requestHash: request.hash }),
  };
}

/** The answer when the decision appends nothing: the stream as it is. */
function unchanged(write: Write, read: StreamRead): WriteResult {
  const last = read.events.at(-1);
  return {
    streamName: write.decider.streamName,
    eventIds: [],
    revision: read.revision === 'no_stream' ? '-1' : read.revision.toString(),
    position: last === undefined ? { commit: '0', prepare: '0' } : logPositionToJson(last.position),
    replayed: false,
  };
}
