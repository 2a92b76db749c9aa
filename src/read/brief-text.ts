// A session brief as plain text, Thai with English beneath each line (issue 11 §4): what a delegate
// prints or pastes into a note. Rendered from the brief as the reader may read it (already redacted):
// a value above the reader shows as "redacted (needs secret clearance)" in both languages, never as a
// gap. The marking at the top and at the bottom is the highest classification of what it shows, as
// Thai official documents carry it.
import { classificationNames, classificationRank, type Classification } from '../../contracts/classification.js';
import { authorityNames, stanceNames, type Authority, type Stance } from '../../contracts/enums.js';
import { agencyNames, type Agency } from '../../contracts/principal.js';
import { formatThaiDate } from '../../contracts/dates.js';
import type { SessionBrief } from '../../projections/index.js';

type Bilingual = { readonly th: string; readonly en: string };

function isRedacted(v: unknown): v is { level: Classification; redacted: true } {
  return typeof v === 'object' && v !== null && (v as { redacted?: unknown }).redacted === true;
}

function isClassified(v: unknown): v is { level: Classification; value: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { level?: unknown }).level === 'string' && 'value' in v;
}

/** The highest level of any classified value shown (redacted ones are not shown). */
export function highestShown(value: unknown): Classification {
  let highest: Classification = 'unclassified';
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      if (isClassified(v) && !isRedacted(v) && classificationRank(v.level) > classificationRank(highest))
        highest = v.level;
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return highest;
}

function redactedText(level: Classification): Bilingual {
  const name = classificationNames[level];
  return { th: `[ปกปิด: ต้องมีชั้นความลับ${name.th}]`, en: `[redacted (needs ${name.en.toLowerCase()} clearance)]` };
}

/** Bilingual text of a field that may be plain, classified or redacted. */
function texts(v: unknown): Bilingual[] {
  if (isRedacted(v)) return [redactedText(v.level)];
  if (isClassified(v)) return texts(v.value);
  if (Array.isArray(v)) return v.flatMap(texts);
  if (typeof v === 'object' && v !== null && typeof (v as Bilingual).th === 'string') return [v as Bilingual];
  return [];
}

const date = (iso: string | null): Bilingual =>
  iso === null
    ? { th: '-', en: '-' }
    : {
        th: formatThaiDate(iso.slice(0, 10)),
        en: new Date(`${iso.slice(0, 10)}T00:00:00Z`).toUTCString().slice(5, 16),
      };

export function briefText(brief: SessionBrief): string {
  const lines: string[] = [];
  const both = (th: string, en: string, indent = ''): void => {
    lines.push(`${indent}${th}`, `${indent}${en}`);
  };
  const level = highestShown(brief);
  const marking = `${classificationNames[level].th.toUpperCase()} / ${classificationNames[level].en.toUpperCase()}`;
  lines.push(`[ ${marking} ]`, '');
  both(
    `เอกสารประกอบการประชุม: ${brief.title?.th ?? brief.sessionId}`,
    `Session brief: ${brief.title?.en ?? brief.sessionId}`,
  );
  const from = date(brief.from);
  const to = date(brief.to);
  const venue =
    brief.venue === null
      ? ''
      : `${brief.venue.city}${brief.venue.country === undefined ? '' : `, ${brief.venue.country}`}`;
  both(`${venue} ${from.th} - ${to.th}`, `${venue} ${from.en} - ${to.en}`);
  both(`ท่าทีที่มีผล ณ ${brief.positionsAsOf ?? '-'}`, `Positions in force at ${brief.positionsAsOf ?? '-'}`);
  lines.push('');
  for (const issue of brief.issues) {
    const info = issue.position.issue;
    lines.push('—'.repeat(40));
    both(
      `ประเด็น ${info?.code ?? issue.issueId}: ${info?.title.th ?? ''}`,
      `Issue ${info?.code ?? issue.issueId}: ${info?.title.en ?? ''}`,
    );
    if (issue.textAdopted) both('  (ร่างข้อบทรับรองแล้ว)', '  (text already adopted)');
    const p = issue.position.inForce;
    if (p === null) both('  ยังไม่มีท่าทีที่มีผล', '  No position in force', '');
    else {
      const stance = stanceNames[p.stance as Stance];
      const authority = authorityNames[p.authority as Authority];
      both(
        `  ท่าที (ฉบับที่ ${p.version}): ${stance.th} — ${authority.th} ${p.decisionRef}`,
        `  Position (version ${p.version}): ${stance.en} — ${authority.en} ${p.decisionRef}`,
      );
      for (const t of texts(p.summary)) both(`    ${t.th}`, `    ${t.en}`);
      for (const [label, value] of [
        [{ th: 'เส้นต่ำสุด', en: 'Red lines' }, p.redLines],
        [{ th: 'ทางเลือกสำรอง', en: 'Fallbacks' }, p.fallbacks],
      ] as const) {
        const items = texts(value);
        if (items.length === 0) continue;
        both(`  ${label.th}:`, `  ${label.en}:`);
        for (const t of items) both(`    - ${t.th}`, `    - ${t.en}`);
      }
    }
    if (issue.position.pendingDraft !== null) {
      const d = issue.position.pendingDraft;
      both(
        `  ร่างท่าทีรอการรับรอง (ฉบับที่ ${d.version}): ${stanceNames[d.stance as Stance].th}`,
        `  Draft awaiting endorsement (version ${d.version}): ${stanceNames[d.stance as Stance].en}`,
      );
    }
    if (issue.allies.length > 0)
      both(`  ประเทศที่มีท่าทีใกล้เคียง: ${issue.allies.join(', ')}`, `  Allies: ${issue.allies.join(', ')}`);
    if (issue.disagreements.length > 0) {
      both('  ความเห็นต่างของหน่วยงาน:', '  Agencies that differ:');
      for (const d of issue.disagreements) {
        const name = agencyNames[d.agency as Agency];
        const on = date(d.viewedAt);
        both(
          `    - ${name.thAbbrev ?? name.th} (${on.th}): ${stanceNames[d.stance as Stance].th}`,
          `    - ${d.agency} (${on.en}): ${stanceNames[d.stance as Stance].en}`,
        );
      }
    }
    if (issue.earlierStatements.length > 0) {
      both('  ถ้อยแถลงของไทยในการประชุมครั้งก่อน:', '  Thailand’s statements at earlier sessions:');
      for (const s of issue.earlierStatements) {
        const on = date(s.deliveredOn);
        for (const t of texts(s.summary))
          both(`    - ${on.th} (${s.sessionId}): ${t.th}`, `    - ${on.en} (${s.sessionId}): ${t.en}`);
      }
    }
    if (issue.followUps.length > 0) {
      both('  เรื่องที่ต้องดำเนินการต่อ:', '  Follow-ups:');
      for (const f of issue.followUps) {
        const due = f.due === undefined ? null : date(f.due);
        const mark = f.overdue ? { th: ' (เกินกำหนด)', en: ' (overdue)' } : { th: '', en: '' };
        const owner = f.owner ?? '-';
        both(
          `    - ${f.action.th} — ${owner}${due === null ? '' : ` ภายใน ${due.th}`}${mark.th}`,
          `    - ${f.action.en} — ${owner}${due === null ? '' : ` by ${due.en}`}${mark.en}`,
        );
      }
    }
    lines.push('');
  }
  lines.push(`[ ${marking} ]`, '');
  return lines.join('\n');
}
