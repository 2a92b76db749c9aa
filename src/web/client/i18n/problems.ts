// What a problem+json answer means to the person at the form, in their language, and which field
// it belongs to. Validation issues point at their field (`/summary/th` -> summary.th); a ledger rule
// names its field here, or the message goes at the top of the form. A code not listed still shows
// (a general message with the code), never an empty gap.
import type { Text } from './messages.js';

/** Validation issue codes (zod) -> message. */
export const issueMessages: Readonly<Record<string, Text>> = {
  too_small: { th: 'ต้องกรอกหรือเลือกอย่างน้อยหนึ่งรายการ', en: 'Required: enter or choose at least one' },
  too_big: { th: 'ยาวหรือมากเกินกำหนด', en: 'Too long or too many' },
  invalid_value: { th: 'ต้องเลือกจากรายการที่กำหนด', en: 'Choose one of the listed values' },
  invalid_type: { th: 'ต้องกรอกช่องนี้', en: 'This field is required' },
  invalid_format: { th: 'รูปแบบไม่ถูกต้อง', en: 'Not in the expected format' },
  custom: { th: 'ค่าไม่ถูกต้อง', en: 'Not a valid value' },
  unrecognized_keys: { th: 'มีข้อมูลที่ระบบไม่รู้จัก', en: 'Contains something the ledger does not take' },
  invalid_token: { th: 'ไม่พบโทเค็นนี้ หรือโทเค็นถูกเพิกถอนแล้ว', en: 'This token is unknown or revoked' },
  // contracts/dates.ts: 1945-01-01 to 2099-12-31; a command's dates at most five years ahead.
  date_out_of_range: {
    th: 'วันที่อยู่นอกช่วงที่ระบบรับ: ตั้งแต่ 1 ม.ค. 2488 ถึง 31 ธ.ค. 2642 และวันที่ของรายการที่บันทึกต้องไม่เกินห้าปีข้างหน้า',
    en: "Outside the dates the ledger takes: 1 Jan 1945 to 31 Dec 2099, and a record's dates at most five years ahead",
  },
};

export interface RuleMessage extends Text {
  /** The form field the rule is about; none: the top of the form. */
  readonly field?: string;
}

/** Ledger rules (problem `code`) the workspace's forms can meet. */
export const ruleMessages: Readonly<Record<string, RuleMessage>> = {
  unauthorized: { th: 'หมดเวลาการเข้าใช้ กรุณาเข้าสู่ระบบอีกครั้ง', en: 'Your session ended: please sign in again' },
  csrf_token_invalid: {
    th: 'คำขอนี้ไม่ได้มาจากหน้าที่เข้าสู่ระบบไว้ กรุณาโหลดหน้าใหม่',
    en: 'This request did not come from the signed-in page: reload it',
  },
  role_not_allowed: { th: 'บทบาทของบัญชีนี้ไม่มีสิทธิ์ทำรายการนี้', en: "This account's roles may not do this" },
  agency_mismatch: {
    th: 'บันทึกได้เฉพาะในนามหน่วยงานของตนเอง',
    en: 'You may record only for your own agency',
    field: 'agency',
  },
  view_for_own_agency_only: {
    th: 'บันทึกความเห็นได้เฉพาะของหน่วยงานตนเอง',
    en: "You may record only your own agency's view",
    field: 'agency',
  },
  agency_not_participant: {
    th: 'หน่วยงานนี้ไม่ได้เข้าร่วมการประชุมหารือนี้',
    en: 'This agency does not take part in this consultation',
    field: 'agency',
  },
  issue_not_on_agenda: { th: 'ประเด็นนี้ไม่อยู่ในวาระการประชุม', en: 'This issue is not on the agenda', field: 'issueId' },
  issue_not_found: { th: 'ไม่พบประเด็นนี้', en: 'No such issue', field: 'issueId' },
  issue_closed: { th: 'ประเด็นนี้ปิดแล้ว', en: 'This issue is closed' },
  consultation_closed: {
    th: 'การประชุมหารือนี้ปิดแล้ว ไม่สามารถบันทึกเพิ่มได้',
    en: 'This consultation is closed: nothing more can be recorded',
  },
  consultation_not_found: { th: 'ไม่พบการประชุมหารือนี้', en: 'No such consultation' },
  session_not_found: { th: 'ไม่พบสมัยประชุมนี้', en: 'No such session', field: 'sessionId' },
  different_process: {
    th: 'สมัยประชุมนี้เป็นของกระบวนการเจรจาอื่น',
    en: 'This session belongs to another negotiation',
    field: 'sessionId',
  },
  outcome_already_recorded: {
    th: 'บันทึกผลการหารือในประเด็นนี้ไว้แล้ว',
    en: 'The outcome on this issue is already recorded',
    field: 'issueId',
  },
  recommended_stance_required: {
    th: 'ต้องระบุท่าทีที่เสนอ',
    en: 'A recommended stance is needed',
    field: 'recommendedStance',
  },
  consensus_with_dissent: { th: 'ฉันทามติต้องไม่มีหน่วยงานที่ไม่เห็นด้วย', en: 'A consensus has no dissent', field: 'dissenting' },
  agency_both_supporting_and_dissenting: {
    th: 'หน่วยงานหนึ่งจะทั้งเห็นด้วยและไม่เห็นด้วยไม่ได้',
    en: 'An agency cannot both support and dissent',
    field: 'dissenting',
  },
  convener_not_participant: {
    th: 'ผู้เรียกประชุมต้องเป็นหน่วยงานที่เข้าร่วม',
    en: 'The convener must take part',
    field: 'participants',
  },
  issue_already_registered: { th: 'มีประเด็นที่ใช้รหัสนี้อยู่แล้ว', en: 'An issue with this id already exists', field: 'issueId' },
  process_not_found: { th: 'ไม่พบกระบวนการเจรจานี้', en: 'No such negotiation', field: 'processId' },
  status_unchanged: { th: 'สถานะร่างข้อบทนี้บันทึกไว้แล้ว', en: 'The draft text already has this status', field: 'status' },
  text_already_adopted: {
    th: 'ร่างข้อบทได้รับการรับรองแล้ว เปลี่ยนสถานะไม่ได้',
    en: 'The text is adopted: its status no longer changes',
    field: 'status',
  },
  issue_already_closed: { th: 'ประเด็นนี้ปิดไปแล้ว', en: 'This issue is already closed' },
  session_already_scheduled: {
    th: 'มีสมัยประชุมที่ใช้รหัสนี้อยู่แล้ว',
    en: 'A session with this id already exists',
    field: 'sessionId',
  },
  session_ends_before_it_starts: { th: 'วันสิ้นสุดต้องไม่ก่อนวันเริ่มประชุม', en: 'It cannot end before it starts', field: 'to' },
  session_concluded: { th: 'สมัยประชุมนี้ปิดแล้ว', en: 'This session has ended' },
  reschedule_changes_nothing: { th: 'วันและสถานที่เหมือนเดิม', en: 'Nothing would change', field: 'from' },
  session_already_concluded: { th: 'บันทึกการปิดสมัยประชุมนี้ไว้แล้ว', en: 'How this session ended is already recorded' },
  concluded_before_start: { th: 'วันที่ปิดต้องไม่ก่อนวันเริ่มประชุม', en: 'It cannot end before it started', field: 'on' },
  title_unchanged: { th: 'ชื่อใหม่เหมือนชื่อเดิม', en: 'The new title is the same as the old one', field: 'title' },
  no_position: { th: 'ยังไม่มีท่าทีในประเด็นนี้', en: 'There is no position on this issue yet', field: 'result' },
  process_already_registered: {
    th: 'มีกระบวนการเจรจาที่ใช้รหัสนี้อยู่แล้ว',
    en: 'A negotiation with this id already exists',
    field: 'processId',
  },
  milestone_already_recorded: {
    th: 'บันทึกเหตุการณ์สำคัญนี้ไว้แล้ว',
    en: 'This milestone is already recorded',
    field: 'milestone',
  },
  milestone_out_of_order: {
    th: 'วันที่ของเหตุการณ์สำคัญไม่สอดคล้องกับลำดับ',
    en: 'This milestone is out of order with the others',
    field: 'on',
  },
  consultation_already_convened: { th: 'มีการประชุมหารือนี้อยู่แล้ว', en: 'This consultation already exists' },
  closed_before_held: { th: 'วันที่ปิดต้องไม่ก่อนวันที่ประชุม', en: 'It cannot close before the day it was held', field: 'on' },
  version_already_withdrawn: { th: 'ฉบับนี้ถูกถอนไปแล้ว', en: 'This version is already withdrawn', field: 'version' },
  version_not_in_force: {
    th: 'ถอนได้เฉพาะฉบับที่มีผลหรือร่างที่รอความเห็นชอบ',
    en: 'Only the version in force or a pending draft can be withdrawn',
    field: 'version',
  },
  retract_own_agency_only: {
    th: 'เพิกถอนได้เฉพาะรายการของหน่วยงานตนเอง',
    en: "You may retract only your own agency's entries",
  },
  not_allowed_to_retract: {
    th: 'บทบาทของบัญชีนี้เพิกถอนรายการนี้ไม่ได้',
    en: "This account's roles may not retract this entry",
  },
  already_retracted: { th: 'รายการนี้ถูกเพิกถอนไปแล้ว', en: 'This entry is already retracted' },
  retraction_target_not_found: { th: 'ไม่พบรายการที่จะเพิกถอน', en: 'The entry to retract is not on the ledger' },
  retraction_has_dependents: {
    th: 'มีรายการอื่นอ้างอิงรายการนี้อยู่ จึงเพิกถอนไม่ได้',
    en: 'Other entries rest on this one: it cannot be retracted',
  },
  basis_consultation_off_issue: {
    th: 'การประชุมหารือที่อ้างอิงไม่มีประเด็นนี้ในวาระ',
    en: 'A consultation named does not have this issue on its agenda',
    field: 'basis',
  },
  basis_event_off_issue: {
    th: 'รายการที่อ้างอิงไม่เกี่ยวกับประเด็นนี้',
    en: 'An entry named is not about this issue',
    field: 'basis',
  },
  basis_event_not_an_input: {
    th: 'อ้างอิงได้เฉพาะความเห็นหน่วยงานหรือผลการหารือ',
    en: 'Only agency views and outcomes can be a basis',
    field: 'basis',
  },
  basis_event_not_found: { th: 'ไม่พบรายการที่อ้างอิง', en: 'An entry named is not on the ledger', field: 'basis' },
  basis_event_retracted: { th: 'รายการที่อ้างอิงถูกเพิกถอนแล้ว', en: 'An entry named was retracted', field: 'basis' },
  change_is_substantive: {
    th: 'การเปลี่ยนแปลงนี้เป็นสาระสำคัญ',
    en: 'This change is one of substance',
    field: 'substantive',
  },
  base_version_changed: {
    th: 'มีผู้อื่นบันทึกท่าทีฉบับใหม่ระหว่างนี้ กรุณาโหลดหน้าใหม่',
    en: 'Someone recorded a new version meanwhile: reload the page',
  },
  version_not_found: { th: 'ไม่พบร่างฉบับนี้', en: 'No such version', field: 'version' },
  version_already_endorsed: {
    th: 'ร่างฉบับนี้ได้รับความเห็นชอบแล้ว',
    en: 'This version is already endorsed',
    field: 'version',
  },
  version_withdrawn: { th: 'ร่างฉบับนี้ถูกถอนแล้ว', en: 'This version was withdrawn', field: 'version' },
  version_superseded: { th: 'มีร่างฉบับที่ใหม่กว่านี้แล้ว', en: 'A later version exists', field: 'version' },
  authority_recorded_by_mfa: {
    th: 'การให้ความเห็นชอบระดับนี้ต้องบันทึกโดยกระทรวงการต่างประเทศ',
    en: 'An endorsement at this level is recorded by MFA',
    field: 'authority',
  },
  cabinet_authority_required: {
    th: 'การเปลี่ยนสาระสำคัญของท่าทีที่คณะรัฐมนตรีให้ความเห็นชอบ ต้องได้รับความเห็นชอบจากคณะรัฐมนตรี',
    en: 'A substantive change to a Cabinet-endorsed position needs the Cabinet',
    field: 'authority',
  },
  insufficient_authority: {
    th: 'ระดับผู้ให้ความเห็นชอบไม่เพียงพอ',
    en: 'This authority is not high enough',
    field: 'authority',
  },
  statement_version_not_endorsed: {
    th: 'ถ้อยแถลงต้องอ้างอิงท่าทีที่ได้รับความเห็นชอบแล้ว',
    en: 'A statement speaks to an endorsed version',
    field: 'version',
  },
  occurred_at_in_future: { th: 'วันที่ต้องไม่อยู่ในอนาคต', en: 'The date must not be in the future' },
  idempotency_key_reused: { th: 'คำขอซ้ำ กรุณาลองใหม่', en: 'A repeated request: try again' },
  stream_conflict: { th: 'มีผู้อื่นบันทึกรายการเดียวกันระหว่างนี้ กรุณาลองใหม่', en: 'Someone wrote meanwhile: try again' },
  rate_limited: { th: 'มีคำขอมากเกินไป กรุณารอสักครู่', en: 'Too many requests: wait a moment' },
  store_unavailable: {
    th: 'ระบบจัดเก็บข้อมูลไม่พร้อมใช้งาน กรุณาลองใหม่ภายหลัง',
    en: 'The event store is unavailable: try again later',
  },
  not_ready: { th: 'ระบบกำลังเตรียมข้อมูล กรุณาลองใหม่ในอีกครู่', en: 'The ledger is still catching up: try again shortly' },
};

export const generalProblem: Text = { th: 'ระบบไม่รับรายการนี้ (รหัส {code})', en: 'The ledger refused this (code {code})' };
export const networkProblem: Text = {
  th: 'ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาลองใหม่',
  en: 'The server could not be reached: try again',
};

/** The form field a JSON pointer names: /summary/th -> summary.th, /redLines/value/0/en -> redLines.en. */
export function fieldOfPointer(pointer: string): string {
  return pointer
    .split('/')
    .filter((part) => part !== '' && part !== 'value' && !/^\d+$/.test(part))
    .join('.');
}
