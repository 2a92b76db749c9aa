// Who acts: an agency code, the roles a token grants, and the clearance it carries.
import { z } from 'zod';
import { CLASSIFICATION_LEVELS } from './classification.js';

export const AGENCY_CODES = [
  'MFA',
  'OAG',
  'RTP',
  'NSC',
  'NCSA',
  'MOJ',
  'MDES',
  'ETDA',
  'AMLO',
  'DSI',
  'BOT',
  'OCS',
  'SOC',
] as const;
export const Agency = z.enum(AGENCY_CODES);
export type Agency = z.infer<typeof Agency>;

export interface AgencyName {
  readonly en: string;
  readonly th: string;
  readonly thAbbrev?: string;
}

/** Names as in domain.md; the Thai abbreviation is what official letters use. */
export const agencyNames: Readonly<Record<Agency, AgencyName>> = {
  MFA: { en: 'Ministry of Foreign Affairs', th: 'กระทรวงการต่างประเทศ', thAbbrev: 'กต.' },
  OAG: { en: 'Office of the Attorney General', th: 'สำนักงานอัยการสูงสุด', thAbbrev: 'อส.' },
  RTP: { en: 'Royal Thai Police', th: 'สำนักงานตำรวจแห่งชาติ', thAbbrev: 'ตร.' },
  NSC: { en: 'Office of the National Security Council', th: 'สำนักงานสภาความมั่นคงแห่งชาติ', thAbbrev: 'สมช.' },
  NCSA: {
    en: 'National Cyber Security Agency',
    th: 'สำนักงานคณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ',
    thAbbrev: 'สกมช.',
  },
  MOJ: { en: 'Ministry of Justice', th: 'กระทรวงยุติธรรม', thAbbrev: 'ยธ.' },
  MDES: { en: 'Ministry of Digital Economy and Society', th: 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม', thAbbrev: 'ดศ.' },
  ETDA: { en: 'Electronic Transactions Development Agency', th: 'สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์', thAbbrev: 'สพธอ.' },
  AMLO: { en: 'Anti-Money Laundering Office', th: 'สำนักงานป้องกันและปราบปรามการฟอกเงิน', thAbbrev: 'ปปง.' },
  DSI: { en: 'Department of Special Investigation', th: 'กรมสอบสวนคดีพิเศษ' },
  BOT: { en: 'Bank of Thailand', th: 'ธนาคารแห่งประเทศไทย', thAbbrev: 'ธปท.' },
  OCS: { en: 'Office of the Council of State', th: 'สำนักงานคณะกรรมการกฤษฎีกา', thAbbrev: 'สคก.' },
  SOC: { en: 'Secretariat of the Cabinet', th: 'สำนักเลขาธิการคณะรัฐมนตรี', thAbbrev: 'สลค.' },
};

export const ROLES = ['agency-officer', 'negotiator', 'approver', 'auditor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Clearance uses the same ladder as classification: a reader sees what is at or below it. */
export const Clearance = z.enum(CLASSIFICATION_LEVELS);
export type Clearance = z.infer<typeof Clearance>;

export const Principal = z.strictObject({
  id: z.string().trim().min(1).max(200),
  agency: Agency,
  roles: z
    .array(Role)
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, 'roles must not repeat'),
  clearance: Clearance,
});
export type Principal = z.infer<typeof Principal>;

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}
