// Reply shapes of the integrity routes (ADR 0034): the Merkle log's signed checkpoints and its proofs.
// Hashes are base64 (as in the checkpoint note); a checkpoint is served as the signed note text, which
// is what an auditor keeps and checks (`ledger verify --trusted`), with its fields read out beside it.
import { z } from 'zod';

const Base64Hash = z.string().describe('A SHA-256 hash, base64 (standard alphabet, padded)');

export const LogPositionReply = z.object({ commit: z.string(), prepare: z.string() });

export const CheckpointReply = z
  .object({
    origin: z.string(),
    treeSize: z.number().int().min(0),
    rootHash: Base64Hash,
    /** $all position of the last leaf the checkpoint covers. */
    lastPosition: LogPositionReply.nullable(),
    time: z.string().describe('When it was signed (ISO instant, UTC)'),
    note: z.string().describe('The signed note (c2sp.org/tlog-checkpoint), byte for byte as signed and stored'),
    verifierKey: z.string().describe('The key that signed it, as <name>+<hex key ID>+<base64 key> (C2SP signed-note)'),
  })
  .meta({ id: 'Checkpoint' });
export type CheckpointReply = z.infer<typeof CheckpointReply>;

export const CheckpointAnswer = z.object({ checkpoint: CheckpointReply });

export const InclusionProofAnswer = z.object({
  proof: z.object({
    eventId: z.string(),
    stream: z.string(),
    revision: z.string(),
    leafIndex: z.number().int().min(0),
    treeSize: z.number().int().min(1),
    leafHash: Base64Hash,
    rootHash: Base64Hash.describe('The root of the tree of treeSize leaves (a checkpoint of that size states it)'),
    hashes: z.array(Base64Hash).describe('RFC 6962 audit path, lowest first'),
  }),
});
export type InclusionProofAnswer = z.infer<typeof InclusionProofAnswer>;

export const ConsistencyProofAnswer = z.object({
  proof: z.object({
    from: z.number().int().min(1),
    to: z.number().int().min(1),
    fromRoot: Base64Hash,
    toRoot: Base64Hash,
    hashes: z.array(Base64Hash).describe('RFC 6962 consistency proof'),
  }),
});
export type ConsistencyProofAnswer = z.infer<typeof ConsistencyProofAnswer>;

export const IntegrityState = z.object({
  ok: z.boolean(),
  stream: z.string().optional(),
  revision: z.string().optional(),
  eventId: z.string().nullable().optional(),
  reason: z.string().optional(),
  foundBy: z.string().optional(),
});

export const LogAnswer = z.object({
  log: z.object({
    origin: z.string(),
    verifierKey: z.string(),
    treeSize: z.number().int().min(0),
    integrity: IntegrityState,
    /** Every stream found broken, with its first break. */
    breaks: z.array(IntegrityState),
  }),
});
export type LogAnswer = z.infer<typeof LogAnswer>;
