// The 26 commitments of the 2025 Bangkok Joint Statement in their 5 areas (seed 004), each a follow-up
// on the issue of the Joint Statement, so that what was promised can be tracked. The Thai is the
// source's (its typing slips corrected); the English is a translation. The source names no Thai agency
// for any of them: none has an owner.
import type { Bilingual } from '../../contracts/index.js';
import { mfaDesk } from './principals.js';
import type { SeedStep } from './steps.js';
import { at } from './steps.js';
import { BANGKOK, text } from './text.js';

const STATEMENT = '2025 Bangkok Joint Statement by the Global Partnership against Online Scams';

interface Area {
  readonly id: string;
  readonly title: Bilingual;
  /** The commitments of the area, numbered as in the statement. */
  readonly commitments: ReadonlyArray<readonly [number, Bilingual]>;
}

export const BANGKOK_COMMITMENT_AREAS: readonly Area[] = [
  {
    id: 'political-commitment',
    title: text('ความมุ่งมั่นทางการเมืองและธรรมาภิบาล', 'Political commitment and governance'),
    commitments: [
      [
        1,
        text(
          'กำหนดให้การต่อต้านการหลอกลวงทางอินเทอร์เน็ตเป็นประเด็นที่มีความสำคัญเป็นลำดับต้น และ จัดสรรทรัพยากรที่เพียงพอต่อการสนับสนุนการปราบปรามการหลอกลวงทางอินเทอร์เน็ต',
          'Make countering online scams a priority and allocate adequate resources to suppressing them',
        ),
      ],
      [
        2,
        text(
          'เสริมสร้างความเข้มแข็ง ในการดำเนินการอย่างมีประสิทธิภาพตามตราสารระหว่างประเทศที่มีอยู่ รวมถึงอนุสัญญาสหประชาชาติว่าด้วยการต่อต้านอาชญากรรมข้ามชาติที่จัดตั้งในลักษณะองค์กร พิธีสารว่าด้วยการป้องกันปราบปราม และลงโทษการค้ามนุษย์ โดยเฉพาะสตรีและเด็ก และพิธีสารว่าด้วยการต่อต้านการลักลอบนำคนเข้าเมืองทางบก ทางทะเล และทางอากาศ ซึ่งเสริมอนุสัญญาฯ และส่งเสริมการลงนามและเข้าเป็นภาคีอนุสัญญาสหประชาชาติว่าด้วยการต่อต้านอาชญากรรมไซเบอร์',
          'Strengthen the effective implementation of existing international instruments, including the UN Convention against Transnational Organized Crime and its Protocols on trafficking in persons, especially women and children, and on the smuggling of migrants by land, sea and air; promote signing and joining the UN Convention against Cybercrime',
        ),
      ],
      [
        3,
        text(
          'พัฒนาและเสริมสร้างความเข้มแข็ง ของกฎหมายภายในประเทศ และการตอบสนองขององค์กรและการปฏิบัติการระดับชาติ ให้สอดคล้องรองรับพันธกรณีระหว่างประเทศของแต่ละประเทศสมาชิก เพื่อป้องกันลดผลกระทบ และปราบปรามอาชญากรรมข้ามชาติในรูปแบบต่าง ๆ ที่หลากหลาย โดยเฉพาะอาชญากรรมที่เชื่อมโยงกับการหลอกลวงทางอินเทอร์เน็ต โดยอาศัยแนวทางการมีส่วนร่วมของทุกส่วนของภาครัฐและทุกส่วนของ สังคม',
          "Develop and strengthen domestic law and national institutional and operational responses in line with each member's international obligations, to prevent, mitigate and suppress transnational crime linked to online scams, through whole-of-government and whole-of-society approaches",
        ),
      ],
    ],
  },
  {
    id: 'law-enforcement',
    title: text('การบังคับใช้กฎหมาย การสืบสวนสอบสวน และการดำเนินคดี', 'Law enforcement, investigation and prosecution'),
    commitments: [
      [
        4,
        text(
          'มุ่งมั่นที่จะเสริมสร้างความร่วมมือระหว่างประเทศในการสืบสวนสอบสวนและดำเนินคดีกับเครือข่ายการหลอกลวงทางอินเทอร์เน็ต ผ่านการใช้กลไกระดับทวิภาคี ภูมิภาค และพหุภาคี',
          'Strengthen international cooperation in investigating and prosecuting online scam networks through bilateral, regional and multilateral mechanisms',
        ),
      ],
      [
        5,
        text(
          'รับทราบว่าจะมีการแบ่งปันข้อมูล ข่าวกรอง และพยานหลักฐานอย่างทันท่วงที เพื่อสนับสนุนการสกัดกั้น การป้องกัน และการดำเนินคดีต่อการหลอกลวงทางอินเทอร์เน็ตและอาชญากรรมที่เกี่ยวข้องอย่างมีประสิทธิภาพ',
          'Share information, intelligence and evidence in a timely manner to support the effective interdiction, prevention and prosecution of online scams and related crime',
        ),
      ],
      [
        6,
        text(
          'เสริมสร้างความเข้มแข็งในการสืบสวนอาชญากรรมไซเบอร์ การต่อต้านการฟอกเงิน และขีดความสามารถด้านนิติวิทยาศาสตร์ทางดิจิทัล ผ่านการฝึกอบรมที่กำหนดเป้าหมายเฉพาะด้าน การจัดทำกระบวนการทำงานที่มีมาตรฐาน และการปรับปรุงเครื่องมือต่าง ๆ เพื่อให้มั่นใจว่าพยานหลักฐานทางดิจิทัลในคดีการหลอกลวงทางอินเทอร์เน็ตได้รับการเก็บรวบรวม รักษา และวิเคราะห์อย่างมีประสิทธิภาพ',
          'Strengthen cybercrime investigation, anti-money-laundering and digital forensic capacity through targeted training, standard procedures and better tools, so that digital evidence in online scam cases is collected, preserved and analysed effectively',
        ),
      ],
      [
        7,
        text(
          'รับรองการดำเนินการอย่างมีประสิทธิภาพตามข้อกำหนดด้านความโปร่งใสของการถือครองผลประโยชน์ที่แท้จริง และกฎระเบียบ และการกำกับดูแลผู้ให้บริการสินทรัพย์เสมือน',
          'Ensure effective implementation of beneficial-ownership transparency requirements and of the regulation and supervision of virtual asset service providers',
        ),
      ],
      [
        8,
        text(
          'รับรองการใช้ข่าวกรองทางการเงินและกลไกการยึดทรัพย์สินทั้งในรูปแบบทางการและไม่เป็นทางการรวมถึงผ่านเครือข่ายระดับภูมิภาคและความเป็นหุ้นส่วนความร่วมมือที่มีอยู่ เพื่อให้หน่วยงานบังคับใช้กฎหมายและดำเนินคดีสามารถระบุ ติดตามเส้นทาง และกู้คืนเงินรายได้ข้ามพรมแดนจากอาชญากรรมที่เกี่ยวกับศูนย์หลอกลวงทางอินเทอร์เน็ตได้',
          'Ensure the use of financial intelligence and of formal and informal asset recovery mechanisms, including through existing regional networks and partnerships, so that law enforcement and prosecutors can identify, trace and recover cross-border proceeds of scam-centre crime',
        ),
      ],
      [
        9,
        text(
          'ส่งเสริมการประเมินอย่างละเอียดเกี่ยวกับความเสี่ยงของการลงทุนโดยตรงจากต่างประเทศที่เกี่ยวข้อง กับอาชญากรรมที่จัดตั้งในลักษณะองค์กร และการนำโครงสร้างทางธุรกิจพาณิชย์ไปใช้ในทางที่ผิดเพื่อประโยชน์ของปฏิบัติการหลอกลวงต่างๆ',
          'Promote thorough assessment of the risks of foreign direct investment linked to organised crime and of the misuse of commercial structures for scam operations',
        ),
      ],
      [
        10,
        text(
          'เสริมสร้างขีดความสามารถของหน่วยงานบังคับใช้กฎหมาย โดยเฉพาะผ่านการแลกเปลี่ยนประสบการณ์ ความท้าทาย และแนวปฏิบัติที่เป็นเลิศในการปราบปรามการหลอกลวงทางอินเทอร์เน็ต รวมถึงสร้าง ขีดความสามารถด้านการสืบสวนสอบสวนให้กับเจ้าหน้าที่ด่านหน้าในประเทศสมาชิก',
          'Build law enforcement capacity, in particular by exchanging experience, challenges and good practice in suppressing online scams, including investigative capacity for frontline officers in member states',
        ),
      ],
      [
        11,
        text(
          'ดำเนินคดีกับผู้กระทำผิดจากการหลอกลวงทางอินเทอร์เน็ตและอาชญากรรมที่เกี่ยวข้อง เพื่อให้อาชญากรที่ผิดได้รับโทษตามกระบวนการยุติธรรม',
          'Prosecute perpetrators of online scams and related crime so that offenders are punished through due process',
        ),
      ],
      [
        12,
        text(
          'จัดทำขั้นตอนมาตรฐานการปฏิบัติตามสำหรับการต่อต้านการหลอกลวงทางอินเทอร์เน็ต เพื่อเป็นแนวทางให้แก่ประเทศสมาชิกหุ้นส่วนระดับโลก ในการปราบปรามการหลอกลวงทางอินเทอร์เน็ตอย่างเป็นระบบและครอบคลุม',
          'Develop standard operating procedures for countering online scams to guide members of the Global Partnership in suppressing them systematically and comprehensively',
        ),
      ],
      [
        13,
        text(
          'พิจารณาจัดตั้งคณะงานเฉพาะกิจในระดับทวิภาคี ระดับภูมิภาค หรือระหว่างภูมิภาค ทำหน้าที่ปราบปรามการหลอกลวงทางอินเทอร์เน็ต โดยประกอบด้วยเจ้าหน้าที่บังคับใช้กฎหมายและหน่วยงานที่เกี่ยวข้องของแต่ละประเทศ รวมถึงหน่วยปราบปรามอาชญากรรมไซเบอร์ หน่วยข่าวกรองทางการเงิน และสายงานผู้บังคับบัญชาเพื่อให้มีการประสานงานกันอย่างทันท่วงทีและทำงานร่วมกันในการทำลายและถอนรากของศูนย์หลอกลวงทาง อินเทอร์เน็ตอีกทางเพื่อช่วยเหลือผู้เสียหาย',
          'Consider setting up bilateral, regional or interregional task forces against online scams, made up of law enforcement and relevant agencies, including cybercrime units, financial intelligence units and chains of command, for timely coordination in dismantling scam centres and assisting victims',
        ),
      ],
    ],
  },
  {
    id: 'victim-protection',
    title: text('การคุ้มครองผู้เสียหาย', 'Victim protection'),
    commitments: [
      [
        14,
        text(
          'ใช้ประโยชน์จากการแลกเปลี่ยนข่าวกรองและพยานหลักฐาน และเพิ่มขีดความสามารถของเจ้าหน้าที่ด่านหน้าในการคัดกรองแยกแยะระหว่างผู้กระทำผิดกับผู้เสียหายจากการค้ามนุษย์ในบริบทของการหลอกลวงทาง อินเทอร์เน็ต พร้อมทั้งจัดการกับอุปสรรคที่บั่นทอนความพยายามในการระบุตัวผู้เสียหายที่ถูกต้อง',
          "Use intelligence and evidence exchange and build frontline officers' capacity to screen and distinguish offenders from victims of trafficking in the context of online scams, and address obstacles to the correct identification of victims",
        ),
      ],
      [
        15,
        text(
          'ใช้ แนวทางการยึดผู้เสียหายเป็นศูนย์กลางตลอดทั้งขั้นตอน ตั้งแต่ขั้นตอนของการคัดกรองและการระบุตัวผู้เสียหายจากการค้ามนุษย์ คุ้มครอง ส่งกลับประเทศต้นทาง และฟื้นฟูเยียวยา ไปจนถึงมาตรการโดยผลักดันสิทธิและความเป็นอยู่ที่ดีของผู้เสียหาย',
          "Apply a victim-centred approach throughout, from screening and identifying victims of trafficking to protection, repatriation and recovery, advancing victims' rights and well-being",
        ),
      ],
      [
        16,
        text(
          'รณรงค์และเพิ่มความพยายาม ในการดำเนินการตามหลักการไม่ลงโทษสำหรับผู้เสียหายจากการค้ามนุษย์ เพื่อที่ผู้เสียหายจะไม่ถูกลงโทษจากการกระทำอันเป็นผลของการถูกบังคับค้ามนุษย์',
          'Advocate and step up efforts to apply the non-punishment principle, so that victims of trafficking are not punished for acts they were compelled to commit',
        ),
      ],
      [
        17,
        text(
          'เรียกร้องให้ประเทศต้นทาง ประเทศทางผ่าน และประเทศปลายทางของผู้เสียหายจากการค้ามนุษย์ในศูนย์หลอกลวงทางอินเทอร์เน็ต ประสานงานอย่างใกล้ชิดและทันท่วงที เพื่อให้ความช่วยเหลือทางกงสุลดำเนินการคัดกรอง ระบุตัว ส่งต่อ และส่งผู้เสียหายกลับประเทศต้นทาง อีกทั้งแลกเปลี่ยนข้อมูลเกี่ยวกับกรณี/คดีการค้ามนุษย์ภายหลังการดำเนินการส่งกลับ เพื่อประโยชน์การดำเนินคดีและการป้องกัน',
          'Call on countries of origin, transit and destination of trafficking victims in scam centres to coordinate closely and promptly on consular assistance, screening, identification, referral and repatriation, and to share information on cases after repatriation for prosecution and prevention',
        ),
      ],
    ],
  },
  {
    id: 'awareness-prevention',
    title: text('การสร้างความตระหนักรู้ของสาธารณชนและการป้องกันการหลอกลวงทางอินเทอร์เน็ต', 'Public awareness and prevention'),
    commitments: [
      [
        18,
        text(
          'ส่งเสริมการรณรงค์การสร้างความตระหนักรู้ในระดับโลกของภาคส่วนที่หลากหลาย ผ่านการมีส่วน ร่วมของสื่อสังคมออนไลน์และภาคเอกชน เช่น ผู้ให้บริการดิจิทัลและอินเทอร์เน็ต สถาบันการเงิน ผู้ให้บริการ อินเตอร์เน็ตและสินทรัพย์เสมือน และผู้ประกอบการโทรคมนาคมที่มีประสิทธิภาพ เพื่อป้องกันมิให้บุคคลถูกหลอกลวงฉ้อโกงและตกเป็นเหยื่อของการค้ามนุษย์ในศูนย์หลอกลวงทางอินเทอร์เน็ต',
          'Promote global multi-stakeholder awareness campaigns, engaging social media and the private sector (digital and internet service providers, financial institutions, virtual asset service providers and telecommunications operators), to keep people from being defrauded and trafficked into scam centres',
        ),
      ],
      [
        19,
        text(
          'เสริมสร้างระบบการรายงานในระดับชาติและระดับภูมิภาค โดยการพัฒนาระบบการรายงานที่เข้าถึงได้ และปรับปรุงขีดความสามารถในการวิเคราะห์เพื่อให้สามารถดำเนินการต่อกรณีและรายงานต่าง ๆ เพื่อให้สามารถตรวจจับ ส่งต่อ และสืบสวนสอบสวนการหลอกลวงทางอินเทอร์เน็ตได้อย่างทันท่วงที ผ่านการทำงานร่วมกับหุ้นส่วน ที่มีความเชี่ยวชาญเฉพาะทาง',
          'Strengthen national and regional reporting systems, with accessible reporting and better analytical capacity, so that online scams are detected, referred and investigated promptly, working with specialised partners',
        ),
      ],
      [
        20,
        text(
          'ทำงานร่วมอย่างใกล้ชิดกับภาคเอกชนรวมถึงผู้ให้บริการทางดิจิทัลหรือออนไลน์ เพื่อปราบปรามการหลอกลวงทางอินเตอร์เน็ต โดยส่งเสริมการพัฒนาการตรวจจับกิจกรรมที่น่าสงสัย การกลั่นกรองเนื้อหาการแบ่งปันข้อมูลและหลักฐานทางดิจิทัล',
          'Work closely with the private sector, including digital and online service providers, to suppress online scams by promoting detection of suspicious activity, content moderation and the sharing of information and digital evidence',
        ),
      ],
    ],
  },
  {
    id: 'partnerships',
    title: text('ความร่วมมือกับหุ้นส่วนภายในประเทศและข้ามพรมแดน', 'Cooperation with domestic and cross-border partners'),
    commitments: [
      [
        21,
        text(
          'จัดตั้งกลุ่มพันธมิตรหุ้นส่วนระดับโลกเพื่อต่อต้านอาชญากรรมหลอกลวงทางอินเทอร์เน็ตประกอบด้วยรัฐบาล ภาคเอกชน ภาควิชาการ ภาคประชาสังคม และหน่วยงานอื่น ๆ เพื่อสนับสนุนความพยายาม ร่วมกันในการต่อสู้กับการหลอกลวงทางอินเทอร์เน็ต',
          'Establish a Global Partnership against Online Scams alliance of governments, the private sector, academia, civil society and others to support joint efforts against online scams',
        ),
      ],
      [
        22,
        text(
          'ส่งเสริมให้กรอบการประชุมระหว่างประเทศที่เกี่ยวข้องในโอกาสต่อไปในอนาคตร่วมกันใช้ประโยชน์ในการสานต่อพลวัต ย้ำข้อความและสาระสำคัญ และรณรงค์หลักการต่าง ๆ ที่มีการระบุโดยหุ้นส่วนระดับโลกเพื่อต่อต้านอาชญากรรมหลอกลวงทางอินเทอร์เน็ต รวมทั้งเรียกร้องให้มีการพัฒนายุทธศาสตร์และนโยบายที่เกี่ยวข้องเพื่อต่อต้านการหลอกลวงทางอินเทอร์เน็ต',
          'Encourage future international meetings to build on the momentum, reaffirm the messages and promote the principles set out by the Global Partnership, and call for related strategies and policies against online scams',
        ),
      ],
      [
        23,
        text(
          'จัดตั้งจุดประสานงานระดับชาติเป็นการเฉพาะสำหรับการป้องกันการหลอกลวงทางอินเทอร์เน็ต, การดำเนินคดีกับกลุ่มอาชญากรรมข้ามชาติที่เกี่ยวข้องกับการหลอกลวงทางอินเทอร์เน็ต, การคุ้มครองผู้เสียหายจากการหลอกลวงฉ้อโกงและการค้ามนุษย์ และนโยบายและความร่วมมือเพื่อให้เกิดการประสานงานความร่วมมือระหว่างประเทศในการตอบสนองต่อการหลอกลวงทางอินเทอร์เน็ตที่รวดเร็ว',
          'Set up dedicated national focal points for preventing online scams, prosecuting the transnational crime groups behind them, protecting victims of fraud and trafficking, and policy and cooperation, for rapid coordinated international responses',
        ),
      ],
      [
        24,
        text(
          'สร้างและเสริมสร้างความเข้มแข็งของหน่วยงานหรือกลุ่มงานพิเศษระดับประเทศ เพื่อช่วยในการตรวจจับ ตัดตอน สืบสวนสอบสวนและปราบปราม อีกทั้งดำเนินคดีกับกลุ่มอาชญากรรมข้ามชาติที่เกี่ยวข้องกับการหลอกลวงทางอินเทอร์เน็ต',
          'Create and strengthen national units or special task forces to detect, disrupt, investigate, suppress and prosecute transnational crime groups behind online scams',
        ),
      ],
      [
        25,
        text(
          'ดำเนินการอย่างต่อเนื่องในการติดตามและวิเคราะห์แนวโน้ม ประเภท รูปแบบ รวมถึงรูปแบบพฤติกรรมทางการเงิน และผลกระทบของมาตรการต่อต้านปฏิบัติการหลอกลวงทางอินเทอร์เน็ตต่าง ๆ และ ส่งเสริมการแบ่งปันผลการวิเคราะห์ดังกล่าวผ่านหุ้นส่วนระดับโลกๆ',
          'Keep monitoring and analysing trends, types and patterns, including financial behaviour, and the effect of counter-scam measures, and promote sharing of that analysis through the Global Partnership',
        ),
      ],
      [
        26,
        text(
          'ส่งเสริมให้เกิดความก้าวหน้ายิ่งขึ้นของความพยายามร่วมกันของหุ้นส่วนระดับโลกๆ ด้วยการ พิจารณาเป็นเจ้าภาพจัดการประชุมหรือกิจกรรมระหว่างประเทศต่างๆ อันจะมีส่วนช่วยในการขจัดการหลอกลวงทางอินเทอร์เน็ต',
          "Advance the Global Partnership's joint efforts by considering hosting international meetings or activities that help eliminate online scams",
        ),
      ],
    ],
  },
];

/** One RecordFollowUp per commitment, on the Joint Statement's issue, the evening it was adopted. */
export function bangkokCommitmentSteps(issueId: string): SeedStep[] {
  return BANGKOK_COMMITMENT_AREAS.flatMap((area) =>
    area.commitments.map(([n, action]) => ({
      key: `demo:${issueId}:follow-up:commitment-${n}`,
      actor: mfaDesk,
      occurredAt: at('2025-12-18', BANGKOK, 18),
      timeZone: BANGKOK,
      command: {
        type: 'RecordFollowUp' as const,
        issueId,
        followUpId: `commitment-${n}`,
        area: { id: area.id, title: area.title },
        action,
        reference: `${STATEMENT}, commitment ${n}`,
      },
      source: { kind: 'record' as const, documentRef: STATEMENT },
    })),
  );
}
