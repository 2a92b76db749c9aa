// Effective stream metadata ($maxCount, $maxAge, $tb) parsed from the last `$metadata` event.
export interface StreamMetadata {
  maxCount?: number;
  maxAgeSeconds?: number;
  /** Truncate-before; Infinity stands for long.MaxValue (soft-deleted). */
  truncateBefore?: number;
  /** The parsed JSON object, for rewriting it with a new $tb. */
  raw: Record<string, unknown>;
}

export const EMPTY_METADATA: StreamMetadata = { raw: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInt(value: unknown, min: number): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) return undefined;
  return value;
}

/** Malformed JSON or out-of-range values give empty metadata, never an error (like the real server). */
export function parseStreamMetadata(data: Uint8Array | undefined, isJson: boolean): StreamMetadata {
  if (data === undefined || !isJson || data.length === 0) return EMPTY_METADATA;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    return EMPTY_METADATA;
  }
  if (!isRecord(parsed)) return EMPTY_METADATA;
  const metadata: StreamMetadata = { raw: parsed };
  const maxCount = positiveInt(parsed.$maxCount, 1);
  if (maxCount !== undefined) metadata.maxCount = maxCount;
  const maxAge = positiveInt(parsed.$maxAge, 1);
  if (maxAge !== undefined) metadata.maxAgeSeconds = maxAge;
  const tb = positiveInt(parsed.$tb, 0);
  if (tb !== undefined) metadata.truncateBefore = tb >= Number.MAX_SAFE_INTEGER ? Infinity : tb;
  return metadata;
}

export function isSoftDeleted(metadata: StreamMetadata): boolean {
  return metadata.truncateBefore === Infinity;
}

export const SOFT_DELETE_METADATA = '{"$tb":9223372036854775807}';

/** The metadata JSON with `$tb` replaced, other keys kept (used when a soft-deleted stream is recreated). */
export function withTruncateBefore(metadata: StreamMetadata, tb: number): string {
  return JSON.stringify({ ...metadata.raw, $tb: tb });
}
