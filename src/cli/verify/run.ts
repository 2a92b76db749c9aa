// One `ledger verify` run over a store (ADR 0035): opens the kept checkpoints, reads the ledger's own
// checkpoints, then passes once over $all through the store adapter (ledger-verifier.ts). Memory: the
// checkpoints, one head per stream and the tree's right edge; never the events.
import type { LogPosition } from '../../../contracts/log-position.js';
import { CHECKPOINT_STREAM } from '../../integrity/checkpoint-stream.js';
import { openKeptCheckpoint } from '../../integrity/kept-checkpoint.js';
import { readLedgerCheckpoints } from '../../integrity/ledger-checkpoints.js';
import { createLedgerVerifier, type Break, type ExpectedCheckpoint } from '../../integrity/ledger-verifier.js';
import type { LedgerStore, StoredEvent } from '../../store/adapter.js';
import { IntegrityError } from '../../store/errors.js';
import type { AcceptedKey } from './keys.js';
import type { TrustedResult, VerifyResult } from './report.js';

export interface KeptFile {
  /** As the person named it (`--trusted kept.checkpoint`). */
  readonly file: string;
  readonly text: string;
}

export interface VerifyInput {
  readonly store: LedgerStore;
  /** Keys given with --key. */
  readonly keys: readonly AcceptedKey[];
  readonly trusted: readonly KeptFile[];
  /** The ledger's own key, used only when no --key and no kept checkpoint gave one. */
  readonly ownKey: () => Promise<AcceptedKey | null>;
  /** Called every few thousand events and at the end. */
  readonly onProgress?: (events: number, position: LogPosition) => void;
}

const PROGRESS_EVERY = 2_000;

interface Kept {
  readonly expected: ExpectedCheckpoint[];
  readonly breaks: Break[];
  readonly keys: AcceptedKey[];
}

function openKept(files: readonly KeptFile[], keys: readonly AcceptedKey[]): Kept {
  const kept: Kept = { expected: [], breaks: [], keys: [] };
  for (const { file, text } of files) {
    const label = `trusted checkpoint ${file}`;
    const reading = openKeptCheckpoint(
      text,
      keys.map((k) => k.verifier),
    );
    if (!reading.ok) {
      kept.breaks.push({
        kind: 'checkpoint_signature',
        stream: null,
        revision: null,
        eventId: null,
        position: null,
        what: `${label}: ${reading.reason}`,
      });
      continue;
    }
    kept.expected.push({
      checkpoint: reading.checkpoint,
      source: 'trusted',
      label,
      stream: null,
      revision: null,
      eventId: null,
      position: null,
    });
    const { verifier } = reading;
    if (
      verifier !== null &&
      !kept.keys.some((k) => k.verifier.keyId.equals(verifier.keyId) && k.verifier.name === verifier.name)
    ) {
      kept.keys.push({ verifier, verifierKey: text.split('\n', 1)[0] ?? '', from: file });
    }
  }
  return kept;
}

/** The ledger's checkpoint events; a break instead when their chain does not hold. */
async function checkpointEvents(store: LedgerStore): Promise<{ events: StoredEvent[]; broken: Break | null }> {
  try {
    return { events: (await store.readStream(CHECKPOINT_STREAM)).events, broken: null };
  } catch (error) {
    if (!(error instanceof IntegrityError)) throw error;
    const what = `${error.message}; the ledger's checkpoints cannot be relied on`;
    return {
      events: [],
      broken: {
        kind: 'chain_link',
        stream: error.streamName,
        revision: error.revision,
        eventId: error.eventId,
        position: null,
        what,
      },
    };
  }
}

export async function verifyLedger(input: VerifyInput): Promise<VerifyResult> {
  const started = Date.now();
  const kept = openKept(input.trusted, input.keys);
  let keys: AcceptedKey[] = [...input.keys, ...kept.keys];
  let ownKeyOnly = false;
  if (keys.length === 0) {
    const own = await input.ownKey();
    if (own !== null) [keys, ownKeyOnly] = [[own], true];
  }
  const { events: stored, broken } = await checkpointEvents(input.store);
  const ledger = readLedgerCheckpoints(
    stored,
    keys.map((k) => k.verifier),
  );
  const verifier = createLedgerVerifier({ expected: [...ledger.expected, ...kept.expected] });
  for (const b of [...ledger.breaks, ...kept.breaks]) verifier.report(b);

  let complete = true;
  let last: LogPosition | null = null;
  try {
    for await (const event of input.store.readAll({ from: 'start' })) {
      verifier.event(event);
      last = event.position;
      if (verifier.count() % PROGRESS_EVERY === 0) input.onProgress?.(verifier.count(), event.position);
    }
  } catch (error) {
    if (!(error instanceof IntegrityError)) throw error;
    // The store sent an event the adapter refuses (data that is not JSON): the pass cannot go on.
    complete = false;
    verifier.report({
      kind: 'unreadable_event',
      stream: error.streamName,
      revision: error.revision,
      eventId: error.eventId,
      position: last,
      what: `${error.message}; the events after it were not verified`,
    });
  }
  // A chain break in the checkpoint stream is found again by the pass: named once.
  if (broken !== null) verifier.report(broken);
  if (last !== null) input.onProgress?.(verifier.count(), last);
  const summary = verifier.finish({ complete });
  const breaks = summary.breaks.filter(
    (b, i, all) =>
      b !== broken ||
      !all.some((o, j) => j < i && o.kind === b.kind && o.stream === b.stream && o.revision === b.revision),
  );
  const trusted: TrustedResult[] = input.trusted.map(({ file }) => {
    const outcome = summary.checkpoints.find((c) => c.expected.label === `trusted checkpoint ${file}`);
    return {
      file,
      treeSize: outcome?.expected.checkpoint.treeSize ?? null,
      time: outcome?.expected.checkpoint.time ?? null,
      met: outcome?.met ?? false,
    };
  });
  return { summary: { ...summary, breaks }, complete, keys, ownKeyOnly, trusted, elapsedMs: Date.now() - started };
}
