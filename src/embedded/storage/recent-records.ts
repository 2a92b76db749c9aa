// The records of the last commits, kept in memory so that a live $all subscription is handed what was just
// committed without reading it back from SQLite (ADR 0055). The group committer adds the records of each
// transaction once it has committed (the moment SQLite shows them to the write path), in position order, before
// its sync; a reader asks for the records from a position on, up to the last durable position (ADR 0073), and gets
// them from here only when everything committed after that position is kept, or undefined: then it reads the log
// (a subscriber that is behind, one that catches up from the start). So a reader sees exactly the rows, in the
// order and at the positions, a read of the log (bounded the same way) would give it.
//
// Bounded by count and by bytes: a record's data and metadata may be views into the message they arrived in,
// so each counts the whole buffer under its views (a conservative bound on what it keeps alive).
import type { StoredRecord } from '../model.js';

export interface RecentRecords {
  /**
   * Records at `from` and after, up to `upTo` (the last durable position: records are kept from their commit, before
   * their sync, ADR 0073), in position order, at most `limit`; undefined when they are not all kept.
   */
  forward(from: number, limit: number, upTo: number): StoredRecord[] | undefined;
  /** The records one committed transaction wrote, in position order, all after the log's last position before it. */
  committed(records: readonly StoredRecord[]): void;
}

export interface RecentRecordsOptions {
  /** The log's last position when the store opened: everything after it is kept (until let go). */
  lastPosition: number;
  maxRecords?: number;
  maxBytes?: number;
}

const footprint = (r: StoredRecord): number => r.data.buffer.byteLength + r.metadata.buffer.byteLength;

export function createRecentRecords(options: RecentRecordsOptions): RecentRecords {
  const maxRecords = options.maxRecords ?? 2_000;
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  /** Every committed record with a position above this one is in `kept`. */
  let keptAfter = options.lastPosition;
  let kept: StoredRecord[] = [];
  let first = 0;
  let bytes = 0;

  function letGo(): void {
    while (kept.length - first > maxRecords || (bytes > maxBytes && first < kept.length)) {
      const dropped = kept[first];
      if (dropped === undefined) break;
      keptAfter = dropped.position;
      bytes -= footprint(dropped);
      first += 1;
    }
    // Compact once the dropped prefix is as long as what is kept.
    if (first > 0 && first >= kept.length - first) {
      kept = kept.slice(first);
      first = 0;
    }
  }

  return {
    forward(from, limit, upTo) {
      if (from <= keptAfter) return undefined;
      // First kept record at or after `from` (positions strictly increase).
      let lo = first;
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((kept[mid]?.position ?? Infinity) < from) lo = mid + 1;
        else hi = mid;
      }
      let end = Math.min(kept.length, lo + limit);
      while (end > lo && (kept[end - 1]?.position ?? Infinity) > upTo) end -= 1;
      return kept.slice(lo, end);
    },
    committed(records) {
      for (const record of records) {
        kept.push(record);
        bytes += footprint(record);
      }
      letGo();
    },
  };
}
