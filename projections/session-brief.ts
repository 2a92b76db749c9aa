// Session brief: for one session, each issue of its process with the position in force at the
// session's start, the pending draft, allies, red lines and fallbacks (classified: the read layer
// redacts them for readers without clearance) and the open disagreements: agencies whose latest
// view differs from the position (in force, else the pending draft). Composed from issue folds
// made at the session's start, so it never folds unrelated keys.
import type { Agency } from '../contracts/principal.js';
import type { Stance } from '../contracts/enums.js';
import type { Bilingual } from '../contracts/text.js';
import type { Source } from '../contracts/source.js';
import type { AlignmentRow } from './agency-alignment.js';
import type { CurrentPositionView } from './current-position.js';
import { sessionStatus, type SessionCalendarState, type SessionStatus } from './session-calendar.js';

export interface Disagreement {
  readonly agency: Agency;
  readonly stance: Stance;
  readonly summary: Bilingual;
  readonly consultationId: string;
  readonly against: 'in-force' | 'pending-draft';
  /** Where the agency's view comes from (ADR 0038): an illustrative stance is never shown as recorded. */
  readonly source: Source;
}

export interface BriefIssue {
  readonly issueId: string;
  readonly position: CurrentPositionView;
  readonly allies: readonly string[];
  readonly disagreements: readonly Disagreement[];
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

export function briefIssue(position: CurrentPositionView, alignment: readonly AlignmentRow[]): BriefIssue {
  const reference = position.inForce ?? position.pendingDraft;
  const against = position.inForce !== null ? 'in-force' : 'pending-draft';
  const disagreements: Disagreement[] =
    reference === null
      ? []
      : alignment
          .filter((row) => row.view.stance !== reference.stance)
          .map((row) => ({ agency: row.agency, stance: row.view.stance, summary: row.view.summary, consultationId: row.view.consultationId, against, source: row.view.source }));
  return { issueId: position.issueId, position, allies: reference?.allies ?? [], disagreements };
}

/** `validAt`: the query's valid time (the session's status); `positionsAsOf`: the instant its positions are taken at. */
export function sessionBrief(sessionId: string, session: SessionCalendarState, validAt: string, positionsAsOf: string | null, issues: readonly BriefIssue[]): SessionBrief {
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
