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

export type Classified<T> = { readonly level: string; readonly value: T } | { readonly level: string; readonly redacted: true };

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
  readonly basis: { readonly consultationIds: readonly string[]; readonly inputs: readonly BasisInput[]; readonly missing: readonly string[]; readonly note: Bilingual | null };
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
  readonly venue: { readonly city?: string; readonly country?: string; readonly place?: string; readonly timeZone?: string } | null;
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
  readonly metadata: Readonly<Record<string, unknown>> & { readonly actor?: { readonly principalId: string; readonly agency: string; readonly role: string } };
}

export interface ReplayReport {
  readonly equal: boolean;
  readonly eventsReplayed: number;
  readonly eventsLive: number;
  readonly rejected: number;
  readonly ms: number;
  readonly differences: readonly { readonly path: string; readonly live?: unknown; readonly rebuilt?: unknown }[];
}
