// The read API's answers as this page reads them (projections/ gives their full shapes; classified
// fields arrive redacted for readers without the clearance: `{ level, redacted: true }`).
import type { Agency } from '../../../contracts/principal.js';

export interface Bilingual {
  readonly th: string;
  readonly en: string;
}

/** Where an entry comes from (ADR 0038): absent or `record` is on record. */
export interface Source {
  readonly kind: string;
  readonly documentRef?: string;
  readonly note?: Bilingual;
}

export type Classified<T> =
  { readonly level: string; readonly value: T } | { readonly level: string; readonly redacted: true };

export interface ReadAnswer {
  readonly asOf: string;
  readonly axis: 'valid' | 'recorded';
  readonly position: string | null;
}

export interface IssueInfo {
  readonly issueId: string;
  readonly processId: string;
  readonly code: string;
  readonly title: Bilingual;
  readonly refs: { readonly chapter?: string; readonly articles: readonly string[] };
  readonly textStatus: string | null;
  readonly closedOn: string | null;
}

export interface BasisInput {
  readonly eventId: string;
  readonly consultationId: string;
  readonly kind: 'view' | 'outcome';
  readonly agency: Agency | null;
  readonly stance: string | null;
  readonly summary: Bilingual;
  readonly validAt: string;
  readonly source?: Source;
}

export interface Version {
  readonly version: number;
  readonly stance: string;
  readonly summary: Bilingual;
  readonly rationale: Bilingual | null;
  readonly flexibility: string;
  readonly redLines: Classified<readonly Bilingual[]>;
  readonly fallbacks: Classified<readonly Bilingual[]>;
  readonly allies: readonly string[];
  readonly substantive: boolean;
  readonly draftedAt: string;
  readonly basis: {
    readonly consultationIds: readonly string[];
    readonly inputs: readonly BasisInput[];
    readonly missing: readonly string[];
    readonly note: Bilingual | null;
  };
  readonly draftEventId: string;
  readonly source?: Source;
}

export interface InForce extends Version {
  readonly authority: string;
  readonly decisionRef: string;
  readonly decidedOn: string;
  readonly effectiveFrom: string;
  readonly endorsementEventId: string;
  readonly endorsementSource?: Source;
}

export interface PositionView {
  readonly issueId: string;
  readonly issue: IssueInfo | null;
  readonly inForce: InForce | null;
  readonly pendingDraft: Version | null;
}

export interface Change {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface HistoryEntry {
  readonly eventId: string;
  readonly type: string;
  readonly validAt: string;
  readonly recordedAt: string;
  readonly position: string;
  readonly actor: { readonly principalId: string; readonly agency: string; readonly role: string };
  readonly version: number | null;
  readonly changes: readonly Change[];
  readonly comparedWith: number | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface AgencyView {
  readonly eventId: string;
  readonly consultationId: string;
  readonly issueId: string;
  readonly agency: Agency;
  readonly stance: string;
  readonly summary: Bilingual;
  readonly conditions: Classified<readonly Bilingual[]> | null;
  readonly domesticLawRefs: readonly string[];
  readonly attestation: string;
  readonly validAt: string;
  readonly recordedAt: string;
  readonly source?: Source;
}

export interface AlignmentRow {
  readonly issueId: string;
  readonly agency: Agency;
  readonly view: AgencyView;
  readonly positionVersion: number | null;
  readonly positionStance: string | null;
  readonly diverges: boolean;
}

export interface FollowUp {
  readonly id: string;
  readonly action: Bilingual;
  readonly owner: Agency;
  readonly due?: string;
  readonly issueId?: string;
  readonly overdue?: boolean;
}

export interface Outcome {
  readonly eventId: string;
  readonly issueId: string;
  readonly outcome: string;
  readonly recommendedStance: string | null;
  readonly summary: Bilingual;
  readonly supporting: readonly Agency[];
  readonly dissenting: readonly Agency[];
  readonly followUps: readonly FollowUp[];
}

export interface Consultation {
  readonly consultationId: string;
  readonly title: Bilingual | null;
  readonly heldOn: string | null;
  readonly convener: Agency | null;
  readonly format: string | null;
  readonly participants: readonly Agency[];
  readonly agenda: readonly string[];
  readonly documentRef: string | null;
  readonly urgency: string | null;
  readonly classification: string | null;
  readonly views: readonly AgencyView[];
  readonly outcomes: readonly Outcome[];
  readonly openFollowUps: readonly FollowUp[];
  readonly closed: { readonly on: string; readonly minutesRef?: string } | null;
}

export interface Disagreement {
  readonly agency: Agency;
  readonly stance: string;
  readonly summary: Bilingual;
  readonly consultationId: string;
  readonly against: 'in-force' | 'pending-draft';
  readonly source?: Source;
}

export interface BriefIssue {
  readonly issueId: string;
  readonly position: PositionView;
  readonly allies: readonly string[];
  readonly disagreements: readonly Disagreement[];
}

export interface SessionBrief {
  readonly sessionId: string;
  readonly processId: string | null;
  readonly number: number | null;
  readonly title: Bilingual | null;
  readonly venue: {
    readonly city?: string;
    readonly country?: string;
    readonly place?: string;
    readonly timeZone?: string;
  } | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly positionsAsOf: string | null;
  readonly issues: readonly BriefIssue[];
}

export interface RawEvent {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: string;
  readonly position: { readonly commit: string; readonly prepare: string };
  readonly type: string;
  readonly recordedAt: string;
  readonly validAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>> & {
    readonly actor?: { readonly principalId: string; readonly agency: string; readonly role: string };
  };
}

export interface ReplayReport {
  readonly equal: boolean;
  readonly eventsReplayed: number;
  readonly eventsLive: number;
  readonly rejected: number;
  readonly ms: number;
  readonly differences: readonly { readonly path: string; readonly live?: unknown; readonly rebuilt?: unknown }[];
}

/** One entry of the changes feed (GET /v1/changes): data redacted for the reader. */
export interface ChangeEntry {
  readonly eventId: string;
  readonly kind: string;
  readonly type: string;
  readonly streamName: string;
  readonly position: { readonly commit: string; readonly prepare: string };
  readonly recordedAt: string;
  readonly validAt: string;
  readonly actor: { readonly agency: string; readonly role: string };
  readonly subject: {
    readonly processId?: string;
    readonly issueId?: string;
    readonly consultationId?: string;
    readonly sessionId?: string;
  };
  readonly comparedWith?: number | null;
  readonly changes?: readonly Change[];
  readonly retracts?: { readonly eventId: string; readonly type: string | null };
  readonly data: Readonly<Record<string, unknown>>;
  readonly source?: Source;
}

export interface SearchHit {
  readonly subject: { readonly kind: string; readonly id: string };
  readonly issueId: string | null;
  readonly eventId: string;
  readonly type: string;
  readonly field: string;
  readonly lang: 'th' | 'en';
  readonly level: string;
  readonly snippet: string;
  readonly recordedAt: string;
  readonly validAt: string;
}

export interface IssueListItem {
  readonly issueId: string;
  readonly processId: string | null;
  readonly code: string | null;
  readonly title: Bilingual | null;
  readonly closedOn: string | null;
}

export interface Milestone {
  readonly eventId: string;
  readonly milestone: string;
  readonly on: string;
  readonly place?: string;
  readonly reference?: string;
  readonly note?: Bilingual;
  readonly uncertain: boolean;
}

export interface Process {
  readonly processId: string;
  readonly kind: string;
  readonly title: Bilingual;
  readonly forum: string;
  readonly mandate: readonly string[];
  readonly leadAgency: string;
  readonly startedOn?: string;
  readonly milestones: readonly Milestone[];
  readonly issueIds: readonly string[];
  readonly sessionIds: readonly string[];
}

export interface SessionItem {
  readonly sessionId: string;
  readonly processId: string;
  readonly number: number | null;
  readonly title: Bilingual;
  readonly venue: {
    readonly city: string;
    readonly country?: string;
    readonly place?: string;
    readonly timeZone: string;
  };
  readonly from: string;
  readonly to: string;
  readonly format: string;
  readonly status: 'upcoming' | 'in-session' | 'ended';
  readonly concluded: { readonly on: string; readonly result: string } | null;
  readonly issueIds: readonly string[];
}

export interface IntegrityState {
  readonly ok: boolean;
  readonly stream?: string;
  readonly revision?: string;
  readonly reason?: string;
}

export interface MerkleLog {
  readonly origin: string;
  readonly verifierKey: string;
  readonly treeSize: number;
  readonly integrity: IntegrityState;
  readonly breaks: readonly IntegrityState[];
}

export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly lastPosition: { readonly commit: string; readonly prepare: string } | null;
  readonly time: string;
  readonly note: string;
  readonly verifierKey: string;
}
