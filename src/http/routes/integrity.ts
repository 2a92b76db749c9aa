// The integrity routes and checks (ADR 0034), registered before the read API:
// - /readyz gains `integrity`: ok, or the first break { stream, revision, eventId, reason }.
// - Reads under /v1 that touch a broken subject answer problem+json integrity_violation instead of
//   data: an issue's or a consultation's routes when that subject's streams broke, every other read of
//   the read models (lists, the live stream, briefs) when anything broke. /v1/audit keeps serving, so
//   the break can be examined. Writes are refused by the guarded store (src/read/integrity.ts).
// - Auditors' routes: the log (origin, verifier key, size, breaks), checkpoints latest and by tree
//   size, inclusion proofs by event id, consistency proofs between tree sizes.
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { logPositionToJson } from '../../../contracts/log-position.js';
import {
  CheckpointAnswer,
  ConsistencyProofAnswer,
  InclusionProofAnswer,
  LogAnswer,
  type CheckpointReply,
} from '../../../contracts/read/integrity.js';
import { CHECKPOINT_STREAM, eventLeafHash, readCheckpointEvent } from '../../integrity/index.js';
import { committedData } from '../../store/commitment.js';
import type { IntegrityMonitor } from '../../read/integrity.js';
import { breakFor, type IntegritySubject } from '../../read/integrity-subject.js';
import { integrityViolation } from '../errors/integrity.js';
import type { LedgerApp } from '../instance.js';
import { requireBearer } from '../plugins/auth.js';
import { HttpProblem, ProblemSchema } from '../problem.js';
import { assertAuditor } from '../authorization.js';

/** The subject a request is about, when it is about one; null = it may show any. */
function subjectOf(request: FastifyRequest): IntegritySubject {
  const route = request.routeOptions.url ?? '';
  const params = (request.params ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (route.startsWith('/v1/issues/:issueId') && typeof params['issueId'] === 'string')
    return { kind: 'issue', id: params['issueId'] };
  if (route === '/v1/consultations/:id' && typeof params['id'] === 'string')
    return { kind: 'consultation', id: params['id'] };
  if (route === '/v1/alignment' && typeof query['issueId'] === 'string') return { kind: 'issue', id: query['issueId'] };
  return null;
}

const b64 = (hash: Buffer): string => hash.toString('base64');

const badRequest = (code: string, detail: string): HttpProblem =>
  new HttpProblem(400, code, 'The request names no part of the Merkle log', { detail });
const notFound = (code: string, title: string, detail: string): HttpProblem =>
  new HttpProblem(404, code, title, { detail });

const TreeSize = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export async function registerIntegrity(app: LedgerApp, integrity: IntegrityMonitor): Promise<void> {
  app.addReadinessCheck('integrity', async () => {
    const s = integrity.status();
    const failure = integrity.checkerFailure();
    if (s.ok && failure !== null)
      return { ok: false, detail: 'the integrity checks are not running; they are being started again' };
    if (s.ok)
      return { ok: true, detail: `${integrity.log.tree.size()} ledger events in the Merkle log; every check passed` };
    return {
      ok: false,
      stream: s.stream,
      revision: s.revision,
      eventId: s.eventId,
      reason: s.reason,
      detail: `integrity violation on ${s.stream}@${s.revision} (found by the ${s.foundBy})`,
    };
  });

  // Reads of the read models touching a broken subject. preHandler: after authentication (a caller
  // without a token still gets its 401) and validation.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    const route = request.routeOptions.url ?? '';
    if (!route.startsWith('/v1/') || route.startsWith('/v1/audit/')) return done();
    const broken = breakFor(subjectOf(request), integrity.broken());
    done(broken === undefined ? undefined : integrityViolation(broken));
  });

  // The auditors' raw events come from the read index (copies of the store's events, each checked as
  // the projector read it). The answer says so, and checks each event it shows against the Merkle log:
  // its leaf recomputed from exactly what is shown (redacted values by their commitments) must be the
  // log's leaf for that event id.
  // A callback hook: an async one costs every answer a promise and a turn of the microtask queue (ADR 0066).
  app.addHook('preSerialization', (request, _reply, payload: unknown, done) => {
    done(null, request.routeOptions.url === '/v1/audit/events' ? withLeafChecks(payload) : payload);
  });
  function withLeafChecks(payload: unknown): unknown {
    if (typeof payload !== 'object' || payload === null || !('events' in payload)) return payload;
    const events = (payload as { events: unknown }).events;
    if (!Array.isArray(events)) return payload;
    const checked = events.map((e: Record<string, unknown>) => {
      if (typeof e['eventId'] !== 'string' || typeof e['type'] !== 'string') return e; // a withheld marker
      const index = integrity.log.leafOf(e['eventId']);
      let matches = false;
      if (index !== undefined) {
        try {
          const leaf = eventLeafHash({
            stream: String(e['streamName']),
            revision: BigInt(String(e['revision'])),
            eventId: e['eventId'],
            type: e['type'],
            data: committedData(e['data'], 'redacted'),
            metadata: e['metadata'],
          });
          matches = leaf.equals(integrity.log.tree.leafHash(index));
        } catch {
          matches = false;
        }
      }
      return { ...e, leaf: { index: index ?? null, matchesLog: matches } };
    });
    return {
      ...payload,
      source: {
        events:
          'read index: copies of the store events, each checked against its stream chain as the projector read it',
        checkedAgainst: `Merkle log ${integrity.origin} (${integrity.log.tree.size()} leaves): each event leaf recomputed from what this answer shows; leaf.matchesLog false = this copy is not what the log holds`,
      },
      events: checked,
    };
  }

  const checkpointReply = (note: string): CheckpointReply => {
    const read = readCheckpointEvent(
      { type: 'CheckpointSigned', data: { note } },
      [integrity.key.verifier()],
      integrity.origin,
    );
    if (!read.ok) {
      const b = {
        stream: CHECKPOINT_STREAM,
        revision: '-1',
        eventId: null,
        reason: `a stored checkpoint does not open with the ledger's key: ${read.reason}`,
      };
      throw integrityViolation(b);
    }
    const c = read.checkpoint;
    return {
      origin: c.origin,
      treeSize: c.treeSize,
      rootHash: b64(c.rootHash),
      lastPosition: c.lastPosition === null ? null : logPositionToJson(c.lastPosition),
      time: c.time,
      note,
      verifierKey: integrity.key.verifierKey,
    };
  };

  await app.register(
    async (v1) => {
      requireBearer(v1);
      v1.addHook('preValidation', async (request) => assertAuditor(request));
      const typed = v1.withTypeProvider<ZodTypeProvider>();
      const problems = {
        401: ProblemSchema.describe('No or unknown bearer token'),
        403: ProblemSchema.describe('Not an auditor'),
      };

      typed.get(
        '/audit/log',
        {
          schema: {
            summary:
              'The Merkle log: its origin, the key that signs its checkpoints, its size and any integrity break (auditors)',
            tags: ['audit'],
            response: { 200: LogAnswer, ...problems },
          },
        },
        async () => ({
          log: {
            origin: integrity.origin,
            verifierKey: integrity.key.verifierKey,
            treeSize: integrity.log.tree.size(),
            integrity: integrity.status(),
            breaks: [...integrity.broken().values()].map((b) => ({ ok: false, ...b })),
          },
        }),
      );

      typed.get(
        '/audit/checkpoints/latest',
        {
          schema: {
            summary: 'The latest signed checkpoint of the Merkle log (auditors): keep its note outside MFA',
            tags: ['audit'],
            response: {
              200: CheckpointAnswer,
              ...problems,
              404: ProblemSchema.describe('No checkpoint signed yet (no_checkpoint)'),
              409: ProblemSchema.describe('integrity_violation'),
            },
          },
        },
        async () => {
          const latest = integrity.log.latestCheckpoint();
          if (latest === undefined)
            throw notFound(
              'no_checkpoint',
              'No checkpoint has been signed yet',
              'The ledger signs its first checkpoint once it holds events and its projector has caught up',
            );
          return { checkpoint: checkpointReply(latest.note) };
        },
      );

      typed.get(
        '/audit/checkpoints/:treeSize',
        {
          schema: {
            summary: 'The signed checkpoint of the Merkle log at one tree size (auditors)',
            tags: ['audit'],
            params: z.object({ treeSize: TreeSize }),
            response: {
              200: CheckpointAnswer,
              ...problems,
              400: ProblemSchema,
              404: ProblemSchema.describe('No checkpoint of that size (checkpoint_not_found)'),
              409: ProblemSchema.describe('integrity_violation'),
            },
          },
        },
        async (request) => {
          const { treeSize } = request.params;
          const note = integrity.log.checkpointNote(treeSize);
          if (note === undefined) {
            const latest = integrity.log.latestCheckpoint();
            throw notFound(
              'checkpoint_not_found',
              'No checkpoint of that tree size',
              `No checkpoint was signed at ${treeSize} leaves (the latest is at ${latest?.treeSize ?? 'none'}); GET /v1/audit/checkpoints/latest`,
            );
          }
          return { checkpoint: checkpointReply(note) };
        },
      );

      typed.get(
        '/audit/proofs/inclusion',
        {
          schema: {
            summary: 'RFC 6962 inclusion proof of a ledger event in the Merkle log of a given size (auditors)',
            tags: ['audit'],
            querystring: z.strictObject({
              eventId: z.string().min(1).max(100),
              treeSize: TreeSize.optional().describe('Default: the whole log'),
            }),
            response: {
              200: InclusionProofAnswer,
              ...problems,
              400: ProblemSchema.describe(
                'treeSize beyond the log, or not past the event (tree_size_beyond_log, event_not_in_tree)',
              ),
              404: ProblemSchema.describe('No ledger event of that id in the log (event_not_in_log)'),
            },
          },
        },
        async (request) => {
          const { eventId } = request.query;
          const size = integrity.log.tree.size();
          const treeSize = request.query.treeSize ?? size;
          if (treeSize > size)
            throw badRequest(
              'tree_size_beyond_log',
              `The Merkle log holds ${size} leaves; treeSize ${treeSize} is beyond it`,
            );
          const index = integrity.log.leafOf(eventId);
          if (index === undefined)
            throw notFound(
              'event_not_in_log',
              'No ledger event of that id in the Merkle log',
              `No leaf holds event ${eventId} (checkpoint events are not leaves; an event the projector has not reached yet is not in the log yet)`,
            );
          if (index >= treeSize)
            throw badRequest(
              'event_not_in_tree',
              `Event ${eventId} is leaf ${index}: not in the tree of ${treeSize} leaves`,
            );
          const leaf = integrity.log.leaf(index);
          return {
            proof: {
              eventId,
              stream: leaf?.stream ?? '',
              revision: leaf?.revision.toString() ?? '',
              leafIndex: index,
              treeSize,
              leafHash: b64(integrity.log.tree.leafHash(index)),
              rootHash: b64(integrity.log.tree.root(treeSize)),
              hashes: integrity.log.tree.inclusionProof(index, treeSize).map(b64),
            },
          };
        },
      );

      typed.get(
        '/audit/proofs/consistency',
        {
          schema: {
            summary: 'RFC 6962 consistency proof between two sizes of the Merkle log (auditors)',
            tags: ['audit'],
            querystring: z.strictObject({ from: TreeSize, to: TreeSize.optional().describe('Default: the whole log') }),
            response: {
              200: ConsistencyProofAnswer,
              ...problems,
              400: ProblemSchema.describe(
                'to beyond the log or from after to (tree_size_beyond_log, invalid_tree_sizes)',
              ),
            },
          },
        },
        async (request) => {
          const size = integrity.log.tree.size();
          const { from } = request.query;
          const to = request.query.to ?? size;
          if (to > size)
            throw badRequest('tree_size_beyond_log', `The Merkle log holds ${size} leaves; to = ${to} is beyond it`);
          if (from > to) throw badRequest('invalid_tree_sizes', `from (${from}) must not be after to (${to})`);
          return {
            proof: {
              from,
              to,
              fromRoot: b64(integrity.log.tree.root(from)),
              toRoot: b64(integrity.log.tree.root(to)),
              hashes: integrity.log.tree.consistencyProof(from, to).map(b64),
            },
          };
        },
      );
    },
    { prefix: '/v1' },
  );
}
