// What a position draft may rest on. Its basis names consultations and event ids; each event must be an
// agency view or a consultation outcome on the draft's issue, recorded in one of the named
// consultations and not retracted, or an earlier draft of the same position. The caller folds the
// named consultation streams and the position stream (the decider sees only one stream); this decides.
import type { EventData } from '../../contracts/index.js';
import { conflict, invalid, notFound } from './errors.js';
import { findEntry, isInEffect, type StreamState } from './stream.js';

export interface BasisSources {
  /** The named consultations' folded streams, by consultation id (every named one is present). */
  readonly consultations: ReadonlyMap<string, StreamState<unknown>>;
  /** The position stream the draft goes to, folded. */
  readonly position: StreamState<unknown>;
}

type Basis = Pick<EventData<'PositionDrafted'>['basis'], 'consultationIds' | 'eventIds'>;

export function checkBasis(issueId: string, basis: Basis, sources: BasisSources): void {
  basis.eventIds.forEach((eventId, i) => {
    const field = `basis/eventIds/${i}`;
    for (const [consultationId, state] of sources.consultations) {
      const entry = findEntry(state, eventId);
      if (entry === undefined) continue;
      const { event } = entry;
      if (event.type !== 'AgencyViewRecorded' && event.type !== 'ConsultationOutcomeRecorded') {
        throw invalid('basis_event_not_an_input', `event ${eventId} of consultation ${consultationId} is a ${event.type}; a basis names agency views and consultation outcomes`, { eventId, field, eventType: event.type });
      }
      if (event.data.issueId !== issueId) {
        throw invalid('basis_event_off_issue', `event ${eventId} of consultation ${consultationId} is about issue "${event.data.issueId}", not "${issueId}"`, { eventId, field, issueId: event.data.issueId });
      }
      if (!isInEffect(state, eventId)) {
        throw conflict('basis_event_retracted', `event ${eventId} of consultation ${consultationId} was retracted; a position cannot rest on it`, { eventId, field });
      }
      return;
    }
    const own = findEntry(sources.position, eventId);
    if (own !== undefined) {
      if (own.event.type !== 'PositionDrafted') {
        throw invalid('basis_event_not_an_input', `event ${eventId} of this position is a ${own.event.type}; of its own history a draft rests only on earlier drafts`, { eventId, field, eventType: own.event.type });
      }
      if (!isInEffect(sources.position, eventId)) {
        throw conflict('basis_event_retracted', `draft ${eventId} was retracted; a position cannot rest on it`, { eventId, field });
      }
      return;
    }
    const named = basis.consultationIds.length === 0 ? 'none named' : basis.consultationIds.join(', ');
    throw notFound(
      'basis_event_not_found',
      `event ${eventId} is not in the basis consultations (${named}) nor an earlier draft of this position; name the consultation that recorded it in basis.consultationIds`,
      { eventId, field },
    );
  });
}
