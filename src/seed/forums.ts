// Two further processes: the OEWG on ICT security, where Thailand launched its national position on
// international law in cyberspace (seed 000), and the Global Partnership against Online Scams, whose
// Bangkok conference adopted the Bangkok Joint Statement (seed 004).
import { bangkokCommitmentSteps } from './bangkok-commitments.js';
import { mfaApprover, mfaDesk } from './principals.js';
import type { SeedStep } from './steps.js';
import { at } from './steps.js';
import { BANGKOK, NEW_YORK, illustrative, onRecord, text, uncertain } from './text.js';

export const OEWG = 'oewg-2021-2025';
export const SCAMS = 'gpos';

export function oewgSteps(): SeedStep[] {
  return [
    {
      key: 'demo:oewg:register',
      actor: mfaDesk,
      occurredAt: at('2021-06-01', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'RegisterProcess',
        processId: OEWG,
        kind: 'working-group',
        title: text(
          'คณะทำงานปลายเปิดว่าด้วยความมั่นคงของและในการใช้เทคโนโลยีสารสนเทศและการสื่อสาร (ค.ศ. 2021-2025)',
          'Open-ended Working Group on security of and in the use of ICTs (2021-2025)',
        ),
        forum: 'UN General Assembly - OEWG (res. 75/240)',
        mandate: ['A/RES/75/240'],
        leadAgency: 'MFA',
        note: text(
          'ประเด็นหารือ: ภัยคุกคาม บรรทัดฐาน กฎหมายระหว่างประเทศ มาตรการสร้างความไว้เนื้อเชื่อใจ การเสริมสร้างขีดความสามารถ การหารือเชิงสถาบัน; ต่อด้วยกลไกถาวร',
          'Pillars: threats, norms, international law, confidence-building measures, capacity building, regular institutional dialogue; succeeded by a permanent mechanism',
        ),
      },
    },
    {
      key: 'demo:oewg-11:schedule',
      actor: mfaDesk,
      occurredAt: at('2025-06-01', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'ScheduleSession',
        sessionId: 'oewg-11',
        processId: OEWG,
        number: 11,
        title: text('การประชุม OEWG ครั้งที่ ๑๑ (ครั้งสุดท้ายของอาณัติ)', 'OEWG 11th session (the last of its mandate)'),
        venue: { city: 'New York', country: 'United States', place: 'United Nations Headquarters', timeZone: NEW_YORK },
        from: '2025-07-07',
        to: '2025-07-11',
      },
      source: uncertain(
        'วันที่ของสมัยประชุมตามบันทึกสาธารณะ แหล่งข้อมูลระบุเพียงวันที่ ๘ กรกฎาคม ๒๕๖๘',
        'Session dates from the public record; the source gives only 8 July 2025',
      ),
    },
    {
      key: 'demo:oewg-international-law:register',
      actor: mfaDesk,
      occurredAt: at('2025-06-01', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'RegisterIssue',
        issueId: 'oewg-international-law',
        processId: OEWG,
        code: 'OEWG-IL',
        title: text('การปรับใช้กฎหมายระหว่างประเทศในมิติไซเบอร์', 'Application of international law in cyberspace'),
        refs: { articles: [] },
      },
    },
    {
      key: 'demo:oewg-international-law:v1:draft',
      actor: mfaDesk,
      occurredAt: at('2025-06-15', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'DraftPosition',
        issueId: 'oewg-international-law',
        stance: 'propose-own-text',
        summary: text(
          'ท่าทีของประเทศไทยในประเด็นการตีความและปรับใช้กฎหมายระหว่างประเทศในมิติไซเบอร์ เน้นบทบาทของกฎหมายระหว่างประเทศในการกำกับพฤติกรรมของรัฐอย่างมีความรับผิดชอบ',
          "Thailand's national position on how international law applies in cyberspace, stressing international law as the guide to responsible state behaviour",
        ),
        flexibility: 'low',
        allies: ['Canada', 'UNIDIR'],
      },
    },
    {
      key: 'demo:oewg-international-law:v1:endorse',
      actor: mfaApprover,
      occurredAt: at('2025-07-01', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'EndorsePosition',
        issueId: 'oewg-international-law',
        version: 1,
        authority: 'mfa',
        decisionRef: 'การอนุมัติท่าทีประเทศไทย',
        decidedOn: '2025-07-01',
        effectiveFrom: '2025-07-08',
      },
      source: illustrative(
        'ไม่มีแหล่งข้อมูลระบุการรับรอง วันที่ หรือเลขที่อ้างอิง',
        'No source gives the endorsement, its date or its reference',
      ),
    },
    {
      key: 'demo:oewg:milestone:position-launched',
      actor: mfaDesk,
      occurredAt: at('2025-07-08', NEW_YORK, 13),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordMilestone',
        processId: OEWG,
        milestone: 'position-launched',
        on: '8 กรกฎาคม 2568',
        place: 'New York',
        note: text(
          'ไทยร่วมกับแคนาดาและ UNIDIR จัดกิจกรรมคู่ขนานเปิดตัวท่าทีของประเทศไทยว่าด้วยกฎหมายระหว่างประเทศในมิติไซเบอร์',
          "Thailand, with Canada and UNIDIR, holds a side event launching Thailand's national position on international law in cyberspace",
        ),
      },
    },
    {
      key: 'demo:oewg-international-law:statement:oewg-11',
      actor: mfaDesk,
      occurredAt: at('2025-07-08', NEW_YORK, 13),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordStatement',
        issueId: 'oewg-international-law',
        sessionId: 'oewg-11',
        deliveredOn: '2025-07-08',
        summary: text(
          'ผู้แทนถาวรไทยประจำสหประชาชาติเน้นย้ำบทบาทของกฎหมายระหว่างประเทศในการกำกับพฤติกรรมของรัฐในมิติไซเบอร์ และความสำคัญของการมีท่าทีประเทศ',
          "Thailand's Permanent Representative stressed the role of international law in guiding state behaviour in cyberspace and the value of national positions",
        ),
        deliveredBy: 'Permanent Representative of Thailand to the United Nations',
      },
    },
  ];
}

export function scamsSteps(): SeedStep[] {
  return [
    {
      key: 'demo:gpos:register',
      actor: mfaDesk,
      occurredAt: at('2025-11-01', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'RegisterProcess',
        processId: SCAMS,
        kind: 'partnership',
        title: text('หุ้นส่วนระดับโลกเพื่อต่อต้านอาชญากรรมหลอกลวงทางอินเทอร์เน็ต', 'Global Partnership against Online Scams'),
        forum: 'International conference co-hosted by MFA and UNODC',
        mandate: [],
        leadAgency: 'MFA',
      },
    },
    {
      key: 'demo:gpos-bangkok-2025:schedule',
      actor: mfaDesk,
      occurredAt: at('2025-11-01', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'ScheduleSession',
        sessionId: 'gpos-bangkok-2025',
        processId: SCAMS,
        title: text(
          'การประชุมระหว่างประเทศว่าด้วยหุ้นส่วนระดับโลกเพื่อต่อต้านอาชญากรรมหลอกลวงทางอินเทอร์เน็ต',
          'International Conference on the Global Partnership against Online Scams',
        ),
        venue: { city: 'Bangkok', country: 'Thailand', timeZone: BANGKOK },
        from: '๑๗ ธันวาคม ๒๕๖๘',
        to: '๑๘ ธันวาคม ๒๕๖๘',
      },
    },
    {
      key: 'demo:gpos-joint-statement:register',
      actor: mfaDesk,
      occurredAt: at('2025-11-01', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'RegisterIssue',
        issueId: 'gpos-joint-statement',
        processId: SCAMS,
        code: 'GPOS-BJS',
        title: text('แถลงการณ์ร่วมกรุงเทพฯ', 'Bangkok Joint Statement'),
        description: text(
          'คำมั่น ๒๖ ข้อ ใน ๕ ประเด็น: ความมุ่งมั่นทางการเมืองและธรรมาภิบาล; การบังคับใช้กฎหมาย การสืบสวนสอบสวน และการดำเนินคดี; การคุ้มครองผู้เสียหาย; การสร้างความตระหนักรู้และการป้องกัน; ความร่วมมือกับหุ้นส่วนภายในประเทศและข้ามพรมแดน',
          '26 commitments in 5 areas: political commitment and governance; law enforcement, investigation and prosecution; victim protection; public awareness and prevention; cooperation with domestic and cross-border partners',
        ),
        refs: { articles: [] },
      },
    },
    {
      key: 'demo:gpos-joint-statement:v1:draft',
      actor: mfaDesk,
      occurredAt: at('2025-12-01', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'DraftPosition',
        issueId: 'gpos-joint-statement',
        stance: 'propose-own-text',
        summary: text(
          'ไทยในฐานะเจ้าภาพร่วมเสนอร่างแถลงการณ์ร่วม รวมถึงการส่งเสริมการลงนามและเข้าเป็นภาคีอนุสัญญาสหประชาชาติว่าด้วยการต่อต้านอาชญากรรมไซเบอร์',
          'As co-host, Thailand tables the draft joint statement, including a call to sign and join the UN Convention against Cybercrime',
        ),
        flexibility: 'medium',
        redLines: {
          level: 'confidential',
          value: [text('ต้องคงแนวทางยึดผู้เสียหายเป็นศูนย์กลาง', 'The victim-centred approach must stay')],
        },
        allies: ['Peru', 'Bangladesh', 'United Arab Emirates', 'Nepal'],
      },
      source: illustrative(
        'ไม่มีแหล่งข้อมูลระบุร่างท่าทีของไทย พันธมิตรคือประเทศที่ร่วมสนับสนุนแถลงการณ์ตามแหล่งข้อมูล',
        "No source gives Thailand's draft; the allies are the statement's supporters the source names",
      ),
    },
    {
      key: 'demo:gpos-joint-statement:v1:endorse',
      actor: mfaApprover,
      occurredAt: at('2025-12-10', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'EndorsePosition',
        issueId: 'gpos-joint-statement',
        version: 1,
        authority: 'mfa',
        decisionRef: 'ความเห็นชอบของ กต. ต่อร่างแถลงการณ์',
        decidedOn: '2025-12-10',
      },
      source: illustrative('ไม่มีแหล่งข้อมูลระบุการรับรอง', 'No source gives the endorsement'),
    },
    {
      key: 'demo:gpos:milestone:joint-statement',
      actor: mfaDesk,
      occurredAt: at('2025-12-18', BANGKOK, 17),
      timeZone: BANGKOK,
      command: {
        type: 'RecordMilestone',
        processId: SCAMS,
        milestone: 'outcome-document-adopted',
        on: '18 ธ.ค. 2568',
        place: 'Bangkok',
        reference: '2025 Bangkok Joint Statement by the Global Partnership against Online Scams',
        uncertain: true,
        note: text(
          'ที่ประชุมรับรองแถลงการณ์ร่วมกรุงเทพฯ คำมั่น ๒๖ ข้อ ๕ ประเด็น โดยมีเปรู บังกลาเทศ สหรัฐอาหรับเอมิเรตส์ เนปาล และบริษัท TikTok ร่วมสนับสนุน',
          'The conference adopts the Bangkok Joint Statement, 26 commitments in 5 areas, supported by Peru, Bangladesh, the UAE, Nepal and TikTok',
        ),
      },
      source: uncertain(
        'แหล่งข้อมูลไม่ระบุว่ารับรองในวันใดของการประชุมสองวัน',
        "The source does not say on which of the conference's two days it was adopted",
      ),
    },
    {
      key: 'demo:gpos-joint-statement:outcome',
      actor: mfaDesk,
      occurredAt: at('2025-12-18', BANGKOK, 18),
      timeZone: BANGKOK,
      command: {
        type: 'RecordPositionOutcome',
        issueId: 'gpos-joint-statement',
        result: 'reflected',
        textRef: '2025 Bangkok Joint Statement, commitment 2',
        note: text(
          'แถลงการณ์ส่งเสริมการลงนามและเข้าเป็นภาคีอนุสัญญาสหประชาชาติว่าด้วยการต่อต้านอาชญากรรมไซเบอร์ (ข้อ ๒)',
          'The statement promotes signing and joining the UN Convention against Cybercrime (commitment 2)',
        ),
      },
    },
    ...bangkokCommitmentSteps('gpos-joint-statement'),
    {
      key: 'demo:gpos-bangkok-2025:conclude',
      actor: mfaDesk,
      occurredAt: at('2025-12-18', BANGKOK, 19),
      timeZone: BANGKOK,
      command: { type: 'ConcludeSession', sessionId: 'gpos-bangkok-2025', on: '2025-12-18', result: 'completed' },
    },
  ];
}

export const AMCC = 'amcc';
/** Seed 001: the MDES news release on the conference. */
const AMCC_RELEASE = onRecord('ข่าวกองการต่างประเทศ สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ตุลาคม ๒๕๖๓');

/** The 5th ASEAN Ministerial Conference on Cybersecurity, 7 October 2020 (seed 001). */
export function amccSteps(): SeedStep[] {
  const on = '2020-10-07';
  return [
    {
      key: 'demo:amcc:register',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 8),
      timeZone: BANGKOK,
      command: {
        type: 'RegisterProcess',
        processId: AMCC,
        kind: 'conference',
        title: text(
          'การประชุมรัฐมนตรีอาเซียนด้านความมั่นคงปลอดภัยไซเบอร์',
          'ASEAN Ministerial Conference on Cybersecurity (AMCC)',
        ),
        forum: 'ASEAN',
        mandate: [],
        leadAgency: 'MDES',
      },
    },
    {
      key: 'demo:amcc-5:schedule',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 8),
      timeZone: BANGKOK,
      command: {
        type: 'ScheduleSession',
        sessionId: 'amcc-5',
        processId: AMCC,
        number: 5,
        title: text(
          'การประชุมรัฐมนตรีอาเซียนด้านความมั่นคงปลอดภัยไซเบอร์ ครั้งที่ ๕',
          'The 5th ASEAN Ministerial Conference on Cybersecurity',
        ),
        venue: { city: 'Bangkok', country: 'Thailand', place: 'ETDA (by video conference)', timeZone: BANGKOK },
        from: '7 ตุลาคม 2563',
        to: '7 ตุลาคม 2563',
        format: 'online',
      },
    },
    {
      key: 'demo:amcc-capacity-building:register',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 8),
      timeZone: BANGKOK,
      command: {
        type: 'RegisterIssue',
        issueId: 'amcc-capacity-building',
        processId: AMCC,
        code: 'AMCC-CB',
        title: text(
          'การพัฒนาทรัพยากรบุคคลด้านความมั่นคงปลอดภัยไซเบอร์ในภูมิภาค',
          'Regional cybersecurity human-resource development',
        ),
        refs: { articles: [] },
      },
    },
    {
      key: 'demo:amcc-capacity-building:v1:draft',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 9),
      timeZone: BANGKOK,
      command: {
        type: 'DraftPosition',
        issueId: 'amcc-capacity-building',
        stance: 'support',
        summary: text(
          'ส่งเสริมความร่วมมือระดับภูมิภาคในความปกติใหม่ โดยเฉพาะการพัฒนาทรัพยากรบุคคลผ่านศูนย์ AJCCBC และ ASCCE ที่มีอยู่',
          'Promote regional cooperation in the new normal, especially human-resource development through the existing AJCCBC and ASCCE centres',
        ),
        flexibility: 'high',
        allies: [],
      },
    },
    {
      key: 'demo:amcc-capacity-building:statement:amcc-5',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 14),
      timeZone: BANGKOK,
      command: {
        type: 'RecordStatement',
        issueId: 'amcc-capacity-building',
        sessionId: 'amcc-5',
        deliveredOn: on,
        summary: text(
          'หัวหน้าคณะผู้แทนไทยกล่าวถ้อยแถลงสั้นผลักดันความร่วมมือด้านการพัฒนาศักยภาพบุคลากรของภูมิภาค',
          'The head of the Thai delegation made a short statement pressing for regional cooperation on developing people',
        ),
        deliveredBy: 'Minister of Digital Economy and Society (head of delegation)',
      },
    },
    // Thailand's line on critical information infrastructure at the same conference (seed 001).
    {
      key: 'demo:amcc-cii-protection:register',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 8),
      timeZone: BANGKOK,
      command: {
        type: 'RegisterIssue',
        issueId: 'amcc-cii-protection',
        processId: AMCC,
        code: 'AMCC-CII',
        title: text('การปกป้องโครงสร้างพื้นฐานสำคัญทางสารสนเทศ', 'Critical information infrastructure (CII) protection'),
        description: text(
          'กรอบการปกป้องโครงสร้างพื้นฐานสำคัญทางสารสนเทศของอาเซียน (ASEAN CII Protection Framework)',
          'An ASEAN CII Protection Framework',
        ),
        refs: { articles: [] },
      },
      source: AMCC_RELEASE,
    },
    {
      key: 'demo:amcc-cii-protection:v1:draft',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 9),
      timeZone: BANGKOK,
      command: {
        type: 'DraftPosition',
        issueId: 'amcc-cii-protection',
        stance: 'support',
        summary: text(
          'นำเสนอและแลกเปลี่ยนประสบการณ์การปกป้องโครงสร้างพื้นฐานสำคัญทางสารสนเทศของไทย และเน้นย้ำการศึกษาเรื่อง ASEAN CII Protection Framework ที่จะสนับสนุนการสร้างความเข้มแข็งและความเชื่อมั่นของ CII ในภูมิภาค โดยเฉพาะการตอบสนองต่อภัยคุกคามทางไซเบอร์ในช่วงการแพร่ระบาดของโรค',
          "Share Thailand's experience of protecting critical information infrastructure and stress the study of an ASEAN CII Protection Framework to strengthen CII and trust in it across the region, especially in responding to cyber threats during the pandemic",
        ),
        flexibility: 'high',
        allies: [],
      },
      source: AMCC_RELEASE,
    },
    {
      key: 'demo:amcc-cii-protection:statement:amcc-5',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 13),
      timeZone: BANGKOK,
      command: {
        type: 'RecordStatement',
        issueId: 'amcc-cii-protection',
        sessionId: 'amcc-5',
        deliveredOn: on,
        summary: text(
          'หัวหน้าคณะผู้แทนไทยร่วมนำเสนอและแลกเปลี่ยนประสบการณ์ด้านการปกป้องโครงสร้างพื้นฐานสำคัญทางสารสนเทศ (CII Protection) ของไทย โดยเน้นย้ำการศึกษาเรื่อง ASEAN CII Protection Framework',
          "The head of the Thai delegation presented Thailand's experience of CII protection and stressed the study of an ASEAN CII Protection Framework",
        ),
        deliveredBy: 'Minister of Digital Economy and Society (head of delegation)',
      },
      source: AMCC_RELEASE,
    },
    {
      key: 'demo:amcc:milestone:4p',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 17),
      timeZone: BANGKOK,
      command: {
        type: 'RecordMilestone',
        processId: AMCC,
        milestone: 'other',
        on,
        note: text(
          'ที่ประชุมให้ความสำคัญกับหลัก 4P: Principle, Practice, Process และ People-Partnership-Pandemic',
          'The conference stressed the "4P": Principle, Practice, Process, and People-Partnership-Pandemic',
        ),
      },
    },
    {
      key: 'demo:amcc-5:conclude',
      actor: mfaDesk,
      occurredAt: at(on, BANGKOK, 18),
      timeZone: BANGKOK,
      command: { type: 'ConcludeSession', sessionId: 'amcc-5', on, result: 'completed' },
    },
  ];
}
