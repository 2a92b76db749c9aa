// Session brief: for one session, each issue of its process with the position in force at the
// session's start, the pending draft, allies, red lines and fallbacks (classified: the read layer
// redacts them for readers without clearance) and the open disagreements: agencies whose latest
// view differs from the position (in force, else the pending draft). Composed from issue folds
// made at the session's start, so it never folds unrelated keys.
import type { Agency } from '../contracts/principal.js';
import type { Stance } from '../contracts/enums.js';
import type { Bilingual } from '../contracts/text.js';
import type { Source } from '../contracts/source.js';
import type { FollowUp } from '../contracts/events/index.js';
import type { Envelope } from './envelope.js';
import type { AlignmentRow } from './agency-alignment.js';
import type { CurrentPositionView } from './current-position.js';
import { sessionStatus, type SessionCalendarState, type SessionStatus } from './session-calendar.js';

export interface Disagreement {
  readonly agency: Agency;
  readonly stance: Stance;
  readonly summary: Bilingual;
  readonly consultationId: string;
  /** When the agency took that view (its meeting, ADR 0009). */
  readonly viewedAt: string;
  readonly against: 'in-force' | 'pending-draft';
  /** Where the agency's view comes from (ADR 0038): an illustrative stance is never shown as recorded. */
  readonly source: Source;
}

/** What Thailand said on the issue at an earlier session of the process. */
export interface EarlierStatement {
  readonly eventId: string;
  readonly sessionId: string;
  readonly deliveredOn: string;
  readonly version: number | null;
  readonly summary: Bilingual;
}

/** A follow-up still open at the session's start: agreed by a consultation, or recorded on the issue (ADR 0038). */
export interface BriefFollowUp extends Omit<FollowUp, 'owner'> {
  readonly owner: FollowUp['owner'] | null;
  /**
   * The consultation that agreed it; null for one recorded on the issue itself (e.g. an outcome document's commitment).
   */
  readonly consultationId: string | null;
  readonly status: 'open' | 'in-progress';
  /** Due before the session opens. */
  readonly overdue: boolean;
}

export interface BriefIssue {
  readonly issueId: string;
  readonly position: CurrentPositionView;
  /** The draft text of the issue is already adopted: nothing left to negotiate on it. */
  readonly textAdopted: boolean;
  readonly allies: readonly string[];
  readonly disagreements: readonly Disagreement[];
  readonly earlierStatements: readonly EarlierStatement[];
  readonly followUps: readonly BriefFollowUp[];
}

/**
 * The statements and follow-ups of an issue a brief lists, from the issue's entries standing at the session's start.
 */
export interface BriefRecord {
  readonly earlierStatements: readonly EarlierStatement[];
  readonly followUps: readonly BriefFollowUp[];
}

/**
 * From an issue's entries as of the session's start (standing, in canonical order): Thailand's
 * statements at other sessions before it, and the follow-ups consultations agreed on it (of the
 * consultations the reader may see).
 */
export function briefRecord(
  envelopes: readonly Envelope[],
  sessionId: string,
  startDate: string | null,
  sees: (consultationId: string) => boolean,
): BriefRecord {
  const earlierStatements: EarlierStatement[] = [];
  const followUps: BriefFollowUp[] = [];
  const overdue = (due: string | undefined): boolean => due !== undefined && startDate !== null && due < startDate;
  // Follow-ups recorded on the issue, by id, with where each stands at the start.
  const onIssue = new Map<string, { readonly followUp: BriefFollowUp; status: string }>();
  for (const e of envelopes) {
    const { event } = e;
    if (event.type === 'StatementDelivered' && event.data.sessionId !== sessionId) {
      earlierStatements.push({
        eventId: e.eventId,
        sessionId: event.data.sessionId,
        deliveredOn: event.data.deliveredOn,
        version: event.data.version ?? null,
        summary: event.data.summary,
      });
    } else if (event.type === 'ConsultationOutcomeRecorded' && sees(event.data.consultationId)) {
      for (const f of event.data.followUps)
        followUps.push({ ...f, consultationId: event.data.consultationId, status: 'open', overdue: overdue(f.due) });
    } else if (event.type === 'FollowUpRecorded') {
      const d = event.data;
      const followUp: BriefFollowUp = {
        id: d.followUpId,
        action: d.action,
        owner: d.owner ?? null,
        ...(d.due === undefined ? {} : { due: d.due }),
        consultationId: null,
        status: 'open',
        overdue: overdue(d.due),
      };
      onIssue.set(d.followUpId, { followUp, status: 'open' });
    } else if (event.type === 'FollowUpStatusChanged') {
      const f = onIssue.get(event.data.followUpId);
      if (f !== undefined) f.status = event.data.status;
    }
  }
  // Still to do at the start: open or in progress (done and dropped ones are left out).
  for (const { followUp, status } of onIssue.values())
    if (status === 'open' || status === 'in-progress') followUps.push({ ...followUp, status });
  return { earlierStatements, followUps };
}

export interface SessionBrief {
  readonly sessionId: string;
  /** As of the query's valid time. */
  readonly status: SessionStatus;
  readonly processId: string | null;
  readonly number: number | null;
  readonly title: Bilingual | null;
  readonly venue: SessionCalendarState['venue'];
  readonly from: string | null;
  readonly to: string | null;
  /** The instant the positions are taken at. */
  readonly positionsAsOf: string | null;
  readonly issues: readonly BriefIssue[];
}

export function briefIssue(
  position: CurrentPositionView,
  alignment: readonly AlignmentRow[],
  record: BriefRecord = { earlierStatements: [], followUps: [] },
): BriefIssue {
  const reference = position.inForce ?? position.pendingDraft;
  const against = position.inForce !== null ? 'in-force' : 'pending-draft';
  const disagreements: Disagreement[] =
    reference === null
      ? []
      : alignment
          .filter((row) => row.view.stance !== reference.stance)
          .map((row) => ({
            agency: row.agency,
            stance: row.view.stance,
            summary: row.view.summary,
            consultationId: row.view.consultationId,
            viewedAt: row.view.validAt,
            against,
            source: row.view.source,
          }));
  return {
    issueId: position.issueId,
    position,
    textAdopted: position.issue?.textStatus === 'adopted',
    allies: reference?.allies ?? [],
    disagreements,
    earlierStatements: record.earlierStatements,
    followUps: record.followUps,
  };
}

/**
 * `validAt`: the query's valid time (the session's status); `positionsAsOf`: the instant its positions are taken at.
 */
export function sessionBrief(
  sessionId: string,
  session: SessionCalendarState,
  validAt: string,
  positionsAsOf: string | null,
  issues: readonly BriefIssue[],
): SessionBrief {
  const s = session.scheduled;
  return {
    sessionId,
    status: sessionStatus(session, validAt),
    processId: s?.processId ?? null,
    number: s?.number ?? null,
    title: s?.title ?? null,
    venue: session.venue,
    from: session.from,
    to: session.to,
    positionsAsOf,
    issues,
  };
}
