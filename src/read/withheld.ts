// Classification of a consultation as a whole (ADR 0018). ConsultationConvened carries the marking of
// the record (`classification`); a reader whose clearance is below it sees nothing the consultation
// recorded: not its title, date, participants or agenda, not the views, outcomes, follow-ups or closure,
// not the retractions in its stream. Where an answer names it (a read by its id, a draft's basis), a
// marker stands in its place: its id, its marking and `redacted: true`, nothing else. Participation
// grants nothing: clearance alone decides.
//
// This is the subject-level half; redact.ts hides classified fields (`{ level, value }`) inside what a
// reader may see. Every read model passes through here before redact.ts.
import { canRead, type Classification } from '../../contracts/classification.js';
import { parseStreamName } from '../../contracts/streams.js';
import {
  participation,
  type ConsultationView,
  type CurrentPositionView,
  type PositionHistoryEntry,
  type BasisConsultation,
  type BasisInput,
  type WithheldInputMarker,
  type Participation,
  type PositionVersionView,
  type WithheldInputRecord,
} from '../../projections/index.js';

export interface Reader {
  /** May this reader see what the consultation recorded? */
  sees(consultationId: string): boolean;
  /** The consultation's marking. */
  levelOf(consultationId: string): Classification;
}

/**
 * A reader who sees everything (a top-secret one, the audit replay's comparison, the warm-up): answers are the read
 * models as they are.
 */
export const EVERY_READER: Reader = { sees: () => true, levelOf: () => 'unclassified' };

/** A reader of this clearance; `levelOf` gives a consultation's marking (read-models' consultationLevel). */
export function readerOf(clearance: Classification, levelOf: (consultationId: string) => Classification): Reader {
  // Nothing is marked above top secret: such a reader sees everything, with no look-up.
  if (canRead(clearance, 'top-secret')) return EVERY_READER;
  return { sees: (id) => canRead(clearance, levelOf(id)), levelOf };
}

/** What stands for a consultation the reader may not see. */
export interface WithheldConsultation {
  readonly consultationId: string;
  readonly classification: Classification;
  readonly redacted: true;
}

/** The same whatever the point asked for: a marker never says when the consultation was held or recorded. */
export function withheldConsultation(reader: Reader, consultationId: string): WithheldConsultation {
  return { consultationId, classification: reader.levelOf(consultationId), redacted: true };
}

/** The register lists only the consultations the reader may see, and counts participation over them. */
export function registerFor(
  reader: Reader,
  consultations: readonly ConsultationView[],
): { consultations: ConsultationView[]; participation: Participation[] } {
  const shown = consultations.filter((c) => reader.sees(c.consultationId));
  return { consultations: shown, participation: participation(shown) };
}

/**
 * A basis input from a consultation the reader may not see becomes a marker. `consultationOfInput`
 * names the consultation of a basis event the point asked for does not resolve (not yet valid there,
 * or retracted): one from a withheld consultation becomes a marker too, so whether it resolves at a
 * given point cannot tell a reader when it happened.
 */
export function positionFor(
  reader: Reader,
  view: CurrentPositionView,
  consultationOfInput: (eventId: string) => string | undefined,
): CurrentPositionView {
  const version = <V extends PositionVersionView>(v: V | null): V | null => {
    if (v === null) return null;
    const hidden = (input: { readonly consultationId: string }): boolean => !reader.sees(input.consultationId);
    const withheldMissing = v.basis.missing.flatMap((eventId) => {
      const consultationId = consultationOfInput(eventId);
      return consultationId === undefined || reader.sees(consultationId) ? [] : [{ eventId, consultationId }];
    });
    if (!v.basis.inputs.some(hidden) && !v.basis.consultations.some(hidden) && withheldMissing.length === 0) return v;
    const markers = new Set(withheldMissing.map((m) => m.eventId));
    const marker = (eventId: string, consultationId: string): WithheldInputRecord => ({
      eventId,
      ...withheldConsultation(reader, consultationId),
    });
    const consultations = v.basis.consultations.map((c): BasisConsultation | WithheldInputMarker =>
      hidden(c) ? withheldConsultation(reader, c.consultationId) : c,
    );
    const inputs = [
      ...v.basis.inputs.map((input): BasisInput | WithheldInputRecord =>
        hidden(input) ? marker(input.eventId, input.consultationId) : input,
      ),
      ...withheldMissing.map((m) => marker(m.eventId, m.consultationId)),
    ];
    return {
      ...v,
      basis: { ...v.basis, consultations, inputs, missing: v.basis.missing.filter((id) => !markers.has(id)) },
    };
  };
  const inForce = version(view.inForce);
  const pendingDraft = version(view.pendingDraft);
  return inForce === view.inForce && pendingDraft === view.pendingDraft ? view : { ...view, inForce, pendingDraft };
}

/**
 * History entries appended to a consultation's stream the reader may not see (retractions of its views) are left out.
 */
export function historyFor(reader: Reader, entries: readonly PositionHistoryEntry[]): PositionHistoryEntry[] {
  return entries.filter((entry) => {
    const stream = parseStreamName(entry.streamName);
    return stream?.kind !== 'consultation' || reader.sees(stream.id);
  });
}

/** The consultation whose stream holds this event, when it is a consultation's. */
export function consultationOfStream(streamName: string): string | undefined {
  const stream = parseStreamName(streamName);
  return stream?.kind === 'consultation' ? stream.id : undefined;
}
