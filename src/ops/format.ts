// The export file (ADR 0036): JSON Lines, gzip when the name ends in `.gz`. The first line is the
// header (format, version, source, counts, the last checkpoint); every other line is one event of a
// non-system stream, in the source's log order, as the store adapter reads it back: ids, revision,
// type, data and metadata (both clocks' inputs and the chain links), the source's log position and
// record time. Bigints are decimal strings.
import { z } from 'zod';
import { LogPositionJson, logPositionToJson } from '../../contracts/log-position.js';
import type { StoredEvent } from '../store/adapter.js';

export const EXPORT_FORMAT = 'position-ledger-export';
export const EXPORT_VERSION = 1;
/** The signed checkpoints of the Merkle log (ADR 0022, its one definition); exported like any other stream. */
export { CHECKPOINT_STREAM } from '../integrity/checkpoint-stream.js';

const Revision = z.string().regex(/^\d{1,19}$/);
const Json = z.record(z.string(), z.unknown());

export const ExportedEvent = z.object({
  stream: z.string().min(1),
  revision: Revision,
  id: z.string().min(1),
  type: z.string().min(1),
  data: Json,
  metadata: Json,
  /** Where the source store had it; the target gives it a position of its own. */
  position: LogPositionJson,
  /** When the source store recorded it (ISO instant); kept by the import. */
  recordedAt: z.iso.datetime(),
});
export type ExportedEvent = z.infer<typeof ExportedEvent>;

export const ExportHeader = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  /** Which store was exported (a connection string without credentials, or the embedded store's data directory). */
  source: z.string(),
  /** The last position of the source's log the export covers (null: an empty store). */
  upTo: LogPositionJson.nullable(),
  counts: z.object({
    events: z.number().int().min(0),
    streams: z.number().int().min(0),
    checkpoints: z.number().int().min(0),
  }),
  lastCheckpoint: ExportedEvent.nullable(),
});
export type ExportHeader = z.infer<typeof ExportHeader>;

export function exportedEvent(e: StoredEvent): ExportedEvent {
  if (!isJsonObject(e.data))
    throw new ExportFileError(
      `${e.streamName}@${e.revision} (${e.id}) holds data that is not a JSON object; the export carries only ledger events`,
    );
  return {
    stream: e.streamName,
    revision: e.revision.toString(),
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    position: logPositionToJson(e.position),
    recordedAt: e.recordedAt.toISOString(),
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A file that is not an export of this format, or is cut short. */
export class ExportFileError extends Error {
  override readonly name = 'ExportFileError';
  readonly code = 'invalid_export_file';
}
