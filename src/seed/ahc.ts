// The AHC cybercrime convention, from UNGA res. 74/247 to Thailand's signature in Hanoi.
// Sources: seed 003 (MFA letter to the Cabinet Secretariat, January 2022), seed 002, seed 004 and the
// public record summarised in domain.md. Positions beyond what the sources state are illustrative.
import type {
  Bilingual,
  ClassifiedPoints,
  CommandInputOf,
  DraftTextStatus,
  Source,
  Stance,
} from '../../contracts/index.js';
import { mfaApprover, mfaDesk, officer } from './principals.js';
import type { SeedStep } from './steps.js';
import { at } from './steps.js';
import { BANGKOK, HANOI, NEW_YORK, VIENNA, illustrative, onRecord, text, uncertain } from './text.js';

export const AHC = 'ahc';
/** The consultation of 28 December 2021 (seed 003, 1.3 and 4.3). */
export const CONSULTATION_2021_12_28 = '5e2a8c1d-2021-4c28-9d12-28122021a001';
/** An illustrative consultation on the draft negotiating framework. */
export const CONSULTATION_FRAMEWORK = '7b3f9e2a-2023-4b15-8e11-15112023b002';

const SESSIONS = [
  { id: 'ahc-1', number: 1, city: 'New York', tz: NEW_YORK, from: '2022-02-28', to: '2022-03-11' },
  { id: 'ahc-2', number: 2, city: 'Vienna', tz: VIENNA, from: '2022-05-30', to: '2022-06-10' },
  { id: 'ahc-3', number: 3, city: 'New York', tz: NEW_YORK, from: '2022-08-29', to: '2022-09-09' },
  { id: 'ahc-4', number: 4, city: 'Vienna', tz: VIENNA, from: '2023-01-09', to: '2023-01-20' },
  { id: 'ahc-5', number: 5, city: 'Vienna', tz: VIENNA, from: '2023-04-11', to: '2023-04-21' },
  { id: 'ahc-6', number: 6, city: 'New York', tz: NEW_YORK, from: '2023-08-21', to: '2023-09-01' },
] as const;

const venue = (city: 'New York' | 'Vienna') =>
  city === 'New York'
    ? { city: 'New York', country: 'United States', place: 'United Nations Headquarters', timeZone: NEW_YORK }
    : { city: 'Vienna', country: 'Austria', place: 'Vienna International Centre', timeZone: VIENNA };

interface IssueDef {
  id: string;
  code: string;
  title: Bilingual;
  chapter: string;
  articles: string[];
  inText: boolean; // part of the adopted convention text
}

export const AHC_ISSUES: readonly IssueDef[] = [
  {
    id: 'ahc-scope',
    code: 'AHC-SCOPE',
    title: text('ชื่อและขอบเขตของอนุสัญญา', 'Title and scope of the convention'),
    chapter: 'I',
    articles: ['1', '3'],
    inText: true,
  },
  {
    id: 'ahc-offences',
    code: 'AHC-OFFENCES',
    title: text('รายการฐานความผิด', 'List of offences (criminalization)'),
    chapter: 'II',
    articles: ['7-21'],
    inText: true,
  },
  {
    id: 'ahc-human-rights',
    code: 'AHC-HR',
    title: text('การคุ้มครองสิทธิมนุษยชนและเงื่อนไขและการคุ้มครอง', 'Human-rights safeguards, conditions and safeguards'),
    chapter: 'I, IV',
    articles: ['6', '24'],
    inText: true,
  },
  {
    id: 'ahc-procedural-measures',
    code: 'AHC-PROC',
    title: text('มาตรการทางกระบวนการและการบังคับใช้กฎหมาย', 'Procedural measures and law enforcement'),
    chapter: 'IV',
    articles: ['23-34'],
    inText: true,
  },
  {
    id: 'ahc-international-cooperation',
    code: 'AHC-COOP',
    title: text('ความร่วมมือระหว่างประเทศ', 'International cooperation'),
    chapter: 'V',
    articles: ['35-52'],
    inText: true,
  },
  {
    id: 'ahc-evidence-scope',
    code: 'AHC-EVIDENCE',
    title: text(
      'ขอบเขตการแลกเปลี่ยนพยานหลักฐานอิเล็กทรอนิกส์',
      'Scope of evidence sharing (any crime / serious crime / convention offences)',
    ),
    chapter: 'V',
    articles: ['35'],
    inText: true,
  },
  {
    id: 'ahc-refusal-grounds',
    code: 'AHC-REFUSAL',
    title: text('เหตุปฏิเสธความร่วมมือ', 'Grounds for refusing cooperation'),
    chapter: 'V',
    articles: ['37', '40'],
    inText: true,
  },
  {
    id: 'ahc-technical-assistance',
    code: 'AHC-TA',
    title: text('ความช่วยเหลือทางวิชาการและการพัฒนาขีดความสามารถ', 'Technical assistance and capacity building'),
    chapter: 'VII',
    articles: ['54-56'],
    inText: true,
  },
  {
    id: 'ahc-entry-into-force',
    code: 'AHC-EIF',
    title: text('เกณฑ์การมีผลใช้บังคับ (๓๐ / ๔๐ / ๖๐ ประเทศ)', 'Entry-into-force threshold (30 / 40 / 60 ratifications)'),
    chapter: 'IX',
    articles: [],
    inText: true,
  },
  {
    id: 'ahc-protocol',
    code: 'AHC-PROTOCOL',
    title: text('พิธีสารเพิ่มเติม', 'Supplementary protocol'),
    chapter: 'IX',
    articles: [],
    inText: false,
  },
];

const CRCA = 'Computer-Related Crime Act B.E. 2550 (2007)';
const CRCA_2 = 'Computer-Related Crime Act (No. 2) B.E. 2560 (2017)';
const MLA_ACT = 'Act on Mutual Assistance in Criminal Matters B.E. 2535 (1992)';
const EXTRADITION_ACT = 'Extradition Act B.E. 2551 (2008)';
const CYBERSECURITY_ACT = 'Cybersecurity Act B.E. 2562 (2019)';
const PDPA = 'Personal Data Protection Act B.E. 2562 (2019)';

const CONSULTATION_REF = 'ผลการประชุมหารือหน่วยงาน ๒๘ ธ.ค. ๒๕๖๔ (ที่ กต ๑๐๐๒/๔ ข้อ ๔.๓)';
const CABINET_REF = 'มติคณะรัฐมนตรี ๒๓ มกราคม ๒๕๖๗ (กรอบการเจรจา)';
/** The MFA letter to the Cabinet Secretariat (seed 003). */
const LETTER = 'ที่ กต ๑๐๐๒/๔';

// What the sources do not state, said once (ADR 0038: the source is data, not a suffix in the text).
const SESSION_DATES = illustrative(
  'ข้อมติ ๗๕/๒๘๒ กำหนดจำนวนสมัยและสถานที่ประชุม วันประชุม (ตามบันทึกสาธารณะ) กำหนดภายหลัง การลงวันประชุมไว้ ณ วันนี้จึงเป็นตัวอย่าง',
  'Res. 75/282 set the number of sessions and their venues; the dates (public record) were fixed later, so scheduling them on this day is illustrative',
);
const WHO_SAID_WHAT = illustrative(
  'หนังสือรายงานเพียงสิ่งที่หน่วยงานส่วนใหญ่เห็นพ้อง ความเห็นรายหน่วยงานเป็นตัวอย่าง',
  'The letter reports only what most agencies agreed: which agency said what is illustrative',
);
const NO_STATEMENT_SOURCE = illustrative('ไม่มีแหล่งข้อมูลระบุถ้อยแถลงนี้', 'No source gives this statement');
const FRAMEWORK_MEETING = illustrative(
  'ไม่มีแหล่งข้อมูลระบุการประชุมนี้ ทั้งการประชุม ความเห็น และผลการประชุมเป็นตัวอย่าง',
  'No source gives this meeting: the meeting, its views and its outcomes are illustrative',
);
const FRAMEWORK_CONTENT = illustrative(
  'คณะรัฐมนตรีอนุมัติกรอบการเจรจาเมื่อ ๒๓ มกราคม ๒๕๖๗ (บันทึกสาธารณะ) แต่แหล่งข้อมูลไม่ระบุเนื้อหา ท่าทีรายประเด็นจึงเป็นตัวอย่าง',
  'The Cabinet approved the negotiating framework on 23 January 2024 (public record), but no source gives its content: the position on each issue is illustrative',
);
const NOT_IN_SOURCES = illustrative('ไม่มีแหล่งข้อมูลระบุ', 'No source gives it');
const ASSESSMENT = illustrative(
  'การประเมินว่าตัวบทสะท้อนท่าทีของไทยเพียงใดเป็นตัวอย่าง',
  "How far the final text reflects Thailand's position is an illustrative assessment",
);
const APPROVAL_DAY = uncertain('วันที่ ๘ หรือ ๙ สิงหาคม ขึ้นกับเขตเวลา', '8 or 9 August depending on the time zone');

function processSteps(): SeedStep[] {
  return [
    {
      key: 'demo:ahc:register',
      actor: mfaDesk,
      occurredAt: at('2019-12-27', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'RegisterProcess',
        processId: AHC,
        kind: 'treaty-negotiation',
        title: text(
          'คณะกรรมการระหว่างรัฐเฉพาะกิจเพื่อจัดทำอนุสัญญาระหว่างประเทศอย่างครอบคลุมว่าด้วยการต่อต้านการใช้เทคโนโลยีสารสนเทศและการสื่อสารเพื่อวัตถุประสงค์ทางอาชญากรรม',
          'Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering the Use of ICTs for Criminal Purposes (AHC)',
        ),
        forum: 'UN General Assembly - Ad Hoc Committee (secretariat: UNODC)',
        mandate: ['A/RES/74/247', 'A/RES/75/282'],
        leadAgency: 'MFA',
        startedOn: '๒๗ ธันวาคม ๒๕๖๒',
        note: text(
          'ข้อมติที่ ๗๔/๒๔๗ ลงคะแนนเห็นชอบ ๗๙ คัดค้าน ๖๐ งดออกเสียง ๓๓ ไม่ลงคะแนน ๒๑ ประเทศ โดยไทยลงคะแนนสนับสนุน',
          'Res. 74/247 adopted 79-60-33 (21 not voting); Thailand voted in favour',
        ),
      },
    },
    {
      key: 'demo:ahc:milestone:res-74-247',
      actor: mfaDesk,
      occurredAt: at('2019-12-27', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordMilestone',
        processId: AHC,
        milestone: 'mandate-adopted',
        on: '2019-12-27',
        place: 'New York',
        reference: 'A/RES/74/247',
      },
    },
    {
      key: 'demo:ahc:milestone:res-75-282',
      actor: mfaDesk,
      occurredAt: at('2021-05-26', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordMilestone',
        processId: AHC,
        milestone: 'mandate-adopted',
        on: '๒๖ พฤษภาคม ๒๕๖๔',
        place: 'New York',
        reference: 'A/RES/75/282',
        note: text(
          'ประชุมอย่างน้อย ๖ สมัย สมัยละ ๑๐ วัน (สมัยที่ ๑ ๓ ๖ ที่นครนิวยอร์ก สมัยที่ ๒ ๔ ๕ ที่กรุงเวียนนา) UNODC เป็นฝ่ายเลขานุการ ภาคประชาสังคมมีส่วนร่วมได้',
          'At least 6 sessions of 10 days (1, 3, 6 in New York; 2, 4, 5 in Vienna); UNODC secretariat; civil society may take part',
        ),
      },
    },
  ];
}

function sessionSteps(): SeedStep[] {
  const steps: SeedStep[] = [];
  for (const s of SESSIONS) {
    const first = s.number === 1;
    steps.push({
      key: `demo:${s.id}:schedule`,
      actor: mfaDesk,
      occurredAt: at('2021-05-26', NEW_YORK),
      timeZone: s.tz,
      command: {
        type: 'ScheduleSession',
        sessionId: s.id,
        processId: AHC,
        number: s.number,
        title: text(`การประชุมคณะกรรมการระหว่างรัฐเฉพาะกิจฯ สมัยที่ ${s.number}`, `AHC session ${s.number}`),
        venue: venue(s.city),
        // Session 1 was first set for 17-28 January 2022, in hybrid form (seed 003), then moved.
        from: first ? '๑๗ มกราคม ๒๕๖๕' : s.from,
        to: first ? '๒๘ มกราคม ๒๕๖๕' : s.to,
        format: first ? 'hybrid' : 'in-person',
      },
      source: SESSION_DATES,
    });
  }
  steps.push({
    key: 'demo:ahc-1:reschedule',
    actor: mfaDesk,
    occurredAt: at('2022-01-10', NEW_YORK),
    timeZone: NEW_YORK,
    command: {
      type: 'RescheduleSession',
      sessionId: 'ahc-1',
      from: '2022-02-28',
      to: '2022-03-11',
      reason: text('เลื่อนจากวันที่ ๑๗-๒๘ มกราคม ๒๕๖๕', 'Moved from 17-28 January 2022'),
    },
    source: uncertain('วันที่ตัดสินใจเลื่อนเป็นวันโดยประมาณ', 'The day of the decision to move it is approximate'),
  });
  steps.push(
    {
      key: 'demo:ahc-concluding:schedule',
      actor: mfaDesk,
      occurredAt: at('2023-09-01', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'ScheduleSession',
        sessionId: 'ahc-concluding',
        processId: AHC,
        title: text('สมัยประชุมสรุปผล', 'Concluding session'),
        venue: venue('New York'),
        from: '2024-01-29',
        to: '2024-02-09',
      },
      source: SESSION_DATES,
    },
    {
      key: 'demo:ahc-concluding-resumed:schedule',
      actor: mfaDesk,
      occurredAt: at('2024-02-09', NEW_YORK),
      timeZone: NEW_YORK,
      command: {
        type: 'ScheduleSession',
        sessionId: 'ahc-concluding-resumed',
        processId: AHC,
        title: text('สมัยประชุมสรุปผล (สมัยที่กลับมาประชุมต่อ)', 'Reconvened concluding session'),
        venue: venue('New York'),
        from: '2024-07-29',
        to: '2024-08-09',
      },
      source: SESSION_DATES,
    },
  );
  return steps;
}

function concludeSteps(from: string, until: string): SeedStep[] {
  const all = [
    ...SESSIONS.map((s) => ({
      id: s.id,
      on: s.to,
      tz: s.tz,
      result: 'completed' as const,
      summary: undefined,
      uncertain: false,
    })),
    {
      id: 'ahc-concluding',
      on: '2024-02-09',
      tz: NEW_YORK,
      result: 'suspended' as const,
      uncertain: false,
      summary: text('พักการประชุมโดยยังไม่บรรลุข้อตกลง', 'Suspended without agreement'),
    },
    {
      id: 'ahc-concluding-resumed',
      on: '2024-08-08',
      tz: NEW_YORK,
      result: 'text-approved' as const,
      uncertain: true,
      summary: text(
        'ที่ประชุมรับรองร่างอนุสัญญา วันที่ ๘ หรือ ๙ สิงหาคม ขึ้นกับเขตเวลา',
        'Draft convention approved on 8 or 9 August depending on the time zone',
      ),
    },
  ];
  return all
    .filter((s) => s.on >= from && s.on <= until)
    .map((s) => ({
      key: `demo:${s.id}:conclude`,
      actor: mfaDesk,
      occurredAt: at(s.on, s.tz, 18),
      timeZone: s.tz,
      command: {
        type: 'ConcludeSession',
        sessionId: s.id,
        on: s.on,
        result: s.result,
        uncertain: s.uncertain,
        ...(s.summary ? { summary: s.summary } : {}),
      },
      ...(s.uncertain ? { source: APPROVAL_DAY } : {}),
    }));
}

function issueSteps(): SeedStep[] {
  return AHC_ISSUES.map((issue) => ({
    key: `demo:${issue.id}:register`,
    actor: mfaDesk,
    occurredAt: at('2021-12-28', BANGKOK, 8),
    timeZone: BANGKOK,
    command: {
      type: 'RegisterIssue',
      issueId: issue.id,
      processId: AHC,
      code: issue.code,
      title: issue.title,
      refs: { chapter: issue.chapter, articles: issue.articles },
      ...(issue.id === 'ahc-protocol'
        ? {
            description: text(
              'พิธีสารเพิ่มเติมของอนุสัญญา (ข้อมติที่ ๗๙/๒๔๓ ให้คณะกรรมการฯ หารือต่อ)',
              'A protocol supplementary to the convention (res. 79/243 asks the committee to continue work on it)',
            ),
          }
        : {}),
    },
  }));
}

// ---- the consultation of 28 December 2021 (seed 003) ----------------------------------------------

const c1 = CONSULTATION_2021_12_28;
const c1At = at('2021-12-28', BANGKOK, 10);

function view(
  key: string,
  issueId: string,
  agency: 'OAG' | 'RTP' | 'NSC' | 'NCSA' | 'MOJ' | 'MDES',
  stance: Stance,
  summary: Bilingual,
  laws: string[] = [],
  conditions?: ClassifiedPoints,
): SeedStep {
  return {
    key,
    actor: mfaDesk, // transcribed from MFA's record of the meeting: attestation "minutes"
    occurredAt: c1At,
    timeZone: BANGKOK,
    command: {
      type: 'RecordAgencyView',
      consultationId: c1,
      issueId,
      agency,
      stance,
      summary,
      domesticLawRefs: laws,
      ...(conditions ? { conditions } : {}),
    },
    source: WHO_SAID_WHAT,
  };
}

function outcome(
  issueId: string,
  stance: Stance,
  summary: Bilingual,
  followUps: CommandInputOf<'RecordConsultationOutcome'>['followUps'] = [],
): SeedStep {
  return {
    key: `demo:c-2021-12-28:outcome:${issueId}`,
    actor: mfaDesk,
    occurredAt: c1At,
    timeZone: BANGKOK,
    command: {
      type: 'RecordConsultationOutcome',
      consultationId: c1,
      issueId,
      outcome: 'majority',
      recommendedStance: stance,
      summary,
      followUps,
    },
    source: onRecord(`${LETTER} ข้อ ๔.๓`),
  };
}

function consultation2021Steps(): SeedStep[] {
  return [
    {
      key: 'demo:c-2021-12-28:convene',
      actor: mfaDesk,
      occurredAt: c1At,
      timeZone: BANGKOK,
      command: {
        type: 'ConveneConsultation',
        consultationId: c1,
        processId: AHC,
        title: text(
          'การประชุมหารือกับหน่วยงานที่เกี่ยวข้องเพื่อเตรียมท่าทีเบื้องต้นสำหรับการประชุมคณะกรรมการระหว่างรัฐเฉพาะกิจฯ สมัยที่ ๑',
          "Interagency consultation to prepare Thailand's initial position for AHC session 1",
        ),
        heldOn: '๒๘ ธันวาคม ๒๕๖๔',
        convener: 'MFA',
        format: 'in-person',
        participants: ['MFA', 'OAG', 'RTP', 'NSC', 'NCSA', 'MOJ', 'MDES'],
        agenda: [
          'ahc-scope',
          'ahc-offences',
          'ahc-procedural-measures',
          'ahc-international-cooperation',
          'ahc-technical-assistance',
        ],
        documentRef: 'ที่ กต ๑๐๐๒/๔ ข้อ ๑.๓ และ ๔.๓',
        urgency: 'normal',
        classification: 'unclassified',
      },
      source: uncertain(
        'เอกสารไม่ระบุรูปแบบการประชุม (ถือว่าประชุม ณ สถานที่)',
        'The source does not state the meeting format (in person assumed)',
        `${LETTER} ข้อ ๑.๓ และ ๔.๓`,
      ),
    },
    // Per-agency views: the letter reports only what "most agencies" agreed; who said what is illustrative.
    view(
      'demo:c-2021-12-28:view:nsc-scope',
      'ahc-scope',
      'NSC',
      'listening',
      text(
        'รับฟังท่าทีประเทศต่าง ๆ ในสมัยที่ ๑ ก่อนกำหนดท่าทีในรายละเอียด',
        'Listen to other states at session 1 before taking a detailed position',
      ),
    ),
    view(
      'demo:c-2021-12-28:view:mdes-scope-mistake',
      'ahc-scope',
      'MDES',
      'reserve',
      text('สงวนท่าทีเรื่องฐานความผิด', 'Reserve on the offences'),
    ),
    view(
      'demo:c-2021-12-28:view:oag-offences',
      'ahc-offences',
      'OAG',
      'reserve',
      text(
        'เปรียบเทียบฐานความผิดที่เสนอกับกฎหมายไทยก่อนกำหนดท่าที',
        'Compare the proposed offences with Thai law before taking a position',
      ),
      [CRCA, CRCA_2],
    ),
    view(
      'demo:c-2021-12-28:view:mdes-offences',
      'ahc-offences',
      'MDES',
      'reserve',
      text(
        'สงวนท่าทีเรื่องฐานความผิดจนกว่าจะเทียบกับ พ.ร.บ. คอมพิวเตอร์ฯ',
        'Reserve on the offences until compared with the Computer-Related Crime Act',
      ),
      [CRCA],
    ),
    view(
      'demo:c-2021-12-28:view:rtp-cooperation',
      'ahc-international-cooperation',
      'RTP',
      'support',
      text(
        'สนับสนุนช่องทางความร่วมมือระหว่างประเทศที่รวดเร็วในการสืบสวน',
        'Support fast channels of international cooperation for investigations',
      ),
      [MLA_ACT],
    ),
    view(
      'demo:c-2021-12-28:view:ncsa-ta',
      'ahc-technical-assistance',
      'NCSA',
      'support',
      text('สนับสนุนการพัฒนาขีดความสามารถด้านไซเบอร์ของประเทศกำลังพัฒนา', 'Support capacity building for developing countries'),
      [CYBERSECURITY_ACT],
    ),
    view(
      'demo:c-2021-12-28:view:moj-procedure',
      'ahc-procedural-measures',
      'MOJ',
      'support-with-amendments',
      text(
        'สนับสนุนมาตรการทางกระบวนการที่สอดคล้องกับกฎหมายวิธีพิจารณาความอาญาของไทย',
        'Support procedural measures consistent with Thai criminal procedure',
      ),
      [],
      {
        level: 'confidential',
        value: [text('ไม่รับมาตรการที่ขัดต่อการคุ้มครองข้อมูลส่วนบุคคล', 'No measure that overrides personal data protection')],
      },
    ),
    {
      key: 'demo:c-2021-12-28:retract:mdes-scope-mistake',
      actor: mfaDesk,
      occurredAt: at('2022-01-05', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'RetractEntry',
        stream: { kind: 'consultation', id: c1 },
        targetEventId: '00000000-0000-4000-8000-000000000000', // filled in from refs.retract
        reason: text(
          'บันทึกผิดวาระ: ความเห็นนี้เป็นเรื่องฐานความผิด',
          'Recorded against the wrong agenda item: the view is on the offences',
        ),
      },
      refs: { retract: 'demo:c-2021-12-28:view:mdes-scope-mistake' },
      source: illustrative(
        'ความเห็นที่บันทึกผิดวาระและการแก้ไขเป็นตัวอย่างของการเพิกถอนรายการ',
        'The view recorded against the wrong item and its correction illustrate a retraction',
      ),
    },
    // What the letter says most agencies agreed (seed 003, 4.3): facts.
    outcome(
      'ahc-scope',
      'listening',
      text(
        'หน่วยงานส่วนใหญ่เห็นพ้องว่าไทยควรใช้แนวทางรับฟังท่าทีจากการแลกเปลี่ยนความเห็นในภาพรวมระหว่างการประชุมสมัยที่ ๑ และให้ความเห็นเพิ่มเติมในเชิงหลักการ',
        'Most agencies agreed that Thailand should listen to the general exchange of views at session 1 and comment on principles',
      ),
      [
        {
          id: 'draft-framework',
          owner: 'MFA',
          action: text(
            'กต. ยกร่างกรอบท่าทีไทยสำหรับการเจรจา หารือหน่วยงานที่เกี่ยวข้อง และเสนอคณะรัฐมนตรีให้ความเห็นชอบ',
            "MFA drafts Thailand's negotiating framework, consults the agencies and submits it to the Cabinet",
          ),
        },
        { id: 'seek-allies', owner: 'MFA', action: text('แสวงหาพันธมิตรในการเจรจา', 'Seek allies in the negotiation') },
      ],
    ),
    outcome(
      'ahc-offences',
      'listening',
      text(
        'นำท่าทีประเทศต่าง ๆ มาพิจารณาประกอบการกำหนดท่าทีของไทยในรายละเอียด รวมถึงเรื่องฐานความผิดเมื่อเปรียบเทียบกับกฎหมายภายในของไทย',
        "Take other states' positions into account in setting Thailand's detailed position, including the offences compared with Thai domestic law",
      ),
    ),
    outcome(
      'ahc-international-cooperation',
      'support',
      text(
        'หยิบยกเรื่องที่สำคัญต่อไทยและประเทศกำลังพัฒนา: ความร่วมมือระหว่างประเทศ',
        'Raise issues important to Thailand and developing countries: international cooperation',
      ),
    ),
    outcome(
      'ahc-technical-assistance',
      'support',
      text(
        'หยิบยกเรื่องที่สำคัญต่อไทยและประเทศกำลังพัฒนา: การพัฒนาขีดความสามารถ',
        'Raise issues important to Thailand and developing countries: capacity building',
      ),
    ),
    outcome(
      'ahc-procedural-measures',
      'support',
      text(
        'หยิบยกเรื่องที่สำคัญต่อไทยและประเทศกำลังพัฒนา: การสนับสนุนหรือเพิ่มประสิทธิภาพของกระบวนการทางอาญา',
        'Raise issues important to Thailand and developing countries: supporting or strengthening criminal procedure',
      ),
    ),
    {
      key: 'demo:c-2021-12-28:close',
      actor: mfaDesk,
      occurredAt: at('2021-12-28', BANGKOK, 17),
      timeZone: BANGKOK,
      command: { type: 'CloseConsultation', consultationId: c1, on: '2021-12-28', minutesRef: 'ที่ กต ๑๐๐๒/๔' },
    },
    {
      key: 'demo:ahc:milestone:delegation-request',
      actor: mfaDesk,
      occurredAt: at('2022-01-03', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'RecordMilestone',
        processId: AHC,
        milestone: 'other',
        on: '2022-01-03',
        place: 'Bangkok',
        reference: 'ที่ กต ๑๐๐๒/๔ (ด่วนที่สุด)',
        uncertain: true,
        note: text(
          'กต. เสนอ สลค. ขอความเห็นชอบองค์ประกอบคณะผู้แทนไทย (กต. อส. ตร. สมช. สกมช. ยธ. ดศ. และหน่วยงานอื่น) โดยมีผู้แทนถาวรไทยประจำสหประชาชาติ ณ นครนิวยอร์กหรือกรุงเวียนนาเป็นหัวหน้าคณะตามสถานที่ประชุม และให้ กต. เป็นหน่วยงานประสาน',
          'MFA asks the Cabinet (through the Cabinet Secretariat) to approve the delegation (MFA, OAG, RTP, NSC, NCSA, MOJ, MDES and others; head: the Permanent Representative in New York or Vienna by venue) and MFA as coordinating agency',
        ),
      },
      source: uncertain(
        'วันที่ในหนังสืออ่านไม่ออก ใช้วันที่ ๓ มกราคม ๒๕๖๕ แทน',
        'The day of the letter is unreadable: 3 January 2022 stands in for it',
        LETTER,
      ),
    },
  ];
}

// ---- positions -------------------------------------------------------------------------------------

interface DraftDef {
  key: string;
  hour?: number;
  issueId: string;
  stance: Stance;
  summary: Bilingual;
  at: string;
  redLines?: ClassifiedPoints;
  fallbacks?: ClassifiedPoints;
  allies?: string[];
  consultations?: string[];
  basis?: string[];
  substantive?: boolean;
  flexibility?: 'none' | 'low' | 'medium' | 'high';
  rationale?: Bilingual;
  source?: Source;
}

function draftStep(d: DraftDef): SeedStep {
  return {
    key: d.key,
    actor: mfaDesk,
    occurredAt: at(d.at, BANGKOK, d.hour ?? 10),
    timeZone: BANGKOK,
    command: {
      type: 'DraftPosition',
      issueId: d.issueId,
      stance: d.stance,
      summary: d.summary,
      flexibility: d.flexibility ?? 'medium',
      ...(d.rationale ? { rationale: d.rationale } : {}),
      ...(d.redLines ? { redLines: d.redLines } : {}),
      ...(d.fallbacks ? { fallbacks: d.fallbacks } : {}),
      allies: d.allies ?? [],
      basis: { consultationIds: d.consultations ?? [], eventIds: [] },
      substantive: d.substantive ?? true,
    },
    ...(d.basis ? { refs: { basis: d.basis } } : {}),
    ...(d.source ? { source: d.source } : {}),
  };
}

function endorseStep(
  key: string,
  issueId: string,
  version: number,
  authority: 'interagency' | 'mfa' | 'cabinet',
  decisionRef: string,
  decidedOn: string,
  source?: Source,
): SeedStep {
  return {
    key,
    actor: mfaApprover,
    occurredAt: at(decidedOn, BANGKOK, 15),
    timeZone: BANGKOK,
    command: { type: 'EndorsePosition', issueId, version, authority, decisionRef, decidedOn },
    ...(source ? { source } : {}),
  };
}

function statementStep(
  key: string,
  issueId: string,
  sessionId: string,
  deliveredOn: string,
  timeZone: string,
  summary: Bilingual,
  source: Source = NO_STATEMENT_SOURCE,
): SeedStep {
  return {
    key,
    actor: mfaDesk,
    occurredAt: at(deliveredOn, timeZone, 11),
    timeZone,
    command: { type: 'RecordStatement', issueId, sessionId, deliveredOn, summary, deliveredBy: 'Thai delegation' },
    source,
  };
}

/** Version 1 of five positions: what the 28 Dec 2021 consultation agreed (seed 003), for session 1. */
function session1Positions(): SeedStep[] {
  const defs: Array<[string, Stance, Bilingual, string]> = [
    [
      'ahc-scope',
      'listening',
      text(
        'รับฟังท่าทีประเทศต่าง ๆ ในสมัยที่ ๑ และให้ความเห็นในเชิงหลักการ',
        'Listen to other states at session 1 and comment on principles',
      ),
      'ahc-scope',
    ],
    [
      'ahc-offences',
      'listening',
      text(
        'รับฟังท่าทีและเปรียบเทียบฐานความผิดที่เสนอกับกฎหมายภายในของไทย',
        'Listen, and compare the proposed offences with Thai domestic law',
      ),
      'ahc-offences',
    ],
    [
      'ahc-international-cooperation',
      'support',
      text(
        'หยิบยกความร่วมมือระหว่างประเทศเป็นเรื่องสำคัญต่อไทยและประเทศกำลังพัฒนา',
        'Raise international cooperation as important to Thailand and developing countries',
      ),
      'ahc-international-cooperation',
    ],
    [
      'ahc-technical-assistance',
      'support',
      text(
        'หยิบยกการพัฒนาขีดความสามารถเป็นเรื่องสำคัญต่อไทยและประเทศกำลังพัฒนา',
        'Raise capacity building as important to Thailand and developing countries',
      ),
      'ahc-technical-assistance',
    ],
    [
      'ahc-procedural-measures',
      'support',
      text('สนับสนุนหรือเพิ่มประสิทธิภาพของกระบวนการทางอาญา', 'Support or strengthen criminal procedure'),
      'ahc-procedural-measures',
    ],
  ];
  return defs.flatMap(([issueId, stance, summary, outcomeOf]) => [
    draftStep({
      key: `demo:${issueId}:v1:draft`,
      issueId,
      stance,
      summary,
      at: '2021-12-28',
      hour: 14,
      consultations: [c1],
      basis: [`demo:c-2021-12-28:outcome:${outcomeOf}`],
      flexibility: 'high',
      source: onRecord(`${LETTER} ข้อ ๔.๓`),
    }),
    endorseStep(
      `demo:${issueId}:v1:endorse`,
      issueId,
      1,
      'interagency',
      CONSULTATION_REF,
      '2021-12-28',
      illustrative(
        'หนังสือบันทึกสิ่งที่ที่ประชุมเห็นพ้อง ไม่ได้บันทึกการรับรองท่าที การรับรองในวันที่ ๒๘ ธันวาคม ๒๕๖๔ เป็นตัวอย่าง',
        'The letter records what the meeting agreed, not an endorsement: endorsing the position on 28 December 2021 is illustrative',
      ),
    ),
  ]);
}

function session1Statements(): SeedStep[] {
  return [
    statementStep(
      'demo:ahc-scope:statement:ahc-1',
      'ahc-scope',
      'ahc-1',
      '2022-03-01',
      NEW_YORK,
      text(
        'ไทยรับฟังความเห็นเรื่องวัตถุประสงค์และขอบเขต และเน้นความร่วมมือระหว่างประเทศและการพัฒนาขีดความสามารถ',
        'Thailand listened on objectives and scope and stressed international cooperation and capacity building',
      ),
    ),
    statementStep(
      'demo:ahc-technical-assistance:statement:ahc-1',
      'ahc-technical-assistance',
      'ahc-1',
      '2022-03-02',
      NEW_YORK,
      text(
        'ไทยสนับสนุนให้ความช่วยเหลือทางวิชาการเป็นหัวใจของอนุสัญญา',
        'Thailand supports technical assistance as a core part of the convention',
      ),
    ),
  ];
}

// ---- an illustrative consultation on the draft framework (agencies record their own views) -------

const c2 = CONSULTATION_FRAMEWORK;
const c2At = at('2023-11-15', BANGKOK, 10);

function frameworkConsultationSteps(): SeedStep[] {
  const ownView = (
    key: string,
    agency: 'OAG' | 'RTP' | 'NCSA',
    issueId: string,
    stance: Stance,
    summary: Bilingual,
    laws: string[],
    conditions?: ClassifiedPoints,
  ): SeedStep => ({
    key,
    actor: officer(agency),
    occurredAt: c2At,
    timeZone: BANGKOK,
    command: {
      type: 'RecordAgencyView',
      consultationId: c2,
      issueId,
      agency,
      stance,
      summary,
      domesticLawRefs: laws,
      ...(conditions ? { conditions } : {}),
    },
    source: FRAMEWORK_MEETING,
  });
  const deskView = (
    key: string,
    agency: 'MOJ' | 'AMLO' | 'NSC' | 'OCS',
    issueId: string,
    stance: Stance,
    summary: Bilingual,
    laws: string[] = [],
  ): SeedStep => ({
    key,
    actor: mfaDesk,
    occurredAt: c2At,
    timeZone: BANGKOK,
    command: { type: 'RecordAgencyView', consultationId: c2, issueId, agency, stance, summary, domesticLawRefs: laws },
    source: FRAMEWORK_MEETING,
  });
  const outcomeStep = (
    issueId: string,
    kind: 'consensus' | 'majority' | 'deferred',
    summary: Bilingual,
    stance?: Stance,
    dissenting: Array<'RTP'> = [],
  ): SeedStep => ({
    key: `demo:c-framework:outcome:${issueId}`,
    actor: mfaDesk,
    occurredAt: c2At,
    timeZone: BANGKOK,
    command: {
      type: 'RecordConsultationOutcome',
      consultationId: c2,
      issueId,
      outcome: kind,
      summary,
      dissenting,
      ...(stance ? { recommendedStance: stance } : {}),
    },
    source: FRAMEWORK_MEETING,
  });
  return [
    {
      key: 'demo:c-framework:convene',
      actor: mfaDesk,
      occurredAt: at('2023-11-15', BANGKOK, 9),
      timeZone: BANGKOK,
      command: {
        type: 'ConveneConsultation',
        consultationId: c2,
        processId: AHC,
        title: text(
          'การประชุมหารือหน่วยงานเรื่องร่างกรอบการเจรจาก่อนเสนอคณะรัฐมนตรี',
          'Interagency consultation on the draft negotiating framework before the Cabinet',
        ),
        heldOn: '15 พ.ย. 2566',
        convener: 'MFA',
        format: 'hybrid',
        participants: ['MFA', 'OAG', 'RTP', 'NSC', 'NCSA', 'MOJ', 'MDES', 'AMLO', 'OCS'],
        agenda: [
          'ahc-offences',
          'ahc-human-rights',
          'ahc-evidence-scope',
          'ahc-refusal-grounds',
          'ahc-entry-into-force',
          'ahc-protocol',
        ],
        urgency: 'urgent',
        classification: 'confidential',
      },
      source: FRAMEWORK_MEETING,
    },
    ownView(
      'demo:c-framework:view:oag-evidence',
      'OAG',
      'ahc-evidence-scope',
      'support-with-amendments',
      text('แลกเปลี่ยนพยานหลักฐานเฉพาะอาชญากรรมร้ายแรง', 'Share evidence for serious crimes only'),
      [MLA_ACT],
      {
        level: 'confidential',
        value: [text('ต้องเป็นความผิดอาญาของทั้งสองรัฐ', 'Dual criminality required')],
      },
    ),
    ownView(
      'demo:c-framework:view:rtp-evidence',
      'RTP',
      'ahc-evidence-scope',
      'support',
      text('แลกเปลี่ยนพยานหลักฐานอิเล็กทรอนิกส์สำหรับความผิดทุกประเภท', 'Share electronic evidence for any crime'),
      [MLA_ACT],
    ),
    ownView(
      'demo:c-framework:view:ncsa-offences',
      'NCSA',
      'ahc-offences',
      'support-with-amendments',
      text('เน้นความผิดที่อาศัยระบบคอมพิวเตอร์เป็นหลัก', 'Focus on cyber-dependent offences'),
      [CRCA, CYBERSECURITY_ACT],
    ),
    deskView(
      'demo:c-framework:view:moj-hr',
      'MOJ',
      'ahc-human-rights',
      'support',
      text(
        'สนับสนุนบทบัญญัติคุ้มครองสิทธิมนุษยชนที่สอดคล้องกับรัฐธรรมนูญ',
        'Support human-rights safeguards consistent with the Constitution',
      ),
      [PDPA],
    ),
    deskView(
      'demo:c-framework:view:amlo-offences',
      'AMLO',
      'ahc-offences',
      'support',
      text('รวมความผิดฐานฟอกเงินจากอาชญากรรมไซเบอร์', 'Include laundering of proceeds of cybercrime'),
    ),
    deskView(
      'demo:c-framework:view:ocs-refusal',
      'OCS',
      'ahc-refusal-grounds',
      'support-with-amendments',
      text(
        'คงเหตุปฏิเสธตามกฎหมายไทยว่าด้วยความช่วยเหลือและการส่งผู้ร้ายข้ามแดน',
        'Keep the refusal grounds of Thai mutual assistance and extradition law',
      ),
      [MLA_ACT, EXTRADITION_ACT],
    ),
    deskView(
      'demo:c-framework:view:nsc-protocol',
      'NSC',
      'ahc-protocol',
      'reserve',
      text('สงวนท่าทีเรื่องพิธีสารจนกว่าเนื้อหาชัดเจน', 'Reserve on a protocol until its content is clear'),
    ),
    outcomeStep(
      'ahc-evidence-scope',
      'majority',
      text('ส่วนใหญ่เห็นควรจำกัดที่อาชญากรรมร้ายแรง ตร. เห็นต่าง', 'Most favour serious crime only; RTP dissents'),
      'support-with-amendments',
      ['RTP'],
    ),
    outcomeStep(
      'ahc-entry-into-force',
      'consensus',
      text('ยืดหยุ่นเรื่องจำนวนประเทศที่ให้สัตยาบัน', 'Flexible on the number of ratifications'),
      'flexible',
    ),
    outcomeStep('ahc-protocol', 'deferred', text('เลื่อนการพิจารณาเรื่องพิธีสาร', 'Protocol deferred')),
    {
      key: 'demo:c-framework:close',
      actor: mfaDesk,
      occurredAt: at('2023-11-15', BANGKOK, 17),
      timeZone: BANGKOK,
      command: { type: 'CloseConsultation', consultationId: c2, on: '2023-11-15' },
      source: FRAMEWORK_MEETING,
    },
  ];
}

// ---- the Cabinet framework of 23 January 2024 (the decision is public record; contents illustrative)

function cabinetFramework(): SeedStep[] {
  const secret = (th: string, en: string): ClassifiedPoints => ({ level: 'secret', value: [text(th, en)] });
  const confidential = (th: string, en: string): ClassifiedPoints => ({ level: 'confidential', value: [text(th, en)] });
  const defs: Array<Omit<DraftDef, 'key' | 'at'> & { version: number }> = [
    {
      issueId: 'ahc-scope',
      version: 2,
      stance: 'support-with-amendments',
      summary: text(
        'อนุสัญญาที่มุ่งเน้นอาชญากรรมไซเบอร์ โดยมีขอบเขตชัดเจน',
        'A convention focused on cybercrime with a clear scope',
      ),
      allies: ['ASEAN'],
    },
    {
      issueId: 'ahc-offences',
      version: 2,
      stance: 'support-with-amendments',
      consultations: [c1, c2],
      basis: ['demo:c-framework:view:ncsa-offences'],
      summary: text(
        'รายการความผิดหลักที่สอดคล้องกับ พ.ร.บ. คอมพิวเตอร์ฯ',
        'Core offences consistent with the Computer-Related Crime Act',
      ),
      redLines: secret(
        'ไม่รับความผิดที่กว้างกว่ากฎหมายไทยโดยไม่มีเงื่อนไข',
        'No offence broader than Thai law without qualification',
      ),
      fallbacks: confidential('รับได้หากมีข้อสงวนเรื่องเจตนา', 'Acceptable with a reservation on intent'),
    },
    {
      issueId: 'ahc-human-rights',
      version: 1,
      stance: 'support',
      consultations: [c2],
      summary: text('สนับสนุนข้อ ๖ และข้อ ๒๔ ว่าด้วยการคุ้มครองสิทธิ', 'Support articles 6 and 24 on safeguards'),
    },
    {
      issueId: 'ahc-evidence-scope',
      version: 1,
      stance: 'support-with-amendments',
      consultations: [c2],
      basis: ['demo:c-framework:outcome:ahc-evidence-scope'],
      summary: text('แลกเปลี่ยนพยานหลักฐานสำหรับอาชญากรรมร้ายแรง', 'Evidence sharing for serious crime'),
      redLines: secret('ต้องมีเงื่อนไขความผิดอาญาของทั้งสองรัฐ', 'Dual criminality must remain'),
      fallbacks: confidential('รับขอบเขตความผิดตามอนุสัญญาได้', 'Could accept convention offences only'),
      allies: ['ASEAN', 'Like-minded developing countries'],
    },
    {
      issueId: 'ahc-refusal-grounds',
      version: 1,
      stance: 'support',
      consultations: [c2],
      summary: text('คงเหตุปฏิเสธตามกฎหมายภายใน', 'Keep refusal grounds of domestic law'),
    },
    {
      issueId: 'ahc-entry-into-force',
      version: 1,
      stance: 'flexible',
      consultations: [c2],
      summary: text('ยืดหยุ่นระหว่าง ๓๐ ถึง ๖๐ ประเทศ', 'Flexible between 30 and 60 ratifications'),
      flexibility: 'high',
    },
    {
      issueId: 'ahc-protocol',
      version: 1,
      stance: 'reserve',
      consultations: [c2],
      summary: text('สงวนท่าทีเรื่องพิธีสารเพิ่มเติม', 'Reserve on a supplementary protocol'),
    },
    {
      issueId: 'ahc-technical-assistance',
      version: 2,
      stance: 'support',
      summary: text(
        'ความช่วยเหลือทางวิชาการที่ยั่งยืนและตามความต้องการของประเทศผู้รับ',
        'Sustainable, demand-driven technical assistance',
      ),
    },
    {
      issueId: 'ahc-international-cooperation',
      version: 2,
      stance: 'support',
      summary: text('ความร่วมมือรวดเร็วผ่านเครือข่าย ๒๔/๗', 'Fast cooperation through the 24/7 network'),
    },
    {
      issueId: 'ahc-procedural-measures',
      version: 2,
      stance: 'support-with-amendments',
      summary: text('มาตรการทางกระบวนการพร้อมการคุ้มครองข้อมูลส่วนบุคคล', 'Procedural measures with personal-data safeguards'),
    },
  ];
  return defs.flatMap((d) => [
    draftStep({
      ...d,
      key: `demo:${d.issueId}:v${d.version}:draft`,
      at: '2024-01-10',
      consultations: d.consultations ?? [],
      flexibility: d.flexibility ?? 'medium',
      source: FRAMEWORK_CONTENT,
    }),
    endorseStep(
      `demo:${d.issueId}:v${d.version}:endorse`,
      d.issueId,
      d.version,
      'cabinet',
      CABINET_REF,
      '๒๓ มกราคม ๒๕๖๗',
      FRAMEWORK_CONTENT,
    ),
  ]);
}

function concludingSessionSteps(): SeedStep[] {
  return [
    statementStep(
      'demo:ahc-evidence-scope:statement:concluding',
      'ahc-evidence-scope',
      'ahc-concluding',
      '2024-02-05',
      NEW_YORK,
      text('ไทยสนับสนุนขอบเขตที่จำกัดเฉพาะอาชญากรรมร้ายแรง', 'Thailand supports a scope limited to serious crime'),
    ),
    statementStep(
      'demo:ahc-human-rights:statement:concluding',
      'ahc-human-rights',
      'ahc-concluding',
      '2024-02-06',
      NEW_YORK,
      text('ไทยสนับสนุนการคุ้มครองสิทธิมนุษยชนตามข้อ ๒๔', 'Thailand supports the safeguards of article 24'),
    ),
    // The Cabinet's usual clause: a wording change, not substantive, endorsed by MFA.
    draftStep({
      key: 'demo:ahc-evidence-scope:v2:draft',
      issueId: 'ahc-evidence-scope',
      stance: 'support-with-amendments',
      at: '2024-07-22',
      substantive: false,
      summary: text(
        'แลกเปลี่ยนพยานหลักฐานสำหรับอาชญากรรมร้ายแรงตามนิยามในข้อ ๒ ของร่างอนุสัญญา',
        'Evidence sharing for serious crime as defined in article 2 of the draft',
      ),
      redLines: { level: 'secret', value: [text('ต้องมีเงื่อนไขความผิดอาญาของทั้งสองรัฐ', 'Dual criminality must remain')] },
      fallbacks: {
        level: 'confidential',
        value: [text('รับขอบเขตความผิดตามอนุสัญญาได้', 'Could accept convention offences only')],
      },
      allies: ['ASEAN', 'Like-minded developing countries'],
      source: NOT_IN_SOURCES,
    }),
    endorseStep(
      'demo:ahc-evidence-scope:v2:endorse',
      'ahc-evidence-scope',
      2,
      'mfa',
      'คำสั่ง กต. ปรับถ้อยคำตามกรอบที่คณะรัฐมนตรีอนุมัติ',
      '2024-07-26',
      NOT_IN_SOURCES,
    ),
    // A substantive draft that was never endorsed, later withdrawn.
    draftStep({
      key: 'demo:ahc-entry-into-force:v2:draft',
      issueId: 'ahc-entry-into-force',
      stance: 'support',
      at: '2024-08-01',
      summary: text('สนับสนุนเกณฑ์ ๔๐ ประเทศ', 'Support a threshold of 40 ratifications'),
      source: NOT_IN_SOURCES,
    }),
  ];
}

function textStatusSteps(): SeedStep[] {
  const change = (
    issueId: string,
    status: DraftTextStatus,
    on: string,
    note: Bilingual,
    sessionId?: string,
    source?: Source,
  ): SeedStep => ({
    key: `demo:${issueId}:text:${status}`,
    actor: mfaDesk,
    occurredAt: at(on, NEW_YORK, 18),
    timeZone: NEW_YORK,
    command: { type: 'ChangeDraftTextStatus', issueId, status, on, note, ...(sessionId ? { sessionId } : {}) },
    ...(source ? { source } : {}),
  });
  return AHC_ISSUES.filter((i) => i.inText).flatMap((i) => [
    change(
      i.id,
      'agreed-ad-referendum',
      '2024-08-08',
      text(
        'ร่างอนุสัญญาได้รับการรับรองในสมัยประชุมที่กลับมาประชุมต่อ',
        'Draft convention approved at the reconvened concluding session',
      ),
      'ahc-concluding-resumed',
      APPROVAL_DAY,
    ),
    change(
      i.id,
      'adopted',
      '2024-12-24',
      text('สมัชชาสหประชาชาติรับรองอนุสัญญา ข้อมติที่ ๗๙/๒๔๓', 'Adopted by the UN General Assembly, res. 79/243'),
    ),
  ]);
}

function adoptionAndSignatureSteps(): SeedStep[] {
  return [
    {
      key: 'demo:ahc:milestone:text-approved',
      actor: mfaDesk,
      occurredAt: at('2024-08-08', NEW_YORK, 18),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordMilestone',
        processId: AHC,
        milestone: 'text-approved',
        on: '2024-08-08',
        place: 'New York',
        uncertain: true,
        note: text('วันที่ ๘ หรือ ๙ สิงหาคม ขึ้นกับเขตเวลา', '8 or 9 August depending on the time zone'),
      },
      source: APPROVAL_DAY,
    },
    {
      key: 'demo:ahc-entry-into-force:v2:withdraw',
      actor: mfaApprover,
      occurredAt: at('2024-08-09', BANGKOK),
      timeZone: BANGKOK,
      command: {
        type: 'WithdrawPosition',
        issueId: 'ahc-entry-into-force',
        version: 2,
        reason: text('ร่างอนุสัญญาได้รับการรับรองแล้ว', 'Overtaken by the approved text'),
        effectiveFrom: '2024-08-09',
      },
      source: NOT_IN_SOURCES,
    },
    {
      key: 'demo:ahc:milestone:adopted',
      actor: mfaDesk,
      occurredAt: at('2024-12-24', NEW_YORK, 12),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordMilestone',
        processId: AHC,
        milestone: 'text-adopted',
        on: '๒๔ ธันวาคม ๒๕๖๗',
        place: 'New York',
        reference: 'A/RES/79/243',
        note: text(
          'อนุสัญญาสหประชาชาติว่าด้วยการต่อต้านอาชญากรรมทางไซเบอร์ ๙ หมวด ๖๘ ข้อในตัวบทที่รับรอง (เอกสาร seed 002 ระบุ ๗๑ ข้อ)',
          'UN Convention against Cybercrime: 9 chapters, 68 articles in the adopted text (seed 002 says 71)',
        ),
      },
    },
    {
      key: 'demo:ahc-entry-into-force:outcome',
      actor: mfaDesk,
      occurredAt: at('2024-12-24', NEW_YORK, 13),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordPositionOutcome',
        issueId: 'ahc-entry-into-force',
        result: 'reflected',
        textRef: 'A/RES/79/243, annex',
        note: text(
          'มีผลใช้บังคับ ๙๐ วันหลังการให้สัตยาบันลำดับที่ ๔๐ อยู่ในช่วงที่ไทยยืดหยุ่นได้',
          "Entry into force 90 days after the 40th ratification: within Thailand's flexible range",
        ),
      },
      source: ASSESSMENT,
    },
    {
      key: 'demo:ahc-evidence-scope:outcome',
      actor: mfaDesk,
      occurredAt: at('2024-12-24', NEW_YORK, 13),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordPositionOutcome',
        issueId: 'ahc-evidence-scope',
        result: 'partly-reflected',
        textRef: 'A/RES/79/243, annex',
        note: text(
          'ขอบเขตกว้างกว่าที่ไทยเสนอ แต่มีเงื่อนไขและการคุ้มครอง',
          'Broader than Thailand proposed, with conditions and safeguards',
        ),
      },
      source: ASSESSMENT,
    },
    {
      key: 'demo:ahc-technical-assistance:outcome',
      actor: mfaDesk,
      occurredAt: at('2024-12-24', NEW_YORK, 13),
      timeZone: NEW_YORK,
      command: {
        type: 'RecordPositionOutcome',
        issueId: 'ahc-technical-assistance',
        result: 'reflected',
        article: '54-56',
        textRef: 'A/RES/79/243, annex',
        note: text('หมวด ๗ สะท้อนความต้องการของประเทศกำลังพัฒนา', "Chapter VII reflects developing countries' needs"),
      },
      source: ASSESSMENT,
    },
    {
      key: 'demo:ahc:milestone:opened-for-signature',
      actor: mfaDesk,
      occurredAt: at('2025-10-25', HANOI, 9),
      timeZone: HANOI,
      command: {
        type: 'RecordMilestone',
        processId: AHC,
        milestone: 'opened-for-signature',
        on: '2025-10-25',
        place: 'Hanoi',
      },
    },
    {
      key: 'demo:ahc:milestone:signed',
      actor: mfaDesk,
      occurredAt: at('2025-10-25', HANOI, 11),
      timeZone: HANOI,
      command: {
        type: 'RecordMilestone',
        processId: AHC,
        milestone: 'signed',
        on: '๒๕ ตุลาคม ๒๕๖๘',
        place: 'Hanoi',
        note: text(
          'ไทยลงนามอนุสัญญาที่กรุงฮานอย มีประเทศร่วมลงนามทั้งสิ้น ๗๒ ประเทศ',
          'Thailand signs the Convention in Hanoi; 72 signatories in all',
        ),
      },
    },
  ];
}

/** Every AHC step; demo.ts orders all steps by valid time. */
export function ahcSteps(): SeedStep[] {
  return [
    ...processSteps(),
    ...sessionSteps(),
    ...issueSteps(),
    ...consultation2021Steps(),
    ...session1Positions(),
    ...session1Statements(),
    ...frameworkConsultationSteps(),
    ...cabinetFramework(),
    ...concludingSessionSteps(),
    ...concludeSteps('2022-01-01', '2024-12-31'),
    ...textStatusSteps(),
    ...adoptionAndSignatureSteps(),
  ];
}
