// Current position, per issue: the endorsed version in force (stance, summary, flexibility,
// authority, decision ref, effective from) and any pending draft, each with its basis resolved
// against the agency views and outcomes filed under the same issue.
import type { EventData } from '../contracts/events/index.js';
import { agencyNames, type Agency } from '../contracts/principal.js';
import type { Authority, Flexibility, Stance } from '../contracts/enums.js';
import type { Bilingual } from '../contracts/text.js';
import type { Classification } from '../contracts/classification.js';
import { sourceOf, type Source } from '../contracts/source.js';
import { latestDraftOf, latestDrafts, withDraft, type DraftsSoFar } from './drafts.js';
import type { Envelope } from './envelope.js';
import type { Projection } from './projection.js';

export interface IssueInfo {
  readonly issueId: string;
  readonly processId: string;
  readonly code: string;
  readonly title: Bilingual;
  readonly refs: EventData<'IssueRegistered'>['refs'];
  readonly textStatus: EventData<'DraftTextStatusChanged'>['status'] | null;
  readonly closedOn: string | null;
}

export interface DraftRecord {
  readonly eventId: string;
  readonly version: number;
  readonly stance: Stance;
  readonly summary: Bilingual;
  readonly rationale: Bilingual | null;
  readonly flexibility: Flexibility;
  readonly redLines: EventData<'PositionDrafted'>['redLines'];
  readonly fallbacks: EventData<'PositionDrafted'>['fallbacks'];
  readonly allies: readonly string[];
  readonly basis: EventData<'PositionDrafted'>['basis'];
  readonly substantive: boolean;
  readonly draftedAt: string;
  readonly recordedAt: string;
  readonly source: Source;
}

export interface EndorsementRecord {
  readonly eventId: string;
  readonly version: number;
  readonly authority: Authority;
  readonly decisionRef: string;
  readonly decidedOn: string;
  readonly effectiveFrom: string;
  readonly recordedAt: string;
  readonly source: Source;
}

export interface InputRecord {
  readonly eventId: string;
  readonly consultationId: string;
  readonly kind: 'view' | 'outcome';
  readonly agency: Agency | null;
  readonly stance: Stance | null;
  readonly summary: Bilingual;
  readonly validAt: string;
  readonly source: Source;
}

/** A consultation with this issue on its agenda, as convened: what a basis names it by. */
export interface MeetingRecord {
  readonly consultationId: string;
  readonly title: Bilingual;
  readonly heldOn: string;
  readonly convener: Agency;
  readonly participants: readonly Agency[];
  readonly source: Source;
}

export interface CurrentPositionState {
  readonly issue: IssueInfo | null;
  /**
   * The consultations convened with this issue on their agenda, by id (ConsultationConvened is filed under the issue
   * too).
   */
  readonly meetings: Readonly<Record<string, MeetingRecord>>;
  /** Every draft so far (drafts.ts); a redraft of a version hides the earlier draft of that version. */
  readonly drafts: DraftsSoFar<DraftRecord> | null;
  /** Endorsements still standing, in fold order; the last is in force. */
  readonly endorsements: readonly EndorsementRecord[];
  readonly withdrawnVersions: readonly number[];
  /** Agency views and consultation outcomes on this issue, by event id (a draft's basis): see inputOf. */
  readonly inputs: InputLog;
}

/**
 * The inputs, shared append-only between successive states so that a fold costs O(n), not O(n^2)
 * (copying a record of every input per view took about 1 s to fold an issue with 1,200 views): this state
 * sees the first `length` of them. Appending to a state that is not the latest of its log copies its
 * part first, so every state stays what it was.
 */
export interface InputLog {
  readonly byId: Map<string, { readonly input: InputRecord; readonly at: number }>;
  readonly length: number;
}

/** The view or outcome with that event id among the state's inputs. */
export function inputOf(state: CurrentPositionState, eventId: string): InputRecord | undefined {
  const hit = state.inputs.byId.get(eventId);
  return hit !== undefined && hit.at < state.inputs.length ? hit.input : undefined;
}

function withInput(log: InputLog, input: InputRecord): InputLog {
  let byId = log.byId;
  if (byId.size !== log.length) byId = new Map([...byId].filter(([, entry]) => entry.at < log.length));
  byId.set(input.eventId, { input, at: log.length });
  return { byId, length: log.length + 1 };
}

const handles = [
  'ConsultationConvened',
  'IssueRegistered',
  'IssueRetitled',
  'DraftTextStatusChanged',
  'IssueClosed',
  'PositionDrafted',
  'PositionEndorsed',
  'PositionWithdrawn',
  'AgencyViewRecorded',
  'ConsultationOutcomeRecorded',
] as const;

export function evolveCurrentPosition(state: CurrentPositionState, envelope: Envelope): CurrentPositionState {
  const { event } = envelope;
  switch (event.type) {
    case 'ConsultationConvened': {
      const d = event.data;
      const meeting: MeetingRecord = {
        consultationId: d.consultationId,
        title: d.title,
        heldOn: d.heldOn,
        convener: d.convener,
        participants: d.participants,
        source: sourceOf(envelope.metadata),
      };
      return { ...state, meetings: { ...state.meetings, [d.consultationId]: meeting } };
    }
    case 'IssueRegistered': {
      const d = event.data;
      return {
        ...state,
        issue: {
          issueId: d.issueId,
          processId: d.processId,
          code: d.code,
          title: d.title,
          refs: d.refs,
          textStatus: null,
          closedOn: null,
        },
      };
    }
    case 'IssueRetitled':
      return state.issue === null ? state : { ...state, issue: { ...state.issue, title: event.data.title } };
    case 'DraftTextStatusChanged':
      return state.issue === null ? state : { ...state, issue: { ...state.issue, textStatus: event.data.status } };
    case 'IssueClosed':
      return state.issue === null ? state : { ...state, issue: { ...state.issue, closedOn: event.data.on } };
    case 'PositionDrafted': {
      const d = event.data;
      const draft: DraftRecord = {
        eventId: envelope.eventId,
        version: d.version,
        stance: d.stance,
        summary: d.summary,
        rationale: d.rationale ?? null,
        flexibility: d.flexibility,
        redLines: d.redLines,
        fallbacks: d.fallbacks,
        allies: d.allies,
        basis: d.basis,
        substantive: d.substantive,
        draftedAt: envelope.validAt,
        recordedAt: envelope.recordedAt,
        source: sourceOf(envelope.metadata),
      };
      return { ...state, drafts: withDraft(state.drafts, draft) };
    }
    case 'PositionEndorsed': {
      const d = event.data;
      const endorsement: EndorsementRecord = {
        eventId: envelope.eventId,
        version: d.version,
        authority: d.authority,
        decisionRef: d.decisionRef,
        decidedOn: d.decidedOn,
        effectiveFrom: d.effectiveFrom,
        recordedAt: envelope.recordedAt,
        source: sourceOf(envelope.metadata),
      };
      const withdrawnVersions = state.withdrawnVersions.includes(d.version)
        ? state.withdrawnVersions.filter((v) => v !== d.version)
        : state.withdrawnVersions;
      return { ...state, endorsements: [...state.endorsements, endorsement], withdrawnVersions };
    }
    case 'PositionWithdrawn': {
      // Withdrawing the version in force leaves no position in force (earlier versions do not
      // come back); withdrawing a draft only drops that draft.
      const v = event.data.version;
      const inForce = endorsementInForce(state)?.endorsement.version === v;
      return {
        ...state,
        endorsements: inForce ? [] : state.endorsements.filter((e) => e.version !== v),
        withdrawnVersions: state.withdrawnVersions.includes(v)
          ? state.withdrawnVersions
          : [...state.withdrawnVersions, v],
      };
    }
    case 'AgencyViewRecorded':
    case 'ConsultationOutcomeRecorded': {
      const d = event.data;
      const who =
        event.type === 'AgencyViewRecorded'
          ? { kind: 'view' as const, agency: event.data.agency, stance: event.data.stance }
          : { kind: 'outcome' as const, agency: null, stance: event.data.recommendedStance ?? null };
      const input: InputRecord = {
        eventId: envelope.eventId,
        consultationId: d.consultationId,
        ...who,
        summary: d.summary,
        validAt: envelope.validAt,
        source: sourceOf(envelope.metadata),
      };
      return { ...state, inputs: withInput(state.inputs, input) };
    }
    default:
      return state;
  }
}

export const currentPosition: Projection<CurrentPositionState> = {
  name: 'current-position',
  version: 4,
  handles,
  initialState: () => ({
    issue: null,
    meetings: {},
    drafts: null,
    endorsements: [],
    withdrawnVersions: [],
    inputs: { byId: new Map(), length: 0 },
  }),
  evolve: evolveCurrentPosition,
};

// ---- the answer ---------------------------------------------------------------------------------

/** What a reader below a consultation's marking gets for a basis input from it (src/read/withheld.ts, ADR 0018). */
export interface WithheldInputRecord {
  readonly eventId: string;
  readonly consultationId: string;
  readonly classification: Classification;
  readonly redacted: true;
}

/** What a reader below a consultation's marking gets for a consultation of a basis. */
export interface WithheldInputMarker {
  readonly consultationId: string;
  readonly classification: Classification;
  readonly redacted: true;
}

/** An input as the folds give it, not a reader's marker. */
export function isInputRecord(input: InputRecord | WithheldInputRecord): input is InputRecord {
  return !('redacted' in input);
}

/** An agency with its names, so that a reader needs no table to name it. */
export interface NamedAgency {
  readonly code: Agency;
  readonly th: string;
  readonly en: string;
}

export function namedAgency(code: Agency): NamedAgency {
  return { code, th: agencyNames[code].th, en: agencyNames[code].en };
}

/**
 * A consultation a basis names: its title, day, convener and participants (null where the ledger does not know it at
 * the point asked).
 */
export interface BasisConsultation {
  readonly consultationId: string;
  readonly title: Bilingual | null;
  readonly heldOn: string | null;
  readonly convener: NamedAgency | null;
  readonly participants: readonly NamedAgency[];
  readonly source: Source | null;
}

/** A basis input with its agency named (outcomes name none). */
export interface BasisInput extends InputRecord {
  readonly agencyName: NamedAgency | null;
}

export interface ResolvedBasis {
  readonly consultationIds: readonly string[];
  /** Each consultation named; a reader's answer has a marker for one it may not see (ADR 0018). */
  readonly consultations: readonly (BasisConsultation | WithheldInputMarker)[];
  /** The folds give InputRecords; a reader's answer may have markers in their place. */
  readonly inputs: readonly (BasisInput | WithheldInputRecord)[];
  /** Basis event ids not (or no longer) on the ledger as of the query: retracted or unknown. */
  readonly missing: readonly string[];
  readonly note: Bilingual | null;
}

export interface PositionVersionView {
  readonly version: number;
  readonly stance: Stance;
  readonly summary: Bilingual;
  readonly rationale: Bilingual | null;
  readonly flexibility: Flexibility;
  readonly redLines: DraftRecord['redLines'];
  readonly fallbacks: DraftRecord['fallbacks'];
  readonly allies: readonly string[];
  readonly substantive: boolean;
  readonly draftedAt: string;
  readonly basis: ResolvedBasis;
  readonly draftEventId: string;
  /** Where the draft comes from (ADR 0038). */
  readonly source: Source;
}

export interface PositionInForceView extends PositionVersionView {
  readonly authority: Authority;
  readonly decisionRef: string;
  readonly decidedOn: string;
  readonly effectiveFrom: string;
  readonly endorsementEventId: string;
  /** Where the endorsement comes from (an endorsement on a date no source gives is illustrative). */
  readonly endorsementSource: Source;
}

export interface CurrentPositionView {
  readonly issueId: string;
  readonly issue: IssueInfo | null;
  readonly inForce: PositionInForceView | null;
  readonly pendingDraft: PositionVersionView | null;
}

function basisConsultation(state: CurrentPositionState, consultationId: string): BasisConsultation {
  const m = state.meetings[consultationId];
  if (m === undefined)
    return { consultationId, title: null, heldOn: null, convener: null, participants: [], source: null };
  return {
    consultationId,
    title: m.title,
    heldOn: m.heldOn,
    convener: namedAgency(m.convener),
    participants: m.participants.map(namedAgency),
    source: m.source,
  };
}

function versionView(state: CurrentPositionState, draft: DraftRecord): PositionVersionView {
  const inputs: BasisInput[] = [];
  const missing: string[] = [];
  let drafts: DraftRecord[] | undefined;
  for (const id of draft.basis.eventIds) {
    const input = inputOf(state, id);
    if (input !== undefined)
      inputs.push({ ...input, agencyName: input.agency === null ? null : namedAgency(input.agency) });
    else if (!(drafts ??= latestDrafts(state.drafts)).some((d) => d.eventId === id)) missing.push(id);
  }
  return {
    version: draft.version,
    stance: draft.stance,
    summary: draft.summary,
    rationale: draft.rationale,
    flexibility: draft.flexibility,
    redLines: draft.redLines,
    fallbacks: draft.fallbacks,
    allies: draft.allies,
    substantive: draft.substantive,
    draftedAt: draft.draftedAt,
    basis: {
      consultationIds: draft.basis.consultationIds,
      consultations: draft.basis.consultationIds.map((id) => basisConsultation(state, id)),
      inputs,
      missing,
      note: draft.basis.note ?? null,
    },
    draftEventId: draft.eventId,
    source: draft.source,
  };
}

/** The endorsement in force: the last standing one whose draft is known. */
export function endorsementInForce(
  state: CurrentPositionState,
): { endorsement: EndorsementRecord; draft: DraftRecord } | null {
  for (let i = state.endorsements.length - 1; i >= 0; i--) {
    const endorsement = state.endorsements[i];
    const draft = endorsement === undefined ? undefined : latestDraftOf(state.drafts, endorsement.version);
    if (endorsement !== undefined && draft !== undefined) return { endorsement, draft };
  }
  return null;
}

export function currentPositionView(issueId: string, state: CurrentPositionState): CurrentPositionView {
  const current = endorsementInForce(state);
  const endorsed = new Set(state.endorsements.map((e) => e.version));
  const floor = current?.draft.version ?? 0;
  const pending = latestDrafts(state.drafts)
    .filter((d) => d.version > floor && !endorsed.has(d.version) && !state.withdrawnVersions.includes(d.version))
    .sort((a, b) => b.version - a.version)[0];
  return {
    issueId,
    issue: state.issue,
    inForce:
      current === null
        ? null
        : {
            ...versionView(state, current.draft),
            authority: current.endorsement.authority,
            decisionRef: current.endorsement.decisionRef,
            decidedOn: current.endorsement.decidedOn,
            effectiveFrom: current.endorsement.effectiveFrom,
            endorsementEventId: current.endorsement.eventId,
            endorsementSource: current.endorsement.source,
          },
    pendingDraft: pending === undefined ? null : versionView(state, pending),
  };
}
