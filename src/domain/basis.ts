// What a position draft may rest on. Its basis names consultations, which must exist and have the
// draft's issue on their agenda, and event ids; each event must be an agency view or a consultation
// outcome on the draft's issue, recorded in one of the named consultations and not retracted, or an
// earlier draft of the same position. The caller folds the
// named consultation streams and the position stream (the decider sees only one stream); this decides.
import type { EventData } from '../../contracts/index.js';
import { conflict, invalid, notFound } from './errors.js';
import type { ConsultationState } from './consultation.js';
import { findEntry, isInEffect, type StreamState } from './stream.js';

export interface BasisSources {
  /** The named consultations' folded streams, by consultation id (a stream never written folds to no convening). */
  readonly consultations: ReadonlyMap<string, ConsultationState>;
  /** The position stream the draft goes to, folded. */
  readonly position: StreamState<unknown>;
}

type Basis = Pick<EventData<'PositionDrafted'>['basis'], 'consultationIds' | 'eventIds'>;

export function checkBasis(issueId: string, basis: Basis, sources: BasisSources): void {
  basis.consultationIds.forEach((consultationId, i) => {
    const field = `basis/consultationIds/${i}`;
    const convened = sources.consultations.get(consultationId)?.inEffect.convened;
    if (convened === undefined) {
      throw notFound(
        'consultation_not_found',
        `consultation "${consultationId}" is not on the ledger; convene it first`,
        { consultationId, field },
      );
    }
    if (!convened.agenda.includes(issueId)) {
      throw invalid(
        'basis_consultation_off_issue',
        `consultation ${consultationId} did not have "${issueId}" on its agenda (${convened.agenda.join(', ')})`,
        {
          consultationId,
          field,
          agenda: convened.agenda,
        },
      );
    }
  });
  basis.eventIds.forEach((eventId, i) => {
    const field = `basis/eventIds/${i}`;
    for (const [consultationId, state] of sources.consultations) {
      const entry = findEntry(state, eventId);
      if (entry === undefined) continue;
      const { event } = entry;
      if (event.type !== 'AgencyViewRecorded' && event.type !== 'ConsultationOutcomeRecorded') {
        throw invalid(
          'basis_event_not_an_input',
          `event ${eventId} of consultation ${consultationId} is a ${event.type}; a basis names agency views and consultation outcomes`,
          { eventId, field, eventType: event.type },
        );
      }
      if (event.data.issueId !== issueId) {
        throw invalid(
          'basis_event_off_issue',
          `event ${eventId} of consultation ${consultationId} is about issue "${event.data.issueId}", not "${issueId}"`,
          { eventId, field, issueId: event.data.issueId },
        );
      }
      if (!isInEffect(state, eventId)) {
        throw conflict(
          'basis_event_retracted',
          `event ${eventId} of consultation ${consultationId} was retracted; a position cannot rest on it`,
          { eventId, field },
        );
      }
      return;
    }
    const own = findEntry(sources.position, eventId);
    if (own !== undefined) {
      if (own.event.type !== 'PositionDrafted') {
        throw invalid(
          'basis_event_not_an_input',
          `event ${eventId} of this position is a ${own.event.type}; of its own history a draft rests only on earlier drafts`,
          { eventId, field, eventType: own.event.type },
        );
      }
      if (!isInEffect(sources.position, eventId)) {
        throw conflict('basis_event_retracted', `draft ${eventId} was retracted; a position cannot rest on it`, {
          eventId,
          field,
        });
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
