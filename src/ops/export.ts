// `ledger export`: every event of every non-system stream, in log order, as JSON Lines (format.ts).
// Two passes over $all up to the head the export began at: the first counts (events, streams, the
// checkpoints and the last of them) for the header, the second writes. Each holds one event at a time
// and the writer waits for the sink to drain, so memory stays the same at any size. Events appended
// while it runs (the ledger keeps serving) are after the head and left for the next export.
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { logPositionToJson, type LogPosition } from '../../contracts/log-position.js';
import type { LedgerStore, StoredEvent } from '../store/adapter.js';
import { isSystemName } from '../store/streams.js';
import { CHECKPOINT_STREAM, EXPORT_FORMAT, EXPORT_VERSION, exportedEvent, type ExportHeader } from './format.js';

export interface ExportOptions {
  /** Which store this is, for the header (no credentials). */
  source: string;
  /** Called as events are written: how many, of how many. */
  onProgress?: (written: number, of: number) => void;
}

type Reader = Pick<LedgerStore, 'readAll' | 'headPosition'>;

/** Every event of a non-system stream up to `upTo`, in log order. */
async function* ledgerEvents(store: Reader, upTo: LogPosition): AsyncGenerator<StoredEvent> {
  for await (const e of store.readAll({ from: 'start', prefixes: [''] })) {
    if (e.position.commit > upTo.commit || (e.position.commit === upTo.commit && e.position.prepare > upTo.prepare))
      return;
    if (!isSystemName(e.streamName)) yield e;
  }
}

async function countAll(
  store: Reader,
  upTo: LogPosition | null,
): Promise<Pick<ExportHeader, 'counts' | 'lastCheckpoint'>> {
  const counts = { events: 0, streams: 0, checkpoints: 0 };
  let lastCheckpoint: StoredEvent | null = null;
  if (upTo !== null) {
    for await (const e of ledgerEvents(store, upTo)) {
      counts.events += 1;
      // Each stream's first event comes once: streams are counted without remembering their names.
      if (e.revision === 0n) counts.streams += 1;
      if (e.streamName === CHECKPOINT_STREAM) {
        counts.checkpoints += 1;
        lastCheckpoint = e;
      }
    }
  }
  return { counts, lastCheckpoint: lastCheckpoint === null ? null : exportedEvent(lastCheckpoint) };
}

async function writeLine(sink: Writable, line: string): Promise<void> {
  if (!sink.write(`${line}\n`)) await once(sink, 'drain');
}

/** Writes the export to `sink` (left open) and returns its header. */
export async function exportLedger(store: Reader, sink: Writable, options: ExportOptions): Promise<ExportHeader> {
  const upTo = await store.headPosition();
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    source: options.source,
    upTo: upTo === null ? null : logPositionToJson(upTo),
    ...(await countAll(store, upTo)),
  };
  await writeLine(sink, JSON.stringify(header));
  let written = 0;
  if (upTo !== null) {
    for await (const e of ledgerEvents(store, upTo)) {
      await writeLine(sink, JSON.stringify(exportedEvent(e)));
      written += 1;
      if (written % 1000 === 0) options.onProgress?.(written, header.counts.events);
    }
  }
  options.onProgress?.(written, header.counts.events);
  if (written !== header.counts.events) {
    throw new Error(
      `The store changed under the export: ${header.counts.events} events counted, ${written} written (was an event removed?)`,
    );
  }
  return header;
}
