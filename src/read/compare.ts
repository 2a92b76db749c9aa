// An issue's position at two points, and what differs between them (issue 11 §2): the version in
// force and its endorsement, each field of its text, the pending draft, and the basis (consultations
// and inputs added or dropped). Classified fields are compared without their salts (ADR 0020), so a
// redraft with the same red lines is not a change; redaction is the route's, as for every read.
import { withoutSalt } from '../../contracts/classification.js';
import { sameJson } from '../../contracts/json.js';
import type { AsOf, CurrentPositionView, PositionVersionView } from '../../projections/index.js';
import type { ReadModels } from './read-models.js';
import type { Reader } from './withheld.js';

const FIELDS = [
  'version',
  'stance',
  'summary',
  'rationale',
  'flexibility',
  'redLines',
  'fallbacks',
  'allies',
  'authority',
  'decisionRef',
  'decidedOn',
] as const;

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface PositionComparison {
  readonly from: CurrentPositionView | null;
  readonly to: CurrentPositionView | null;
  /** The version in force: each field that differs (`inForce` itself when one side has none). */
  readonly inForce: readonly FieldChange[];
  /** The pending draft's version and stance. */
  readonly pendingDraft: readonly FieldChange[];
  /** The in-force version's basis: consultations and input events on one side only. */
  readonly basis: {
    readonly consultationsAdded: readonly string[];
    readonly consultationsDropped: readonly string[];
    readonly inputsAdded: readonly string[];
    readonly inputsDropped: readonly string[];
  };
  readonly same: boolean;
}

function fieldsOf(view: PositionVersionView | null): Record<string, unknown> | null {
  return view === null ? null : (view as unknown as Record<string, unknown>);
}

function diff(
  a: Record<string, unknown> | null,
  b: Record<string, unknown> | null,
  fields: readonly string[],
  whole: string,
): FieldChange[] {
  if (a === null && b === null) return [];
  if (a === null || b === null)
    return [{ field: whole, from: a === null ? null : pick(a, fields), to: b === null ? null : pick(b, fields) }];
  return fields.flatMap((field) => {
    const from = a[field] ?? null;
    const to = b[field] ?? null;
    return sameJson(withoutSalt(from), withoutSalt(to)) ? [] : [{ field, from, to }];
  });
}

function pick(o: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f in o).map((f) => [f, o[f]]));
}

function added(before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before);
  return after.filter((x) => !had.has(x));
}

/** null when the issue is on the ledger at neither point. */
export function comparePosition(
  models: Pick<ReadModels, 'position'>,
  issueId: string,
  from: AsOf,
  to: AsOf,
  reader: Reader,
): PositionComparison | null {
  const a = models.position(issueId, from, reader);
  const b = models.position(issueId, to, reader);
  if (a === null && b === null) return null;
  const inForce = diff(fieldsOf(a?.inForce ?? null), fieldsOf(b?.inForce ?? null), FIELDS, 'inForce');
  const pendingDraft = diff(
    fieldsOf(a?.pendingDraft ?? null),
    fieldsOf(b?.pendingDraft ?? null),
    ['version', 'stance'],
    'pendingDraft',
  );
  const basisA = a?.inForce?.basis;
  const basisB = b?.inForce?.basis;
  const consultationsA = basisA?.consultationIds ?? [];
  const consultationsB = basisB?.consultationIds ?? [];
  // A withheld input (ADR 0018) is a marker without an event id: compared by what the reader sees.
  const idsOf = (inputs: readonly unknown[]): string[] =>
    inputs.flatMap((i) =>
      typeof (i as { eventId?: unknown }).eventId === 'string' ? [(i as { eventId: string }).eventId] : [],
    );
  const inputsA = idsOf(basisA?.inputs ?? []);
  const inputsB = idsOf(basisB?.inputs ?? []);
  const basis = {
    consultationsAdded: added(consultationsA, consultationsB),
    consultationsDropped: added(consultationsB, consultationsA),
    inputsAdded: added(inputsA, inputsB),
    inputsDropped: added(inputsB, inputsA),
  };
  const same = inForce.length === 0 && pendingDraft.length === 0 && Object.values(basis).every((l) => l.length === 0);
  return { from: a, to: b, inForce, pendingDraft, basis, same };
}
