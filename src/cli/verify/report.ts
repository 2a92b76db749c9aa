// What `ledger verify` prints (ADR 0035): for a person, a few lines naming the first break (stream,
// revision, what) and the next ones; with `--json`, one object for a machine. Both say where the keys
// came from, since a checkpoint checked only with the operator's own key proves nothing against them.
import { logPositionToJson, type LogPositionJson } from '../../../contracts/log-position.js';
import type { Break, VerifierSummary } from '../../integrity/ledger-verifier.js';
import { positionText } from '../../integrity/log-position.js';
import type { AcceptedKey } from './keys.js';

export interface TrustedResult {
  readonly file: string;
  readonly treeSize: number | null;
  readonly time: string | null;
  readonly met: boolean;
}

export interface VerifyResult {
  readonly summary: VerifierSummary;
  /** False when the pass stopped before the end of the ledger (an event the store could not send). */
  readonly complete: boolean;
  readonly keys: readonly AcceptedKey[];
  /** True when the only keys were the ledger's own key file. */
  readonly ownKeyOnly: boolean;
  readonly trusted: readonly TrustedResult[];
  readonly elapsedMs: number;
}

export interface BreakJson {
  readonly kind: Break['kind'];
  readonly stream: string | null;
  readonly revision: string | null;
  readonly eventId: string | null;
  readonly position: LogPositionJson | null;
  readonly what: string;
}

/** Breaks listed in the JSON report; `breakCount` says how many there were. */
const JSON_BREAKS = 1000;
/** Breaks listed for a person after the first. */
const TEXT_BREAKS = 10;

function breakJson(b: Break): BreakJson {
  return {
    kind: b.kind,
    stream: b.stream,
    revision: b.revision === null ? null : b.revision.toString(),
    eventId: b.eventId,
    position: b.position === null ? null : logPositionToJson(b.position),
    what: b.what,
  };
}

export function isVerified(result: VerifyResult): boolean {
  return result.complete && result.summary.breaks.length === 0;
}

export function reportJson(result: VerifyResult) {
  const { summary } = result;
  const ledgerCheckpoints = summary.checkpoints.filter((c) => c.expected.source === 'ledger');
  const latest = ledgerCheckpoints.at(-1)?.expected.checkpoint ?? null;
  return {
    ok: isVerified(result),
    complete: result.complete,
    events: summary.events,
    streams: summary.streams,
    leaves: summary.leaves,
    root: summary.root.toString('base64'),
    lastPosition: summary.lastPosition === null ? null : logPositionToJson(summary.lastPosition),
    checkpoints: {
      count: ledgerCheckpoints.length,
      met: ledgerCheckpoints.filter((c) => c.met).length,
      latest: latest === null ? null : { treeSize: latest.treeSize, time: latest.time },
    },
    keys: result.keys.map((k) => ({ verifierKey: k.verifierKey, from: k.from })),
    ownKeyOnly: result.ownKeyOnly,
    trusted: result.trusted,
    firstBreak: summary.breaks[0] === undefined ? null : breakJson(summary.breaks[0]),
    breakCount: summary.breaks.length,
    breaks: summary.breaks.slice(0, JSON_BREAKS).map(breakJson),
    elapsedMs: result.elapsedMs,
  };
}

function where(b: Break): string {
  const parts: string[] = [];
  if (b.stream !== null) parts.push(`stream ${b.stream}`);
  if (b.revision !== null) parts.push(`revision ${b.revision}`);
  const detail = [
    b.eventId === null ? null : `event ${b.eventId}`,
    b.position === null ? null : `position ${positionText(b.position)}`,
  ].filter((p) => p !== null);
  return `${parts.join(', ') || 'outside the ledger'}${detail.length > 0 ? ` (${detail.join(', ')})` : ''}`;
}

/** Lines for a person. */
export function reportText(result: VerifyResult): string[] {
  const { summary } = result;
  const lines: string[] = [];
  const ledgerCheckpoints = summary.checkpoints.filter((c) => c.expected.source === 'ledger');
  const keyNames = [
    ...new Set(result.keys.map((k) => `${k.verifier.name} (key ${k.verifier.keyId.toString('hex')}, from ${k.from})`)),
  ];
  if (isVerified(result)) {
    lines.push(`Ledger verified: ${summary.events} events in ${summary.streams} streams, every chain whole.`);
  } else {
    const n = summary.breaks.length;
    lines.push(
      `Ledger verification FAILED: ${n} break${n === 1 ? '' : 's'}${result.complete ? '' : ', and the pass stopped before the end of the ledger'}.`,
    );
    const [first, ...rest] = summary.breaks;
    if (first !== undefined) lines.push(`First break: ${where(first)}: ${first.what}`);
    for (const b of rest.slice(0, TEXT_BREAKS)) lines.push(`  then ${b.kind}: ${where(b)}: ${b.what}`);
    if (rest.length > TEXT_BREAKS) lines.push(`  and ${rest.length - TEXT_BREAKS} more (--json lists them).`);
  }
  const position = summary.lastPosition === null ? '' : `, up to position ${positionText(summary.lastPosition)}`;
  lines.push(`Merkle tree: ${summary.leaves} events, root ${summary.root.toString('base64')}${position}.`);
  const met = ledgerCheckpoints.filter((c) => c.met).length;
  const latest = ledgerCheckpoints.at(-1)?.expected.checkpoint;
  lines.push(
    ledgerCheckpoints.length === 0
      ? 'Checkpoints: the ledger holds none that could be read.'
      : `Checkpoints: ${met} of the ledger's ${ledgerCheckpoints.length} met by the tree${latest === undefined ? '' : `; the latest covers ${latest.treeSize} events, signed ${latest.time}`}.`,
  );
  lines.push(
    keyNames.length === 0 ? 'Keys: none, so no signature was checked.' : `Keys accepted: ${keyNames.join('; ')}.`,
  );
  for (const kept of result.trusted) {
    const what = kept.treeSize === null ? 'could not be read' : `${kept.treeSize} events, signed ${kept.time ?? '?'}`;
    lines.push(`Trusted checkpoint ${kept.file} (${what}): ${kept.met ? 'met' : 'NOT met'}.`);
  }
  if (result.ownKeyOnly || result.keys.length === 0) {
    lines.push(
      "Note: checkpoints checked with the ledger's own key prove nothing against whoever runs the ledger: keep one outside (`ledger checkpoint export > kept.checkpoint`) and verify later with --trusted kept.checkpoint.",
    );
  }
  return lines;
}
