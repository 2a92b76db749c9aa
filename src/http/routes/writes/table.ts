// Every write route of the API: one row per command (command type, path, params, body, example,
// location). write-route.ts turns each row into its POST route; the command is the path parameters and
// the body under its type unless the row says otherwise.
import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import { commandBodies, ConsultationId, Slug } from '../../../../contracts/index.js';
import { NoParams, write, type WriteRow } from './write-route.js';

const ProcessParams = z.object({ processId: Slug });
const SessionParams = z.object({ sessionId: Slug });
const IssueParams = z.object({ issueId: Slug });
const ConsultationParams = z.object({ consultationId: ConsultationId });

// Where the read API serves what was written. No read route serves a process or a retraction on its
// own: those writes answer without a Location (rather than one that 404s).
// A session is read through its brief; an issue as part of its position (GET /v1/issues/{issueId}/position answers the
// issue too).
const sessionUrl = (c: { sessionId: string }): string => `/v1/sessions/${c.sessionId}/brief`;
const issueUrl = (c: { issueId: string }): string => `/v1/issues/${c.issueId}/position`;
const consultationUrl = (c: { consultationId: string }): string => `/v1/consultations/${c.consultationId}`;

/** Namespace of the consultation ids the API derives from an Idempotency-Key (uuid v5). */
const CONSULTATION_ID_NAMESPACE = '3f7c9a52-6a41-4f0e-9d0c-2b8e5d1c7a90';

/**
 * The caller may choose the id; otherwise it follows from principal and Idempotency-Key, so a retry names the same
 * consultation.
 */
const ConveneBody = commandBodies.ConveneConsultation.extend({
  consultationId: ConsultationId.optional().describe('A UUID; when omitted, derived from the Idempotency-Key'),
});

export const writeTable: readonly WriteRow[] = [
  // ---- negotiation processes (the AHC convention, the OEWG, ...) and their milestones ----
  write({
    type: 'RegisterProcess',
    path: '/processes',
    tag: 'processes',
    summary: 'Register a negotiation process',
    params: NoParams,
    body: commandBodies.RegisterProcess,
    example: {
      processId: 'ahc',
      kind: 'treaty-negotiation',
      title: {
        th: 'คณะกรรมการเฉพาะกิจว่าด้วยอนุสัญญาต่อต้านอาชญากรรมไซเบอร์',
        en: 'Ad Hoc Committee on a convention against cybercrime',
      },
      forum: 'UN General Assembly',
      mandate: ['A/RES/74/247'],
      startedOn: '2019-12-27',
    },
  }),
  write({
    type: 'RecordMilestone',
    path: '/processes/:processId/milestones',
    tag: 'processes',
    summary: 'Record a milestone of a process (adopted, signed, ratified, ...)',
    params: ProcessParams,
    body: commandBodies.RecordMilestone.omit({ processId: true }),
    example: { milestone: 'signed', on: '2025-10-25', place: 'Hanoi', reference: 'UN Treaty Collection' },
  }),

  // ---- sessions of a process: scheduled, rescheduled, concluded ----
  write({
    type: 'ScheduleSession',
    path: '/sessions',
    tag: 'sessions',
    summary: 'Schedule a session of a process',
    params: NoParams,
    body: commandBodies.ScheduleSession,
    example: {
      sessionId: 'ahc-7',
      processId: 'ahc',
      number: 7,
      title: { th: 'สมัยประชุมที่ ๗', en: 'Seventh session' },
      venue: { city: 'New York', country: 'US', timeZone: 'America/New_York' },
      from: '2024-01-29',
      to: '2024-02-09',
    },
    location: sessionUrl,
  }),
  write({
    type: 'RescheduleSession',
    path: '/sessions/:sessionId/reschedule',
    tag: 'sessions',
    summary: 'Move a session to other dates or another venue',
    params: SessionParams,
    body: commandBodies.RescheduleSession.omit({ sessionId: true }),
    example: {
      from: '2024-02-05',
      to: '2024-02-16',
      reason: { th: 'เลื่อนตามมติที่ประชุม', en: 'Moved by decision of the committee' },
    },
    location: sessionUrl,
  }),
  write({
    type: 'ConcludeSession',
    path: '/sessions/:sessionId/conclude',
    tag: 'sessions',
    summary: 'Record how a session ended',
    params: SessionParams,
    body: commandBodies.ConcludeSession.omit({ sessionId: true }),
    example: {
      on: '2024-02-09',
      result: 'suspended',
      summary: { th: 'พักการประชุมโดยยังไม่ได้ข้อยุติ', en: 'Suspended without agreement' },
    },
    location: sessionUrl,
  }),

  // ---- issues under negotiation (an article, a chapter, a question that divided delegations) ----
  write({
    type: 'RegisterIssue',
    path: '/issues',
    tag: 'issues',
    summary: 'Register an issue under negotiation',
    params: NoParams,
    body: commandBodies.RegisterIssue,
    example: {
      issueId: 'ahc-jurisdiction',
      processId: 'ahc',
      code: 'ART-22',
      title: { th: 'เขตอำนาจ', en: 'Jurisdiction' },
      refs: { chapter: 'II', articles: ['22'] },
    },
    location: issueUrl,
  }),
  write({
    type: 'RetitleIssue',
    path: '/issues/:issueId/retitle',
    tag: 'issues',
    summary: 'Change the title of an issue',
    params: IssueParams,
    body: commandBodies.RetitleIssue.omit({ issueId: true }),
    example: {
      title: { th: 'เขตอำนาจและการประสานงาน', en: 'Jurisdiction and coordination' },
      reason: { th: 'ตามร่างฉบับปรับปรุง', en: 'Follows the revised draft' },
    },
    location: issueUrl,
  }),
  write({
    type: 'ChangeDraftTextStatus',
    path: '/issues/:issueId/draft-text-status',
    tag: 'issues',
    summary: 'Record the status of the draft text (bracketed, informally agreed, agreed ad referendum, adopted)',
    params: IssueParams,
    body: commandBodies.ChangeDraftTextStatus.omit({ issueId: true }),
    example: { status: 'informally-agreed', on: '2024-02-08', sessionId: 'ahc-concluding' },
    location: issueUrl,
  }),
  write({
    type: 'CloseIssue',
    path: '/issues/:issueId/close',
    tag: 'issues',
    summary: 'Close an issue',
    params: IssueParams,
    body: commandBodies.CloseIssue.omit({ issueId: true }),
    example: {
      on: '2024-08-08',
      reason: { th: 'ร่างอนุสัญญาได้รับการรับรอง', en: 'The draft convention was approved' },
    },
    location: issueUrl,
  }),

  // ---- interagency consultations: convened, each agency's view, the outcome per issue, closed ----
  write({
    type: 'ConveneConsultation',
    path: '/consultations',
    tag: 'consultations',
    summary: 'Convene an interagency consultation',
    description:
      'The convener is your own agency and must be among the participants. `agenda` lists issue ids registered with POST /v1/issues. ' +
      'The new consultation is in the Location header (and streamName); send views and outcomes to it.',
    params: NoParams,
    body: ConveneBody,
    example: {
      title: { th: 'ประชุมหารือเรื่องเขตอำนาจ', en: 'Consultation on jurisdiction' },
      heldOn: '๒๕ พฤศจิกายน ๒๕๖๙',
      convener: 'MFA',
      participants: ['MFA', 'OAG', 'RTP', 'NCSA'],
      agenda: ['ahc-jurisdiction'],
    },
    command: ({ body }, { principal, key }) => ({
      type: 'ConveneConsultation',
      ...body,
      consultationId: body.consultationId ?? uuidv5(`${principal.id}\u0000${key}`, CONSULTATION_ID_NAMESPACE),
    }),
    location: consultationUrl,
  }),
  write({
    type: 'RecordAgencyView',
    path: '/consultations/:consultationId/views',
    tag: 'consultations',
    summary: "Record an agency's view on an agenda issue",
    description:
      "An agency officer records only their own agency's view; negotiators may transcribe any participant's.",
    params: ConsultationParams,
    body: commandBodies.RecordAgencyView.omit({ consultationId: true }),
    example: {
      issueId: 'ahc-jurisdiction',
      agency: 'OAG',
      stance: 'support-with-amendments',
      summary: { th: 'สนับสนุนเขตอำนาจตามหลักดินแดน', en: 'Supports territorial jurisdiction' },
      conditions: {
        level: 'confidential',
        value: [{ th: 'ต้องสอดคล้องกับประมวลกฎหมายอาญา มาตรา ๔', en: 'Must fit Criminal Code section 4' }],
      },
      domesticLawRefs: ['Computer Crime Act B.E. 2550'],
    },
    location: consultationUrl,
  }),
  write({
    type: 'RecordConsultationOutcome',
    path: '/consultations/:consultationId/outcomes',
    tag: 'consultations',
    summary: 'Record the outcome of a consultation on an agenda issue',
    description:
      'Recorded by an agency officer of the convening agency, or by a negotiator; once per agenda issue. `supporting` and `dissenting` name participants; a consensus has no dissent.',
    params: ConsultationParams,
    body: commandBodies.RecordConsultationOutcome.omit({ consultationId: true }),
    example: {
      issueId: 'ahc-jurisdiction',
      outcome: 'consensus',
      recommendedStance: 'support',
      summary: { th: 'ที่ประชุมเห็นพ้องให้สนับสนุน', en: 'Consensus to support' },
      supporting: ['MFA', 'OAG', 'RTP', 'NCSA'],
      followUps: [
        {
          id: 'liaison-channel',
          action: { th: 'เสนอช่องทางประสานงาน', en: 'Propose a liaison channel' },
          owner: 'RTP',
          due: '2026-12-15',
        },
      ],
    },
    location: consultationUrl,
  }),
  write({
    type: 'CloseConsultation',
    path: '/consultations/:consultationId/close',
    tag: 'consultations',
    summary: 'Close a consultation; nothing more can be recorded in it',
    params: ConsultationParams,
    body: commandBodies.CloseConsultation.omit({ consultationId: true }),
    example: { on: '2026-11-25', minutesRef: 'กต 0803/1233' },
    location: consultationUrl,
  }),

  // ---- Thailand's position on an issue: drafted, endorsed, withdrawn, stated at a session, and how the final text
  // reflected it ----
  write({
    type: 'DraftPosition',
    path: '/issues/:issueId/position/drafts',
    tag: 'positions',
    summary: 'Draft a new version of the position on an issue',
    description:
      '`basis.consultationIds` names the consultations the draft rests on; `basis.eventIds` names agency views and consultation outcomes ' +
      'on this issue recorded in those consultations (the eventIds their writes answered with), or earlier drafts of this position. ' +
      'Each consultation must have this issue on its agenda. An unknown or unfit one is refused: 404 consultation_not_found / basis_event_not_found, 422 basis_consultation_off_issue / basis_event_off_issue, 409 basis_event_retracted. ' +
      '`substantive: false` marks a wording change of the version in force.',
    params: IssueParams,
    body: commandBodies.DraftPosition.omit({ issueId: true }),
    example: {
      stance: 'support',
      summary: { th: 'ไทยสนับสนุนเขตอำนาจตามหลักดินแดน', en: 'Thailand supports territorial jurisdiction' },
      flexibility: 'medium',
      redLines: { level: 'secret', value: [{ th: 'ไม่รับเขตอำนาจสากล', en: 'No universal jurisdiction' }] },
      allies: ['ASEAN'],
      basis: {
        consultationIds: ['57b7dd34-2966-5cbe-bc9a-16169ef44904'],
        eventIds: ['e9263927-86c0-5272-b843-8d4ea9bae8ef'],
      },
    },
    location: issueUrl,
  }),
  write({
    type: 'EndorsePosition',
    path: '/issues/:issueId/position/endorsements',
    tag: 'positions',
    summary: 'Endorse a drafted version (interagency, MFA or Cabinet), with the decision reference',
    description:
      'Needs the approver role. Once the Cabinet has endorsed a position, a substantive change needs authority cabinet (409 cabinet_authority_required).',
    params: IssueParams,
    body: commandBodies.EndorsePosition.omit({ issueId: true }),
    example: { version: 1, authority: 'mfa', decisionRef: 'กต 0803/1234', decidedOn: '2026-11-27' },
    location: issueUrl,
  }),
  write({
    type: 'WithdrawPosition',
    path: '/issues/:issueId/position/withdrawals',
    tag: 'positions',
    summary: 'Withdraw a version of the position',
    params: IssueParams,
    body: commandBodies.WithdrawPosition.omit({ issueId: true }),
    example: {
      version: 1,
      reason: { th: 'ถูกแทนที่ด้วยกรอบท่าทีของคณะรัฐมนตรี', en: 'Superseded by the Cabinet framework' },
      decisionRef: 'กต 0803/1300',
    },
    location: issueUrl,
  }),
  write({
    type: 'RecordStatement',
    path: '/issues/:issueId/position/statements',
    tag: 'positions',
    summary: 'Record a statement delivered at a session',
    params: IssueParams,
    body: commandBodies.RecordStatement.omit({ issueId: true }),
    example: {
      sessionId: 'ahc-concluding',
      deliveredOn: '2024-02-01',
      version: 1,
      summary: { th: 'ไทยสนับสนุนเขตอำนาจตามหลักดินแดน', en: 'Thailand supports territorial jurisdiction' },
      deliveredBy: 'Thai delegation',
    },
    location: issueUrl,
  }),
  write({
    type: 'RecordPositionOutcome',
    path: '/issues/:issueId/position/outcomes',
    tag: 'positions',
    summary: 'Record whether the final text reflects the position',
    params: IssueParams,
    body: commandBodies.RecordPositionOutcome.omit({ issueId: true }),
    example: { result: 'reflected', article: 'Article 22', textRef: 'A/AC.291/L.15' },
    location: issueUrl,
  }),

  // ---- follow-ups on an issue: recorded (open), then moved on (in progress, done, dropped, open again) ----
  write({
    type: 'RecordFollowUp',
    path: '/issues/:issueId/follow-ups',
    tag: 'follow-ups',
    summary: 'Record a follow-up on an issue (open until moved on)',
    description:
      'A follow-up id is unique on its issue (409 follow_up_already_recorded); the issue must be registered and not closed.',
    params: z.object({ issueId: Slug }),
    body: commandBodies.RecordFollowUp.omit({ issueId: true }),
    example: {
      followUpId: 'commitment-4',
      area: {
        id: 'law-enforcement',
        title: {
          th: 'การบังคับใช้กฎหมาย การสืบสวนสอบสวน และการดำเนินคดี',
          en: 'Law enforcement, investigation and prosecution',
        },
      },
      action: {
        th: 'เสริมสร้างความร่วมมือระหว่างประเทศในการสืบสวนสอบสวนและดำเนินคดีกับเครือข่ายการหลอกลวงทางอินเทอร์เน็ต',
        en: 'Strengthen international cooperation in investigating and prosecuting online scam networks',
      },
      owner: 'RTP',
      reference: '2025 Bangkok Joint Statement, commitment 4',
    },
    location: (c) => `/v1/follow-ups?issueId=${c.issueId}`,
  }),
  write({
    type: 'ChangeFollowUpStatus',
    path: '/issues/:issueId/follow-ups/:followUpId/status',
    tag: 'follow-ups',
    summary: 'Move a follow-up on: in progress, done, dropped, or open again',
    description:
      'Unknown follow-up: 404 follow_up_not_found; the status it already has: 409 follow_up_status_unchanged.',
    params: z.object({ issueId: Slug, followUpId: Slug }),
    body: commandBodies.ChangeFollowUpStatus.omit({ issueId: true, followUpId: true }),
    example: {
      status: 'in-progress',
      on: '2026-01-15',
      note: { th: 'ตร. ตั้งคณะทำงาน', en: 'RTP set up a working group' },
    },
    location: (c) => `/v1/follow-ups?issueId=${c.issueId}`,
  }),

  // ---- corrections: an entry is never rewritten or deleted; a retraction points at it, with a reason ----
  write({
    type: 'RetractEntry',
    path: '/retractions',
    tag: 'corrections',
    summary: 'Retract an entry of a stream (or, with reinstate, a retraction)',
    params: NoParams,
    body: commandBodies.RetractEntry,
    example: {
      stream: { kind: 'consultation', id: '57b7dd34-2966-5cbe-bc9a-16169ef44904' },
      targetEventId: '1e81f460-e685-53e4-b803-43ada759e733',
      reason: { th: 'บันทึกผิดหน่วยงาน', en: 'Recorded for the wrong agency' },
    },
  }),
];
