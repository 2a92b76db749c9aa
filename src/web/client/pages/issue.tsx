// One issue: the position in force and the pending draft with their basis (consultations, agency
// views, outcomes) linked, the agencies' alignment, the timeline of versions with what changed, the
// statements made at sessions; as of any date on either clock. Negotiators draft and record
// statements, approvers endorse and withdraw: each form only for a principal the API would let write it.
import { useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { pagePath } from '../../pages.js';
import { apiWrite, type WriteResult } from '../api.js';
import { AsOfPicker, asOfQuery, useAsOf } from '../components/as-of.js';
import { AgencyName, ClassifiedList, Dl, Link, ReadState, SourceMark, StanceBadge } from '../components/common.js';
import {
  BilingualField,
  BilingualLinesField,
  CheckboxField,
  CheckboxesField,
  Disclosure,
  SelectField,
  TextField,
  WriteForm,
  optionalPair,
  pairLines,
  type Pair,
} from '../components/form.js';
import { usePageTitle } from '../components/layout.js';
import { useI18n, type I18n } from '../i18n/i18n.js';
import { touches, touchesKind, type LiveEvent } from '../live.js';
import { useMe, useRead } from '../state.js';
import type {
  AlignmentRow,
  Bilingual,
  Change,
  Classified,
  Consultation,
  HistoryEntry,
  InForce,
  PositionView,
  ReadAnswer,
  SessionItem,
  Version,
} from '../types.js';

type Consultations = ReadonlyMap<string, Consultation>;

function isBilingual(v: unknown): v is Bilingual {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Bilingual).th === 'string' &&
    typeof (v as Bilingual).en === 'string'
  );
}

function ConsultationLink({ id, consultations }: { id: string; consultations: Consultations }) {
  const i18n = useI18n();
  const c = consultations.get(id);
  return (
    <Link href={pagePath('consultation', { consultationId: id })}>
      {c?.title === null || c === undefined ? id : i18n.text(c.title)}
      {c?.heldOn ? ` (${i18n.date(c.heldOn, 'short')})` : ''}
    </Link>
  );
}

function Basis({ version, consultations }: { version: Version; consultations: Consultations }) {
  const i18n = useI18n();
  const b = version.basis;
  return (
    <section class="basis" aria-label={i18n.t('basis')}>
      <h4>{i18n.t('basis')}</h4>
      <Dl
        rows={[
          [
            i18n.t('basisConsultations'),
            b.consultationIds.length === 0 ? (
              <span class="muted">{i18n.t('none')}</span>
            ) : (
              <ul class="plain">
                {b.consultationIds.map((id) => (
                  <li key={id}>
                    <ConsultationLink id={id} consultations={consultations} />
                  </li>
                ))}
              </ul>
            ),
          ],
          [
            i18n.t('basisInputs'),
            b.inputs.length === 0 ? (
              <span class="muted">{i18n.t('none')}</span>
            ) : (
              <ul class="plain">
                {b.inputs.map((input) => (
                  <li key={input.eventId}>
                    {input.agency === null ? (
                      <strong>{i18n.t('consultationOutcome')}</strong>
                    ) : (
                      <AgencyName code={input.agency} />
                    )}{' '}
                    <StanceBadge stance={input.stance} /> <SourceMark source={input.source} />{' '}
                    {i18n.text(input.summary)}{' '}
                    <span class="muted">
                      · <ConsultationLink id={input.consultationId} consultations={consultations} />
                    </span>
                  </li>
                ))}
              </ul>
            ),
          ],
          ...(b.missing.length === 0 ? [] : ([[i18n.t('basisMissing'), b.missing.join(', ')]] as [string, string][])),
          ...(b.note === null ? [] : ([[i18n.t('basisNote'), i18n.text(b.note)]] as [string, string][])),
        ]}
      />
    </section>
  );
}

function VersionFacts({ v }: { v: Version | InForce }) {
  const i18n = useI18n();
  const endorsed = 'authority' in v;
  return (
    <Dl
      rows={[
        [
          i18n.t('stance'),
          <>
            <StanceBadge stance={v.stance} /> <SourceMark source={v.source} />
          </>,
        ],
        [i18n.t('summary'), i18n.text(v.summary)],
        ...(v.rationale === null ? [] : ([[i18n.t('rationale'), i18n.text(v.rationale)]] as [string, string][])),
        [i18n.t('flexibility'), i18n.name('flexibility', v.flexibility)],
        [i18n.t('redLines'), <ClassifiedList value={v.redLines} />],
        [i18n.t('fallbacks'), <ClassifiedList value={v.fallbacks} />],
        [i18n.t('allies'), v.allies.length === 0 ? <span class="muted">{i18n.t('none')}</span> : v.allies.join(', ')],
        ...(endorsed
          ? ([
              [
                i18n.t('authority'),
                <>
                  {i18n.name('authority', v.authority)} <SourceMark source={v.endorsementSource} />
                </>,
              ],
              [i18n.t('decisionRef'), v.decisionRef],
              [i18n.t('decidedOn'), i18n.date(v.decidedOn)],
              [i18n.t('effectiveFrom'), i18n.date(v.effectiveFrom)],
            ] as [string, string][])
          : ([[i18n.t('draftedAt'), i18n.date(v.draftedAt)]] as [string, string][])),
      ]}
    />
  );
}

function PositionCard({
  title,
  v,
  consultations,
  testId,
}: {
  title: string;
  v: Version | InForce;
  consultations: Consultations;
  testId: string;
}) {
  const i18n = useI18n();
  return (
    <section class="card position" data-testid={testId}>
      <h2>
        {title} <span class="version">{i18n.t('version', { n: v.version })}</span>
      </h2>
      <VersionFacts v={v} />
      <Basis version={v} consultations={consultations} />
    </section>
  );
}

function AlignmentStrip({ rows }: { rows: readonly AlignmentRow[] }) {
  const i18n = useI18n();
  return (
    <section class="card" aria-labelledby="alignment-title">
      <h2 id="alignment-title">{i18n.t('alignmentTitle')}</h2>
      {rows.length === 0 ? (
        <p class="muted">{i18n.t('noViews')}</p>
      ) : (
        <ul class="strip" data-testid="alignment">
          {rows.map((row) => (
            <li key={row.agency} class={row.diverges ? 'diverges' : 'agrees'}>
              <span class="strip-agency">
                <AgencyName code={row.agency} />
              </span>
              <StanceBadge stance={row.view.stance} />
              <SourceMark source={row.view.source} />
              <span class="strip-mark">
                <span aria-hidden="true">{row.diverges ? '✕ ' : '✓ '}</span>
                {i18n.t(row.diverges ? 'diverges' : 'agrees')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ChangeValue({ field, value }: { field: string; value: unknown }) {
  const i18n = useI18n();
  if (value === null || value === undefined) return <span class="muted">{i18n.t('none')}</span>;
  if (field === 'stance' && typeof value === 'string') return <StanceBadge stance={value} />;
  if (field === 'flexibility' && typeof value === 'string') return <>{i18n.name('flexibility', value)}</>;
  if (field === 'authority' && typeof value === 'string') return <>{i18n.name('authority', value)}</>;
  if ((field === 'redLines' || field === 'fallbacks') && typeof value === 'object')
    return <ClassifiedList value={value as Classified<readonly Bilingual[]>} />;
  if (isBilingual(value)) return <>{i18n.text(value)}</>;
  if (Array.isArray(value))
    return value.length === 0 ? <span class="muted">{i18n.t('none')}</span> : <>{value.map(String).join(', ')}</>;
  return <>{String(value)}</>;
}

/** What changed against the version before, field by field (classified values redacted for the reader say so). */
export function Changes({
  entry,
}: {
  entry: { readonly changes: readonly Change[]; readonly comparedWith: number | null };
}) {
  const i18n = useI18n();
  if (entry.changes.length === 0) return null;
  return (
    <table class="changes">
      <caption>{i18n.t('whatChanged', { n: entry.comparedWith ?? 0 })}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('changedField')}</th>
          <th scope="col">{i18n.t('changeFrom')}</th>
          <th scope="col">{i18n.t('changeTo')}</th>
        </tr>
      </thead>
      <tbody>
        {entry.changes.map((c: Change) => (
          <tr key={c.field}>
            <th scope="row">{i18n.name('changedField', c.field)}</th>
            <td>
              <ChangeValue field={c.field} value={c.from} />
            </td>
            <td>
              <ChangeValue field={c.field} value={c.to} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function entrySummary(entry: HistoryEntry, i18n: I18n) {
  const d = entry.data;
  const text = (v: unknown) => (isBilingual(v) ? i18n.text(v) : '');
  switch (entry.type) {
    case 'IssueRegistered':
    case 'IssueRetitled':
      return text(d['title']);
    case 'DraftTextStatusChanged':
      return [i18n.name('textStatus', String(d['status'] ?? '')), text(d['note'])].filter((s) => s !== '').join(' · ');
    case 'IssueClosed':
    case 'PositionWithdrawn':
      return text(d['reason']);
    case 'PositionDrafted':
      return (
        <>
          <StanceBadge stance={String(d['stance'] ?? '')} /> {text(d['summary'])}
        </>
      );
    case 'PositionEndorsed':
      return `${i18n.name('authority', String(d['authority'] ?? ''))} · ${String(d['decisionRef'] ?? '')}`;
    case 'StatementDelivered':
      return `${String(d['sessionId'] ?? '')} · ${text(d['summary'])}`;
    case 'EntryRetracted':
      return `${i18n.name('eventType', String(d['targetType'] ?? ''))} · ${text(d['reason'])}`;
    default:
      return '';
  }
}

function Timeline({ history }: { history: readonly HistoryEntry[] }) {
  const i18n = useI18n();
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{i18n.t('timeline')}</h2>
      <ol class="timeline" data-testid="timeline">
        {history.map((e) => (
          <li key={e.eventId} class={`entry entry-${e.type}`}>
            <div class="entry-head">
              <span class="date">{i18n.date(e.validAt)}</span>
              <strong>{i18n.name('eventType', e.type)}</strong>
              {e.version === null ? null : <span class="version">{i18n.t('version', { n: e.version })}</span>}
            </div>
            <div class="entry-body">{entrySummary(e, i18n)}</div>
            <Changes entry={e} />
            <div class="entry-meta muted">
              {i18n.t('by', { agency: i18n.agency(e.actor.agency), role: i18n.name('role', e.actor.role) })} ·{' '}
              {i18n.t('recordedAt')} {i18n.dateTime(e.recordedAt)}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Statements({ history }: { history: readonly HistoryEntry[] }) {
  const i18n = useI18n();
  const statements = history.filter((e) => e.type === 'StatementDelivered');
  return (
    <section class="card" aria-labelledby="statements-title">
      <h2 id="statements-title">{i18n.t('statements')}</h2>
      {statements.length === 0 ? (
        <p class="muted">{i18n.t('noStatements')}</p>
      ) : (
        <ul class="plain statements">
          {statements.map((s) => {
            const d = s.data;
            return (
              <li key={s.eventId}>
                <strong>{i18n.date(String(d['deliveredOn'] ?? s.validAt))}</strong> · {i18n.t('session')}{' '}
                {String(d['sessionId'] ?? '')}
                {s.version === null ? '' : ` · ${i18n.t('version', { n: s.version })}`}
                <div>{isBilingual(d['summary']) ? i18n.text(d['summary']) : ''}</div>
                {typeof d['deliveredBy'] === 'string' ? (
                  <div class="muted">{`${i18n.t('deliveredBy')}: ${d['deliveredBy']}`}</div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const levels = ['confidential', 'secret', 'top-secret'];

function DraftForm({
  issueId,
  base,
  consultations,
  onWritten,
}: {
  issueId: string;
  base: Version | null;
  consultations: readonly Consultation[];
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const visible = (c: Classified<readonly Bilingual[]> | undefined): Pair => {
    if (c === undefined || 'redacted' in c) return { th: '', en: '' };
    return { th: c.value.map((p) => p.th).join('\n'), en: c.value.map((p) => p.en).join('\n') };
  };
  const [stance, setStance] = useState(base?.stance ?? '');
  const [flexibility, setFlexibility] = useState(base?.flexibility ?? 'medium');
  const [summary, setSummary] = useState<Pair>({ th: base?.summary.th ?? '', en: base?.summary.en ?? '' });
  const [rationale, setRationale] = useState<Pair>({ th: base?.rationale?.th ?? '', en: base?.rationale?.en ?? '' });
  const [redLevel, setRedLevel] = useState(base?.redLines.level ?? 'confidential');
  const [redLines, setRedLines] = useState<Pair>(visible(base?.redLines));
  const [fallbackLevel, setFallbackLevel] = useState(base?.fallbacks.level ?? 'confidential');
  const [fallbacks, setFallbacks] = useState<Pair>(visible(base?.fallbacks));
  const [allies, setAllies] = useState(base?.allies.join(', ') ?? '');
  const [inputs, setInputs] = useState<string[]>([]);
  const [substantive, setSubstantive] = useState(true);
  const options = consultations
    .filter((c) => c.agenda.includes(issueId))
    .flatMap((c) => [
      ...c.views
        .filter((v) => v.issueId === issueId)
        .map((v) => ({
          value: v.eventId,
          consultationId: c.consultationId,
          label: `${i18n.agency(v.agency)}: ${i18n.name('stance', v.stance)} — ${i18n.text(v.summary)}`,
          hint: `(${i18n.date(c.heldOn, 'short')})`,
        })),
      ...c.outcomes
        .filter((o) => o.issueId === issueId)
        .map((o) => ({
          value: o.eventId,
          consultationId: c.consultationId,
          label: `${i18n.t('consultationOutcome')}: ${i18n.name('outcome', o.outcome)} — ${i18n.text(o.summary)}`,
          hint: `(${i18n.date(c.heldOn, 'short')})`,
        })),
    ]);
  const levelOptions = i18n.options('classification', levels);
  return (
    <WriteForm
      title={i18n.t('draftTitle')}
      heading={false}
      onSubmit={async (write) => {
        const chosen = options.filter((o) => inputs.includes(o.value));
        const result = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/position/drafts`, {
            stance,
            flexibility,
            summary,
            ...(optionalPair(rationale) === undefined ? {} : { rationale }),
            redLines: { level: redLevel, value: pairLines(redLines) },
            fallbacks: { level: fallbackLevel, value: pairLines(fallbacks) },
            allies: allies
              .split(',')
              .map((a) => a.trim())
              .filter((a) => a !== ''),
            basis: {
              consultationIds: [...new Set(chosen.map((o) => o.consultationId))],
              eventIds: chosen.map((o) => o.value),
            },
            substantive,
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <SelectField
        name="stance"
        label={i18n.t('stance')}
        value={stance}
        onValue={setStance}
        placeholder={i18n.t('chooseStance')}
        options={i18n.options('stance', vocabulary.stances)}
      />
      <SelectField
        name="flexibility"
        label={i18n.t('flexibility')}
        value={flexibility}
        onValue={setFlexibility}
        options={i18n.options('flexibility', vocabulary.flexibilities)}
      />
      <BilingualField name="summary" label={i18n.t('summary')} value={summary} onValue={setSummary} />
      <BilingualField
        name="rationale"
        label={`${i18n.t('rationale')} ${i18n.t('optional')}`}
        value={rationale}
        onValue={setRationale}
      />
      <SelectField
        name="redLines.level"
        label={i18n.t('classificationOf', { field: i18n.t('redLines') })}
        value={redLevel}
        onValue={setRedLevel}
        options={levelOptions}
      />
      <BilingualLinesField name="redLines" label={i18n.t('redLines')} value={redLines} onValue={setRedLines} />
      <SelectField
        name="fallbacks.level"
        label={i18n.t('classificationOf', { field: i18n.t('fallbacks') })}
        value={fallbackLevel}
        onValue={setFallbackLevel}
        options={levelOptions}
      />
      <BilingualLinesField name="fallbacks" label={i18n.t('fallbacks')} value={fallbacks} onValue={setFallbacks} />
      <TextField
        name="allies"
        label={i18n.t('allies')}
        hint={i18n.t('commaSeparated')}
        value={allies}
        onValue={setAllies}
      />
      {options.length === 0 ? (
        <p class="muted">{i18n.t('noBasisOptions')}</p>
      ) : (
        <CheckboxesField
          name="basis"
          label={i18n.t('basisPick')}
          value={inputs}
          onValue={setInputs}
          options={options}
        />
      )}
      <CheckboxField name="substantive" label={i18n.t('substantive')} checked={substantive} onValue={setSubstantive} />
    </WriteForm>
  );
}

function EndorseForm({
  issueId,
  draft,
  onWritten,
}: {
  issueId: string;
  draft: Version;
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const me = useMe();
  const [authority, setAuthority] = useState(me.principal.agency === 'MFA' ? 'mfa' : 'interagency');
  const [decisionRef, setDecisionRef] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  // An approver outside MFA endorses only with interagency authority (src/domain/position.ts).
  const authorities = vocabulary.authorities.filter((a) => me.principal.agency === 'MFA' || a.id === 'interagency');
  return (
    <WriteForm
      title={`${i18n.t('endorseTitle')} (${i18n.t('version', { n: draft.version })})`}
      heading={false}
      submitLabel={i18n.t('endorse')}
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/position/endorsements`, {
            version: draft.version,
            authority,
            decisionRef,
            decidedOn,
            ...(effectiveFrom === '' ? {} : { effectiveFrom }),
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <SelectField
        name="authority"
        label={i18n.t('authority')}
        value={authority}
        onValue={setAuthority}
        options={i18n.options('authority', authorities)}
      />
      <TextField name="decisionRef" label={i18n.t('decisionRef')} value={decisionRef} onValue={setDecisionRef} />
      <TextField name="decidedOn" type="date" label={i18n.t('decidedOn')} value={decidedOn} onValue={setDecidedOn} />
      <TextField
        name="effectiveFrom"
        type="date"
        label={`${i18n.t('effectiveFrom')} ${i18n.t('optional')}`}
        value={effectiveFrom}
        onValue={setEffectiveFrom}
      />
    </WriteForm>
  );
}

/** The status of the draft text (bracketed, informally agreed, ...), on a day, at a session. */
function TextStatusForm({
  issueId,
  processId,
  current,
  onWritten,
}: {
  issueId: string;
  processId: string;
  current: string | null;
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const [status, setStatus] = useState(current ?? '');
  const [on, setOn] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [note, setNote] = useState<Pair>({ th: '', en: '' });
  const sessions =
    useRead<ReadAnswer & { sessions: SessionItem[] }>('/v1/sessions', { processId }, (e) => touchesKind(e, 'session'))
      .data?.sessions ?? [];
  return (
    <WriteForm
      title={i18n.t('textStatusTitle')}
      heading={false}
      class="text-status-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/draft-text-status`, {
            status,
            on,
            ...(sessionId === '' ? {} : { sessionId }),
            ...(optionalPair(note) === undefined ? {} : { note }),
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <SelectField
        name="status"
        label={i18n.t('colTextStatus')}
        value={status}
        onValue={setStatus}
        placeholder={i18n.t('choose')}
        options={i18n.options('textStatus', vocabulary.textStatuses)}
      />
      <TextField name="on" type="date" label={i18n.t('textStatusOn')} value={on} onValue={setOn} />
      <SelectField
        name="sessionId"
        label={`${i18n.t('session')} ${i18n.t('optional')}`}
        value={sessionId}
        onValue={setSessionId}
        placeholder={i18n.t('none')}
        options={sessions.map((s) => ({ value: s.sessionId, label: i18n.text(s.title) }))}
      />
      <BilingualField
        name="note"
        label={`${i18n.t('basisNote')} ${i18n.t('optional')}`}
        value={note}
        onValue={setNote}
      />
    </WriteForm>
  );
}

/** A new title for the issue (the draft text renamed it), with the reason. */
function RetitleForm({ issueId, onWritten }: { issueId: string; onWritten: (r: WriteResult) => void }) {
  const i18n = useI18n();
  const [title, setTitle] = useState<Pair>({ th: '', en: '' });
  const [reason, setReason] = useState<Pair>({ th: '', en: '' });
  return (
    <WriteForm
      title={i18n.t('retitleTitle')}
      heading={false}
      class="retitle-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/retitle`, {
            title,
            ...(optionalPair(reason) === undefined ? {} : { reason }),
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <BilingualField name="title" label={i18n.t('newTitle')} value={title} onValue={setTitle} multiline={false} />
      <BilingualField
        name="reason"
        label={`${i18n.t('reason')} ${i18n.t('optional')}`}
        value={reason}
        onValue={setReason}
      />
    </WriteForm>
  );
}

/** How the final text reflected Thailand's position on the issue. */
function FinalTextForm({ issueId, onWritten }: { issueId: string; onWritten: (r: WriteResult) => void }) {
  const i18n = useI18n();
  const [result, setResult] = useState('');
  const [article, setArticle] = useState('');
  const [textRef, setTextRef] = useState('');
  const [note, setNote] = useState<Pair>({ th: '', en: '' });
  return (
    <WriteForm
      title={i18n.t('finalTextTitle')}
      heading={false}
      class="final-text-form"
      onSubmit={async (write) => {
        const written = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/position/outcomes`, {
            result,
            ...(article.trim() === '' ? {} : { article: article.trim() }),
            ...(textRef.trim() === '' ? {} : { textRef: textRef.trim() }),
            ...(optionalPair(note) === undefined ? {} : { note }),
          }),
        );
        if (written !== null) onWritten(written);
      }}
    >
      <SelectField
        name="result"
        label={i18n.t('finalTextResult')}
        value={result}
        onValue={setResult}
        placeholder={i18n.t('choose')}
        options={i18n.options('finalTextResult', Object.keys(vocabulary.labels.finalTextResult))}
      />
      <TextField
        name="article"
        label={`${i18n.t('article')} ${i18n.t('optional')}`}
        value={article}
        onValue={setArticle}
      />
      <TextField
        name="textRef"
        label={`${i18n.t('textRef')} ${i18n.t('optional')}`}
        value={textRef}
        onValue={setTextRef}
      />
      <BilingualField
        name="note"
        label={`${i18n.t('basisNote')} ${i18n.t('optional')}`}
        value={note}
        onValue={setNote}
      />
    </WriteForm>
  );
}

/** Close the issue: nothing more is negotiated on it. */
function CloseIssueForm({ issueId, onWritten }: { issueId: string; onWritten: (r: WriteResult) => void }) {
  const i18n = useI18n();
  const [on, setOn] = useState('');
  const [reason, setReason] = useState<Pair>({ th: '', en: '' });
  return (
    <WriteForm
      title={i18n.t('closeIssueTitle')}
      heading={false}
      submitLabel={i18n.t('closeIssueTitle')}
      class="close-issue-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/close`, { on, reason }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <TextField name="on" type="date" label={i18n.t('closeOn')} value={on} onValue={setOn} />
      <BilingualField name="reason" label={i18n.t('closeIssueReason')} value={reason} onValue={setReason} />
    </WriteForm>
  );
}

/** Withdraw the version in force or the pending draft (approvers), with the reason and the decision. */
function WithdrawForm({
  issueId,
  versions,
  onWritten,
}: {
  issueId: string;
  versions: readonly { version: number; label: string }[];
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const [version, setVersion] = useState(String(versions[0]?.version ?? ''));
  const [reason, setReason] = useState<Pair>({ th: '', en: '' });
  const [decisionRef, setDecisionRef] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  return (
    <WriteForm
      title={i18n.t('withdrawTitle')}
      heading={false}
      submitLabel={i18n.t('withdraw')}
      class="withdraw-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/position/withdrawals`, {
            version: Number(version),
            reason,
            ...(decisionRef.trim() === '' ? {} : { decisionRef: decisionRef.trim() }),
            ...(effectiveFrom === '' ? {} : { effectiveFrom }),
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <SelectField
        name="version"
        label={i18n.t('withdrawWhich')}
        value={version}
        onValue={setVersion}
        options={versions.map((v) => ({ value: String(v.version), label: v.label }))}
      />
      <BilingualField name="reason" label={i18n.t('withdrawReason')} value={reason} onValue={setReason} />
      <TextField
        name="decisionRef"
        label={`${i18n.t('decisionRef')} ${i18n.t('optional')}`}
        value={decisionRef}
        onValue={setDecisionRef}
      />
      <TextField
        name="effectiveFrom"
        type="date"
        label={`${i18n.t('effectiveFrom')} ${i18n.t('optional')}`}
        value={effectiveFrom}
        onValue={setEffectiveFrom}
      />
    </WriteForm>
  );
}

function StatementForm({
  issueId,
  processId,
  onWritten,
}: {
  issueId: string;
  processId: string;
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const [sessionId, setSessionId] = useState('');
  const [deliveredOn, setDeliveredOn] = useState('');
  const [version, setVersion] = useState('');
  const [summary, setSummary] = useState<Pair>({ th: '', en: '' });
  const [deliveredBy, setDeliveredBy] = useState('');
  const sessions =
    useRead<ReadAnswer & { sessions: SessionItem[] }>('/v1/sessions', { processId }, (e) => touchesKind(e, 'session'))
      .data?.sessions ?? [];
  return (
    <WriteForm
      title={i18n.t('statementTitle')}
      heading={false}
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/issues/${encodeURIComponent(issueId)}/position/statements`, {
            sessionId,
            deliveredOn,
            summary,
            ...(version.trim() === '' ? {} : { version: Number(version) }),
            ...(deliveredBy.trim() === '' ? {} : { deliveredBy }),
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <SelectField
        name="sessionId"
        label={i18n.t('session')}
        value={sessionId}
        onValue={setSessionId}
        placeholder={i18n.t('chooseSession')}
        options={sessions.map((s) => ({ value: s.sessionId, label: `${i18n.text(s.title)} (${s.sessionId})` }))}
      />
      <TextField
        name="deliveredOn"
        type="date"
        label={i18n.t('deliveredOn')}
        value={deliveredOn}
        onValue={setDeliveredOn}
      />
      <TextField
        name="version"
        type="number"
        label={`${i18n.t('statementVersion')} ${i18n.t('optional')}`}
        value={version}
        onValue={setVersion}
      />
      <BilingualField name="summary" label={i18n.t('summary')} value={summary} onValue={setSummary} />
      <TextField
        name="deliveredBy"
        label={`${i18n.t('deliveredBy')} ${i18n.t('optional')}`}
        value={deliveredBy}
        onValue={setDeliveredBy}
      />
    </WriteForm>
  );
}

export function IssuePage({ issueId }: { issueId: string }) {
  const i18n = useI18n();
  const me = useMe();
  const asOf = useAsOf();
  const query = asOfQuery(asOf);
  const key = `issue:${issueId}`;
  const mine = (e: LiveEvent | 'reset') => touches(e, key);
  const base = `/v1/issues/${encodeURIComponent(issueId)}`;
  const position = useRead<ReadAnswer & { position: PositionView }>(`${base}/position`, query, mine);
  const history = useRead<ReadAnswer & { history: HistoryEntry[] }>(`${base}/history`, query, mine);
  const alignment = useRead<ReadAnswer & { alignment: AlignmentRow[] }>('/v1/alignment', { ...query, issueId }, mine);
  const consultations = useRead<ReadAnswer & { consultations: Consultation[] }>('/v1/consultations', query, (e) =>
    touchesKind(e, 'consultation'),
  );
  const p = position.data?.position;
  const title = p?.issue === null || p === undefined ? issueId : `${p.issue.code} ${i18n.text(p.issue.title)}`;
  usePageTitle(title);
  const byId = new Map((consultations.data?.consultations ?? []).map((c) => [c.consultationId, c]));
  const written = (r: WriteResult) => {
    position.reload(r.position.commit);
    history.reload(r.position.commit);
    alignment.reload(r.position.commit);
  };

  if (p === undefined) {
    return (
      <>
        <h1>{issueId}</h1>
        <AsOfPicker />
        <ReadState error={position.error} loading={position.loading} />
      </>
    );
  }
  const issue = p.issue;
  const refs = issue?.refs;
  const articles = refs?.articles.join(', ') ?? '';
  const viewingNow = asOf.asOf === undefined;
  const withdrawable = [
    ...(p.pendingDraft === null
      ? []
      : [
          {
            version: p.pendingDraft.version,
            label: `${i18n.t('pendingDraft')} (${i18n.t('version', { n: p.pendingDraft.version })})`,
          },
        ]),
    ...(p.inForce === null
      ? []
      : [
          {
            version: p.inForce.version,
            label: `${i18n.t('positionInForce')} (${i18n.t('version', { n: p.inForce.version })})`,
          },
        ]),
  ];
  return (
    <>
      <p class="breadcrumb">
        <Link href={pagePath('board')}>{i18n.t('navBoard')}</Link>
      </p>
      <h1>
        <span class="code">{issue?.code}</span> {issue === null ? issueId : i18n.text(issue.title)}
      </h1>
      <p class="subtitle">
        {refs?.chapter !== undefined
          ? i18n.t('refs', { chapter: refs.chapter, articles })
          : articles !== ''
            ? i18n.t('articles', { articles })
            : null}
        {issue?.textStatus ? ` · ${i18n.t('colTextStatus')}: ${i18n.name('textStatus', issue.textStatus)}` : ''}
        {issue?.closedOn ? ` · ${i18n.t('closedOn', { date: i18n.date(issue.closedOn) })}` : ''}
      </p>
      <AsOfPicker />
      <div class="columns">
        <div>
          {p.inForce === null ? (
            <section class="card position" data-testid="in-force">
              <h2>{i18n.t('positionInForce')}</h2>
              <p class="muted">{i18n.t('noPositionInForce')}</p>
            </section>
          ) : (
            <PositionCard title={i18n.t('positionInForce')} v={p.inForce} consultations={byId} testId="in-force" />
          )}
          {p.pendingDraft === null ? null : (
            <PositionCard
              title={i18n.t('pendingDraft')}
              v={p.pendingDraft}
              consultations={byId}
              testId="pending-draft"
            />
          )}
        </div>
        <div>
          {alignment.data === null ? (
            <ReadState error={alignment.error} loading={alignment.loading} />
          ) : (
            <AlignmentStrip rows={alignment.data.alignment} />
          )}
          {history.data === null ? (
            <ReadState error={history.error} loading={history.loading} />
          ) : (
            <Statements history={history.data.history} />
          )}
        </div>
      </div>
      {history.data === null ? null : <Timeline history={history.data.history} />}
      {viewingNow &&
      (me.may('DraftPosition') ||
        me.may('EndorsePosition') ||
        me.may('WithdrawPosition') ||
        me.may('RecordStatement') ||
        me.may('ChangeDraftTextStatus') ||
        me.may('CloseIssue')) ? (
        <section class="card forms" aria-label={i18n.t('save')}>
          {me.may('DraftPosition') ? (
            <details>
              <summary>{i18n.t('draftTitle')}</summary>
              <DraftForm
                issueId={issueId}
                base={p.pendingDraft ?? p.inForce}
                consultations={consultations.data?.consultations ?? []}
                onWritten={written}
              />
            </details>
          ) : null}
          {me.may('EndorsePosition') && p.pendingDraft !== null ? (
            <details>
              <summary>{`${i18n.t('endorseTitle')} (${i18n.t('version', { n: p.pendingDraft.version })})`}</summary>
              <EndorseForm key={p.pendingDraft.version} issueId={issueId} draft={p.pendingDraft} onWritten={written} />
            </details>
          ) : null}
          {me.may('WithdrawPosition') && withdrawable.length > 0 ? (
            <details>
              <summary>{i18n.t('withdrawTitle')}</summary>
              <WithdrawForm
                key={withdrawable.map((v) => v.version).join(',')}
                issueId={issueId}
                versions={withdrawable}
                onWritten={written}
              />
            </details>
          ) : null}
          {me.may('ChangeDraftTextStatus') && issue !== null && issue.closedOn === null ? (
            <Disclosure summary={i18n.t('textStatusTitle')}>
              {() => (
                <TextStatusForm
                  issueId={issueId}
                  processId={issue.processId}
                  current={issue.textStatus}
                  onWritten={written}
                />
              )}
            </Disclosure>
          ) : null}
          {me.may('RetitleIssue') && issue !== null && issue.closedOn === null ? (
            <Disclosure summary={i18n.t('retitleTitle')}>
              {() => <RetitleForm issueId={issueId} onWritten={written} />}
            </Disclosure>
          ) : null}
          {me.may('RecordPositionOutcome') && p.inForce !== null ? (
            <Disclosure summary={i18n.t('finalTextTitle')}>
              {() => <FinalTextForm issueId={issueId} onWritten={written} />}
            </Disclosure>
          ) : null}
          {me.may('CloseIssue') && issue !== null && issue.closedOn === null ? (
            <Disclosure summary={i18n.t('closeIssueTitle')}>
              {() => <CloseIssueForm issueId={issueId} onWritten={written} />}
            </Disclosure>
          ) : null}
          {me.may('RecordStatement') && issue !== null ? (
            <details>
              <summary>{i18n.t('statementTitle')}</summary>
              <StatementForm issueId={issueId} processId={issue.processId} onWritten={written} />
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
