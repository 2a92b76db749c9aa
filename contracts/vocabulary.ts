// The ledger's words in Thai and English: every enum value's name, in one place, so that no client
// hard-codes them. GET /v1/vocabulary serves them (src/http/routes/vocabulary.ts) and the workspace's
// bundle carries the same table (src/web/vocabulary.ts). Each table is a Record over its enum: a new
// value without a name does not compile.
import { CLASSIFICATION_LEVELS, classificationNames } from './classification.js';
import {
  AUTHORITIES,
  CONSULTATION_OUTCOMES,
  DRAFT_TEXT_STATUSES,
  FINAL_TEXT_RESULTS,
  FLEXIBILITIES,
  FOLLOW_UP_STATUSES,
  MEETING_FORMATS,
  MILESTONES,
  PROCESS_KINDS,
  SESSION_RESULTS,
  STANCES,
  URGENCIES,
  VIEW_ATTESTATIONS,
  authorityNames,
  stanceNames,
  urgencyNames,
  type ConsultationOutcomeKind,
  type DraftTextStatus,
  type FinalTextResult,
  type Flexibility,
  type FollowUpStatus,
  type MeetingFormat,
  type Milestone,
  type ProcessKind,
  type SessionResult,
  type ViewAttestation,
} from './enums.js';
import { LEDGER_EVENT_TYPES, type LedgerEventType } from './events/index.js';
import { AGENCY_CODES, ROLES, agencyNames, type Role } from './principal.js';
import { SOURCE_KINDS, sourceKindNames } from './source.js';
import { STREAM_KINDS, type StreamKind } from './streams.js';

export interface Label {
  readonly th: string;
  readonly en: string;
}
type Names<K extends string> = Readonly<Record<K, Label>>;

const flexibility: Names<Flexibility> = {
  none: { th: 'ไม่มี', en: 'None' },
  low: { th: 'ต่ำ', en: 'Low' },
  medium: { th: 'ปานกลาง', en: 'Medium' },
  high: { th: 'สูง', en: 'High' },
};
const textStatus: Names<DraftTextStatus> = {
  bracketed: { th: 'ยังอยู่ในวงเล็บ', en: 'Bracketed' },
  'informally-agreed': { th: 'ตกลงกันอย่างไม่เป็นทางการ', en: 'Informally agreed' },
  'agreed-ad-referendum': { th: 'ตกลงโดยรอการยืนยัน', en: 'Agreed ad referendum' },
  adopted: { th: 'รับรองแล้ว', en: 'Adopted' },
};
const outcome: Names<ConsultationOutcomeKind> = {
  consensus: { th: 'ฉันทามติ', en: 'Consensus' },
  majority: { th: 'เสียงข้างมาก', en: 'Majority' },
  'no-consensus': { th: 'ไม่มีฉันทามติ', en: 'No consensus' },
  deferred: { th: 'เลื่อนการพิจารณา', en: 'Deferred' },
};
const format: Names<MeetingFormat> = {
  'in-person': { th: 'ประชุม ณ สถานที่', en: 'In person' },
  online: { th: 'ประชุมออนไลน์', en: 'Online' },
  hybrid: { th: 'ประชุมแบบผสม', en: 'Hybrid' },
  written: { th: 'เวียนหนังสือ', en: 'In writing' },
};
const attestation: Names<ViewAttestation> = {
  agency: { th: 'หน่วยงานบันทึกเอง', en: 'The agency itself' },
  minutes: { th: 'ถอดจากรายงานการประชุม', en: 'The minutes' },
};
const role: Names<Role> = {
  'agency-officer': { th: 'เจ้าหน้าที่หน่วยงาน', en: 'Agency officer' },
  negotiator: { th: 'ผู้เจรจา', en: 'Negotiator' },
  approver: { th: 'ผู้ให้ความเห็นชอบ', en: 'Approver' },
  auditor: { th: 'ผู้ตรวจสอบ', en: 'Auditor' },
  admin: { th: 'ผู้ดูแลระบบ', en: 'Administrator' },
};
const streamKind: Names<StreamKind> = {
  process: { th: 'กระบวนการเจรจา', en: 'Negotiation' },
  session: { th: 'สมัยประชุม', en: 'Session' },
  issue: { th: 'ประเด็น', en: 'Issue' },
  consultation: { th: 'การประชุมหารือ', en: 'Consultation' },
  position: { th: 'ท่าที', en: 'Position' },
};
const eventType: Names<LedgerEventType> = {
  NegotiationProcessRegistered: { th: 'ลงทะเบียนกระบวนการเจรจา', en: 'Negotiation registered' },
  MilestoneRecorded: { th: 'บันทึกเหตุการณ์สำคัญ', en: 'Milestone recorded' },
  SessionScheduled: { th: 'กำหนดสมัยประชุม', en: 'Session scheduled' },
  SessionRescheduled: { th: 'เลื่อนสมัยประชุม', en: 'Session rescheduled' },
  SessionConcluded: { th: 'ปิดสมัยประชุม', en: 'Session concluded' },
  IssueRegistered: { th: 'ลงทะเบียนประเด็น', en: 'Issue registered' },
  IssueRetitled: { th: 'แก้ไขชื่อประเด็น', en: 'Issue retitled' },
  DraftTextStatusChanged: { th: 'เปลี่ยนสถานะร่างข้อบท', en: 'Text status changed' },
  IssueClosed: { th: 'ปิดประเด็น', en: 'Issue closed' },
  FollowUpRecorded: { th: 'บันทึกเรื่องที่ต้องติดตาม', en: 'Follow-up recorded' },
  FollowUpStatusChanged: { th: 'เปลี่ยนสถานะเรื่องที่ต้องติดตาม', en: 'Follow-up status changed' },
  ConsultationConvened: { th: 'เรียกประชุมหารือ', en: 'Consultation convened' },
  AgencyViewRecorded: { th: 'บันทึกความเห็นหน่วยงาน', en: 'Agency view recorded' },
  ConsultationOutcomeRecorded: { th: 'บันทึกผลการหารือ', en: 'Consultation outcome recorded' },
  ConsultationClosed: { th: 'ปิดการประชุมหารือ', en: 'Consultation closed' },
  PositionDrafted: { th: 'ยกร่างท่าที', en: 'Position drafted' },
  PositionEndorsed: { th: 'ให้ความเห็นชอบท่าที', en: 'Position endorsed' },
  PositionWithdrawn: { th: 'ถอนท่าที', en: 'Position withdrawn' },
  StatementDelivered: { th: 'กล่าวถ้อยแถลง', en: 'Statement delivered' },
  PositionOutcomeRecorded: { th: 'บันทึกผลในข้อบทสุดท้าย', en: 'Outcome in the final text recorded' },
  EntryRetracted: { th: 'เพิกถอนรายการ', en: 'Entry retracted' },
};
const followUpStatus: Names<FollowUpStatus> = {
  open: { th: 'ยังไม่ดำเนินการ', en: 'Open' },
  'in-progress': { th: 'อยู่ระหว่างดำเนินการ', en: 'In progress' },
  done: { th: 'ดำเนินการแล้ว', en: 'Done' },
  dropped: { th: 'ยกเลิก', en: 'Dropped' },
};
const milestone: Names<Milestone> = {
  'mandate-adopted': { th: 'ได้รับอาณัติ', en: 'Mandate adopted' },
  'text-approved': { th: 'ที่ประชุมรับรองร่างข้อบท', en: 'Text approved' },
  'text-adopted': { th: 'รับรองข้อบท', en: 'Text adopted' },
  'opened-for-signature': { th: 'เปิดให้ลงนาม', en: 'Opened for signature' },
  signed: { th: 'ลงนาม', en: 'Signed' },
  ratified: { th: 'ให้สัตยาบัน', en: 'Ratified' },
  acceded: { th: 'ภาคยานุวัติ', en: 'Acceded' },
  'reservation-made': { th: 'ตั้งข้อสงวน', en: 'Reservation made' },
  'declaration-made': { th: 'ทำคำแถลงตีความ', en: 'Declaration made' },
  'entered-into-force': { th: 'มีผลใช้บังคับ', en: 'Entered into force' },
  'position-launched': { th: 'เปิดตัวท่าทีของประเทศ', en: 'National position launched' },
  'outcome-document-adopted': { th: 'รับรองเอกสารผลลัพธ์', en: 'Outcome document adopted' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
const processKind: Names<ProcessKind> = {
  'treaty-negotiation': { th: 'การเจรจาสนธิสัญญา', en: 'Treaty negotiation' },
  'working-group': { th: 'คณะทำงาน', en: 'Working group' },
  partnership: { th: 'หุ้นส่วนความร่วมมือ', en: 'Partnership' },
  conference: { th: 'การประชุม', en: 'Conference' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
const sessionResult: Names<SessionResult> = {
  completed: { th: 'เสร็จสิ้น', en: 'Completed' },
  suspended: { th: 'พักการประชุม', en: 'Suspended' },
  'text-approved': { th: 'รับรองร่างข้อบท', en: 'Text approved' },
};
const finalTextResult: Names<FinalTextResult> = {
  reflected: { th: 'สะท้อนในข้อบท', en: 'Reflected' },
  'partly-reflected': { th: 'สะท้อนบางส่วน', en: 'Partly reflected' },
  'not-reflected': { th: 'ไม่สะท้อนในข้อบท', en: 'Not reflected' },
};

/** The names of every enum's values that contracts/ does not give beside the enum itself, by kind. */
export const labels = {
  flexibility,
  textStatus,
  outcome,
  format,
  attestation,
  role,
  streamKind,
  eventType,
  followUpStatus,
  sourceKind: sourceKindNames,
  milestone,
  processKind,
  sessionResult,
  finalTextResult,
};
export type LabelKind = keyof typeof labels;

export interface NamedValue extends Label {
  readonly id: string;
}

const named = <K extends string>(ids: readonly K[], names: Names<K>): NamedValue[] =>
  ids.map((id) => ({ id, th: names[id].th, en: names[id].en }));

/** The served vocabulary: every kind as a list in the enum's order, each value with its Thai and English name. */
export function vocabularyLists() {
  return {
    agencies: AGENCY_CODES.map((id) => ({
      id,
      th: agencyNames[id].th,
      en: agencyNames[id].en,
      abbrev: agencyNames[id].thAbbrev ?? null,
    })),
    roles: named(ROLES, role),
    stances: named(STANCES, stanceNames),
    authorities: named(AUTHORITIES, authorityNames),
    classifications: named(CLASSIFICATION_LEVELS, classificationNames),
    urgencies: named(URGENCIES, urgencyNames),
    flexibilities: named(FLEXIBILITIES, flexibility),
    textStatuses: named(DRAFT_TEXT_STATUSES, textStatus),
    outcomes: named(CONSULTATION_OUTCOMES, outcome),
    formats: named(MEETING_FORMATS, format),
    attestations: named(VIEW_ATTESTATIONS, attestation),
    milestones: named(MILESTONES, milestone),
    processKinds: named(PROCESS_KINDS, processKind),
    sessionResults: named(SESSION_RESULTS, sessionResult),
    finalTextResults: named(FINAL_TEXT_RESULTS, finalTextResult),
    followUpStatuses: named(FOLLOW_UP_STATUSES, followUpStatus),
    sourceKinds: named(SOURCE_KINDS, sourceKindNames),
    eventTypes: named(LEDGER_EVENT_TYPES, eventType),
    streamKinds: named(STREAM_KINDS, streamKind),
  };
}
