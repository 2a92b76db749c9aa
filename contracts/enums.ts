// The vocabularies of negotiation: stances, authorities, urgency, draft-text status, outcomes, milestones.
import { z } from 'zod';

/** Stance scale, from "no position yet" to "we table our own text". */
export const STANCES = [
  'listening',
  'support',
  'support-with-amendments',
  'flexible',
  'reserve',
  'oppose',
  'propose-own-text',
] as const;
export const Stance = z.enum(STANCES);
export type Stance = z.infer<typeof Stance>;
export const stanceNames: Readonly<Record<Stance, { th: string; en: string }>> = {
  listening: { th: 'รับฟังท่าที', en: 'Listening / no position yet' },
  support: { th: 'สนับสนุน', en: 'Support' },
  'support-with-amendments': { th: 'สนับสนุนโดยมีข้อแก้ไข', en: 'Support with amendments' },
  flexible: { th: 'ยืดหยุ่นได้', en: 'Flexible (can live with)' },
  reserve: { th: 'สงวนท่าที', en: 'Reserve' },
  oppose: { th: 'คัดค้าน', en: 'Oppose' },
  'propose-own-text': { th: 'เสนอร่างของไทย', en: 'Propose own text' },
};

/** Authority ladder: interagency < mfa < cabinet. */
export const AUTHORITIES = ['interagency', 'mfa', 'cabinet'] as const;
export const Authority = z.enum(AUTHORITIES);
export type Authority = z.infer<typeof Authority>;
export function authorityRank(authority: Authority): number {
  return AUTHORITIES.indexOf(authority);
}
export const authorityNames: Readonly<Record<Authority, { th: string; en: string }>> = {
  interagency: { th: 'ที่ประชุมหน่วยงาน', en: 'Interagency consultation' },
  mfa: { th: 'กระทรวงการต่างประเทศ', en: 'MFA instruction' },
  cabinet: { th: 'คณะรัฐมนตรี', en: 'Cabinet-approved framework' },
};

/** Urgency marks on official letters: ด่วน, ด่วนมาก, ด่วนที่สุด. */
export const URGENCIES = ['normal', 'urgent', 'very-urgent', 'most-urgent'] as const;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;
export const urgencyNames: Readonly<Record<Urgency, { th: string; en: string }>> = {
  normal: { th: '', en: 'Normal' },
  urgent: { th: 'ด่วน', en: 'Urgent' },
  'very-urgent': { th: 'ด่วนมาก', en: 'Very urgent' },
  'most-urgent': { th: 'ด่วนที่สุด', en: 'Most urgent' },
};

/** Draft treaty text: bracketed -> informally agreed -> agreed ad referendum -> adopted. */
export const DRAFT_TEXT_STATUSES = ['bracketed', 'informally-agreed', 'agreed-ad-referendum', 'adopted'] as const;
export const DraftTextStatus = z.enum(DRAFT_TEXT_STATUSES);
export type DraftTextStatus = z.infer<typeof DraftTextStatus>;

/** How an interagency consultation ended on one agenda issue. */
export const CONSULTATION_OUTCOMES = ['consensus', 'majority', 'no-consensus', 'deferred'] as const;
export const ConsultationOutcomeKind = z.enum(CONSULTATION_OUTCOMES);
export type ConsultationOutcomeKind = z.infer<typeof ConsultationOutcomeKind>;

export const MEETING_FORMATS = ['in-person', 'online', 'hybrid', 'written'] as const;
export const MeetingFormat = z.enum(MEETING_FORMATS);
export type MeetingFormat = z.infer<typeof MeetingFormat>;

/** Milestones of a negotiation process (treaty life cycle, plus the general ones). */
export const MILESTONES = [
  'mandate-adopted',
  'text-approved',
  'text-adopted',
  'opened-for-signature',
  'signed',
  'ratified',
  'acceded',
  'reservation-made',
  'declaration-made',
  'entered-into-force',
  'position-launched',
  'outcome-document-adopted',
  'other',
] as const;
export const Milestone = z.enum(MILESTONES);
export type Milestone = z.infer<typeof Milestone>;
/** Milestones that happen at most once per process (reservations and declarations may repeat). */
export const ONCE_ONLY_MILESTONES: readonly Milestone[] = [
  'text-approved',
  'text-adopted',
  'opened-for-signature',
  'signed',
  'ratified',
  'acceded',
  'entered-into-force',
];

export const PROCESS_KINDS = ['treaty-negotiation', 'working-group', 'partnership', 'conference', 'other'] as const;
export const ProcessKind = z.enum(PROCESS_KINDS);
export type ProcessKind = z.infer<typeof ProcessKind>;

export const SESSION_RESULTS = ['completed', 'suspended', 'text-approved'] as const;
export const SessionResult = z.enum(SESSION_RESULTS);
export type SessionResult = z.infer<typeof SessionResult>;

/** Did Thailand's position make it into the final text? */
export const FINAL_TEXT_RESULTS = ['reflected', 'partly-reflected', 'not-reflected'] as const;
export const FinalTextResult = z.enum(FINAL_TEXT_RESULTS);
export type FinalTextResult = z.infer<typeof FinalTextResult>;

export const FLEXIBILITIES = ['none', 'low', 'medium', 'high'] as const;
export const Flexibility = z.enum(FLEXIBILITIES);
export type Flexibility = z.infer<typeof Flexibility>;

/** Where a follow-up stands: open when recorded, then in progress, done or dropped. */
export const FOLLOW_UP_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export const FollowUpStatus = z.enum(FOLLOW_UP_STATUSES);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

/** How a view reached the ledger: typed by the agency itself, or transcribed from the convener's minutes. */
export const VIEW_ATTESTATIONS = ['agency', 'minutes'] as const;
export const ViewAttestation = z.enum(VIEW_ATTESTATIONS);
export type ViewAttestation = z.infer<typeof ViewAttestation>;
