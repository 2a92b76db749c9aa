// One valid request per write route, with what it needs set up first (by an admin), so that a test
// can send it as any principal. Ids are fresh per call: tests never collide, even on a shared store.
import { randomUUID } from 'node:crypto';
import type { Agency, CommandType, Role } from '../../../contracts/index.js';
import type { Api } from './api.js';

export interface Actor {
  roles: Role[];
  agency: Agency;
}

export interface WriteRequest {
  url: string;
  body: Record<string, unknown>;
  /** The stream the write appends to. */
  stream: string;
}

export interface WriteCase {
  type: CommandType;
  /** Route template as documented in the OpenAPI document. */
  path: string;
  /**
   * The agencies a request of this kind can be made to speak for (a view's agency, a consultation's
   * convener, the MFA authority of an endorsement, ...); `null` in the list stands for a request that
   * names no agency. Without it, the route names no agency at all.
   */
  speaksFor?: (actor: Actor) => ReadonlyArray<Agency | null>;
  /**
   * A valid request for the actor, speaking for `agency` where the route names one (default: the actor's
   * own agency; `null`: none, where the route allows that).
   */
  prepare(api: Api, actor: Actor, agency?: Agency | null): Promise<WriteRequest>;
  /** `prepare` reads the actor's roles too (not only its agency): a request prepared for one role is not another's. */
  preparedForRoles?: true;
}

/** The agency a request names besides the caller's own: a participant of every consultation set up here. */
export const OTHER_AGENCY: Agency = 'RTP';
const ownOrOther = (actor: Actor): Agency[] => [actor.agency, actor.agency === OTHER_AGENCY ? 'NCSA' : OTHER_AGENCY];
/** An endorsement names an agency only through its authority: `mfa` speaks for MFA, `interagency` for none. */
const authorityFor = (agency: Agency | null): 'mfa' | 'interagency' => (agency === 'MFA' ? 'mfa' : 'interagency');
const mfaOrNone = (): Array<Agency | null> => [null, 'MFA'];

export const slug = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
const text = (en: string) => ({ th: `ข้อความ ${en}`, en });

/** Sends a setup write as an admin and fails loudly if it does not succeed. */
export async function setup(api: Api, url: string, body: Record<string, unknown>): Promise<string> {
  const res = await api.post(url, body, { token: await adminToken(api) });
  if (res.statusCode !== 201) throw new Error(`setup ${url} answered ${res.statusCode}: ${res.body}`);
  const eventId = res.json<{ eventIds: string[] }>().eventIds[0];
  if (eventId === undefined) throw new Error(`setup ${url} appended nothing`);
  return eventId;
}

const admins = new WeakMap<Api, Promise<string>>();
export function adminToken(api: Api): Promise<string> {
  let token = admins.get(api);
  if (token === undefined) {
    token = api.tokenFor('admin', 'MFA', 'top-secret');
    admins.set(api, token);
  }
  return token;
}

// ---- valid bodies ----

export const bodies = {
  process: (processId: string) => ({
    processId,
    kind: 'treaty-negotiation',
    title: text('Convention against Cybercrime'),
    forum: 'UN Ad Hoc Committee',
  }),
  session: (sessionId: string, processId: string) => ({
    sessionId,
    processId,
    number: 1,
    title: text('First session'),
    venue: { city: 'New York', timeZone: 'America/New_York' },
    from: '2022-02-28',
    to: '2022-03-11',
  }),
  issue: (issueId: string, processId: string) => ({
    issueId,
    processId,
    code: 'ART-24',
    title: text('Conditions and safeguards'),
  }),
  consultation: (convener: Agency, issueId: string) => ({
    title: text('Interagency consultation'),
    heldOn: '2021-12-28',
    convener,
    participants: [...new Set<Agency>([convener, 'MFA', 'OAG', 'RTP', 'NCSA'])],
    agenda: [issueId],
  }),
  view: (issueId: string, agency: Agency) => ({
    issueId,
    agency,
    stance: 'support-with-amendments',
    summary: text(`${agency} view`),
  }),
  draft: () => ({ stance: 'listening', summary: text('Listen at the first session') }),
  endorsement: (version = 1, authority: 'interagency' | 'mfa' | 'cabinet' = 'mfa') => ({
    version,
    authority,
    decisionRef: 'กต 1002/4',
    decidedOn: '2022-01-20',
  }),
};

// ---- setups ----

export async function newProcess(api: Api): Promise<{ processId: string; eventId: string }> {
  const processId = slug('proc');
  const eventId = await setup(api, '/v1/processes', bodies.process(processId));
  return { processId, eventId };
}

/**
 * A session of the given process (statements and draft-text statuses must name one of their issue's process), or of a
 * new one.
 */
export async function newSession(api: Api, ofProcess?: string): Promise<{ sessionId: string; eventId: string }> {
  const processId = ofProcess ?? (await newProcess(api)).processId;
  const sessionId = slug('sess');
  const eventId = await setup(api, '/v1/sessions', bodies.session(sessionId, processId));
  return { sessionId, eventId };
}

export async function newIssue(api: Api): Promise<{ issueId: string; processId: string; eventId: string }> {
  const { processId } = await newProcess(api);
  const issueId = slug('issue');
  const eventId = await setup(api, '/v1/issues', bodies.issue(issueId, processId));
  return { issueId, processId, eventId };
}

export async function newConsultation(
  api: Api,
  convener: Agency,
): Promise<{ consultationId: string; issueId: string; eventId: string }> {
  const { issueId } = await newIssue(api);
  const consultationId = randomUUID();
  const eventId = await setup(api, '/v1/consultations', { consultationId, ...bodies.consultation(convener, issueId) });
  return { consultationId, issueId, eventId };
}

export async function newDraft(api: Api): Promise<{ issueId: string; processId: string; eventId: string }> {
  const { issueId, processId } = await newIssue(api);
  const eventId = await setup(api, `/v1/issues/${issueId}/position/drafts`, bodies.draft());
  return { issueId, processId, eventId };
}

export async function newEndorsed(
  api: Api,
  authority: 'interagency' | 'mfa' | 'cabinet' = 'mfa',
): Promise<{ issueId: string; processId: string; eventId: string }> {
  const { issueId, processId } = await newDraft(api);
  const eventId = await setup(api, `/v1/issues/${issueId}/position/endorsements`, bodies.endorsement(1, authority));
  return { issueId, processId, eventId };
}

/** Approvers write endorsements; every other writing role writes agency views. */
const retractsEndorsements = (actor: Actor): boolean => actor.roles.every((r) => r === 'approver');

/**
 * An entry the actor's roles could have written, for the actor to retract, in `agency`'s name: an
 * endorsement (with MFA authority for MFA, interagency otherwise) for an approver, else `agency`'s view
 * in a consultation `agency` convened.
 */
async function retractable(
  api: Api,
  actor: Actor,
  agency: Agency | null,
): Promise<{ kind: string; id: string; eventId: string }> {
  if (retractsEndorsements(actor)) {
    const { issueId, eventId } = await newEndorsed(api, authorityFor(agency));
    return { kind: 'position', id: issueId, eventId };
  }
  const of = agency ?? actor.agency;
  const { consultationId, issueId } = await newConsultation(api, of);
  const eventId = await setup(api, `/v1/consultations/${consultationId}/views`, bodies.view(issueId, of));
  return { kind: 'consultation', id: consultationId, eventId };
}

// ---- one case per command ----

export const writeCases: readonly WriteCase[] = [
  {
    type: 'RegisterProcess',
    path: '/v1/processes',
    async prepare() {
      const processId = slug('proc');
      return { url: '/v1/processes', body: bodies.process(processId), stream: `process-${processId}` };
    },
  },
  {
    type: 'RecordMilestone',
    path: '/v1/processes/{processId}/milestones',
    async prepare(api) {
      const { processId } = await newProcess(api);
      return {
        url: `/v1/processes/${processId}/milestones`,
        body: { milestone: 'signed', on: '2025-10-25', place: 'Hanoi' },
        stream: `process-${processId}`,
      };
    },
  },
  {
    type: 'ScheduleSession',
    path: '/v1/sessions',
    async prepare(api) {
      const { processId } = await newProcess(api);
      const sessionId = slug('sess');
      return { url: '/v1/sessions', body: bodies.session(sessionId, processId), stream: `session-${sessionId}` };
    },
  },
  {
    type: 'RescheduleSession',
    path: '/v1/sessions/{sessionId}/reschedule',
    async prepare(api) {
      const { sessionId } = await newSession(api);
      return {
        url: `/v1/sessions/${sessionId}/reschedule`,
        body: { from: '2022-03-07', to: '2022-03-18', reason: text('Moved') },
        stream: `session-${sessionId}`,
      };
    },
  },
  {
    type: 'ConcludeSession',
    path: '/v1/sessions/{sessionId}/conclude',
    async prepare(api) {
      const { sessionId } = await newSession(api);
      return {
        url: `/v1/sessions/${sessionId}/conclude`,
        body: { on: '2022-03-11', result: 'completed' },
        stream: `session-${sessionId}`,
      };
    },
  },
  {
    type: 'RegisterIssue',
    path: '/v1/issues',
    async prepare(api) {
      const { processId } = await newProcess(api);
      const issueId = slug('issue');
      return { url: '/v1/issues', body: bodies.issue(issueId, processId), stream: `issue-${issueId}` };
    },
  },
  {
    type: 'RetitleIssue',
    path: '/v1/issues/{issueId}/retitle',
    async prepare(api) {
      const { issueId } = await newIssue(api);
      return { url: `/v1/issues/${issueId}/retitle`, body: { title: text('Safeguards') }, stream: `issue-${issueId}` };
    },
  },
  {
    type: 'ChangeDraftTextStatus',
    path: '/v1/issues/{issueId}/draft-text-status',
    async prepare(api) {
      const { issueId } = await newIssue(api);
      return {
        url: `/v1/issues/${issueId}/draft-text-status`,
        body: { status: 'informally-agreed', on: '2023-09-01' },
        stream: `issue-${issueId}`,
      };
    },
  },
  {
    type: 'CloseIssue',
    path: '/v1/issues/{issueId}/close',
    async prepare(api) {
      const { issueId } = await newIssue(api);
      return {
        url: `/v1/issues/${issueId}/close`,
        body: { on: '2024-12-24', reason: text('Convention adopted') },
        stream: `issue-${issueId}`,
      };
    },
  },
  {
    type: 'RecordFollowUp',
    path: '/v1/issues/{issueId}/follow-ups',
    async prepare(api) {
      const { issueId } = await newIssue(api);
      return {
        url: `/v1/issues/${issueId}/follow-ups`,
        body: {
          followUpId: 'commitment-1',
          action: text('Make countering online scams a priority'),
          reference: 'Bangkok Joint Statement, commitment 1',
        },
        stream: `issue-${issueId}`,
      };
    },
  },
  {
    type: 'ChangeFollowUpStatus',
    path: '/v1/issues/{issueId}/follow-ups/{followUpId}/status',
    async prepare(api) {
      const { issueId } = await newIssue(api);
      await setup(api, `/v1/issues/${issueId}/follow-ups`, {
        followUpId: 'commitment-1',
        action: text('Make countering online scams a priority'),
      });
      return {
        url: `/v1/issues/${issueId}/follow-ups/commitment-1/status`,
        body: { status: 'in-progress', on: '2026-01-15' },
        stream: `issue-${issueId}`,
      };
    },
  },
  {
    type: 'ConveneConsultation',
    path: '/v1/consultations',
    speaksFor: ownOrOther,
    async prepare(api, actor, speaking) {
      const agency = speaking ?? actor.agency;
      const { issueId } = await newIssue(api);
      const consultationId = randomUUID();
      return {
        url: '/v1/consultations',
        body: { consultationId, ...bodies.consultation(agency, issueId) },
        stream: `consultation-${consultationId}`,
      };
    },
  },
  {
    type: 'RecordAgencyView',
    path: '/v1/consultations/{consultationId}/views',
    speaksFor: ownOrOther,
    async prepare(api, actor, speaking) {
      const agency = speaking ?? actor.agency;
      const { consultationId, issueId } = await newConsultation(api, 'MFA');
      return {
        url: `/v1/consultations/${consultationId}/views`,
        body: bodies.view(issueId, agency),
        stream: `consultation-${consultationId}`,
      };
    },
  },
  {
    type: 'RecordConsultationOutcome',
    path: '/v1/consultations/{consultationId}/outcomes',
    speaksFor: ownOrOther,
    async prepare(api, actor, speaking) {
      const agency = speaking ?? actor.agency;
      const { consultationId, issueId } = await newConsultation(api, agency);
      return {
        url: `/v1/consultations/${consultationId}/outcomes`,
        body: {
          issueId,
          outcome: 'consensus',
          recommendedStance: 'listening',
          summary: text('Listen at session 1, compare offences with Thai law'),
          supporting: [agency],
        },
        stream: `consultation-${consultationId}`,
      };
    },
  },
  {
    type: 'CloseConsultation',
    path: '/v1/consultations/{consultationId}/close',
    speaksFor: ownOrOther,
    async prepare(api, actor, speaking) {
      const agency = speaking ?? actor.agency;
      const { consultationId } = await newConsultation(api, agency);
      return {
        url: `/v1/consultations/${consultationId}/close`,
        body: { on: '2021-12-28', minutesRef: 'กต 1002/4' },
        stream: `consultation-${consultationId}`,
      };
    },
  },
  {
    type: 'DraftPosition',
    path: '/v1/issues/{issueId}/position/drafts',
    async prepare(api) {
      const { issueId } = await newIssue(api);
      return { url: `/v1/issues/${issueId}/position/drafts`, body: bodies.draft(), stream: `position-${issueId}` };
    },
  },
  {
    type: 'EndorsePosition',
    path: '/v1/issues/{issueId}/position/endorsements',
    speaksFor: mfaOrNone,
    async prepare(api, actor, agency = actor.agency) {
      const { issueId } = await newDraft(api);
      return {
        url: `/v1/issues/${issueId}/position/endorsements`,
        body: bodies.endorsement(1, authorityFor(agency)),
        stream: `position-${issueId}`,
      };
    },
  },
  {
    type: 'WithdrawPosition',
    path: '/v1/issues/{issueId}/position/withdrawals',
    speaksFor: mfaOrNone,
    async prepare(api, actor, agency = actor.agency) {
      const { issueId } = await newEndorsed(api, authorityFor(agency));
      return {
        url: `/v1/issues/${issueId}/position/withdrawals`,
        body: { version: 1, reason: text('Overtaken by the Cabinet framework') },
        stream: `position-${issueId}`,
      };
    },
  },
  {
    type: 'RecordStatement',
    path: '/v1/issues/{issueId}/position/statements',
    async prepare(api) {
      const { issueId, processId } = await newEndorsed(api);
      const { sessionId } = await newSession(api, processId);
      return {
        url: `/v1/issues/${issueId}/position/statements`,
        body: { sessionId, deliveredOn: '2022-03-01', summary: text('Thailand listens') },
        stream: `position-${issueId}`,
      };
    },
  },
  {
    type: 'RecordPositionOutcome',
    path: '/v1/issues/{issueId}/position/outcomes',
    async prepare(api) {
      const { issueId } = await newEndorsed(api);
      return {
        url: `/v1/issues/${issueId}/position/outcomes`,
        body: { result: 'partly-reflected', article: 'Article 24' },
        stream: `position-${issueId}`,
      };
    },
  },
  {
    type: 'RetractEntry',
    path: '/v1/retractions',
    speaksFor: (actor) => (retractsEndorsements(actor) ? mfaOrNone() : ownOrOther(actor)),
    preparedForRoles: true,
    async prepare(api, actor, agency = actor.agency) {
      const target = await retractable(api, actor, agency);
      return {
        url: '/v1/retractions',
        body: {
          stream: { kind: target.kind, id: target.id },
          targetEventId: target.eventId,
          reason: text('Recorded in error'),
        },
        stream: `${target.kind}-${target.id}`,
      };
    },
  },
];
