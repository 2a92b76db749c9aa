// The agency officer's place: the consultations their agency takes part in, each with its agenda,
// the views and outcomes recorded, a form for their agency's view (and, for the convening agency,
// the outcome and the closing), their own entries with a retraction; and convening a new one.
// Negotiators (MFA desk) see and record for every participant, as the API lets them.
import { useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { pagePath } from '../../pages.js';
import { apiWrite, type WriteResult } from '../api.js';
import {
  AgencyName,
  Agencies,
  ClassifiedList,
  Dl,
  Link,
  ReadState,
  SourceMark,
  StanceBadge,
} from '../components/common.js';
import {
  BilingualField,
  BilingualLinesField,
  CheckboxesField,
  SelectField,
  TextField,
  WriteForm,
  pairLines,
  type Pair,
} from '../components/form.js';
import { usePageTitle } from '../components/layout.js';
import { useI18n } from '../i18n/i18n.js';
import { touches, touchesKind } from '../live.js';
import { navigate } from '../router.js';
import { useMe, useRead, type Me } from '../state.js';
import type { AgencyView, Consultation, IssueListItem, Outcome, PositionView, ReadAnswer } from '../types.js';

const empty: Pair = { th: '', en: '' };

function takesPart(me: Me, c: Consultation): boolean {
  return c.participants.includes(me.principal.agency as never) || c.convener === me.principal.agency;
}

/** Convene a consultation (an officer for their own agency; the coordinating agency for any): then open it. */
function ConveneForm() {
  const i18n = useI18n();
  const me = useMe();
  const own = me.principal.agency;
  const issues = useRead<ReadAnswer & { issues: IssueListItem[] }>('/v1/issues', {}, (e) => touchesKind(e, 'issue'));
  const [title, setTitle] = useState<Pair>(empty);
  const [heldOn, setHeldOn] = useState('');
  const [convener, setConvener] = useState(own);
  const [participants, setParticipants] = useState<string[]>([own]);
  const [agenda, setAgenda] = useState<string[]>([]);
  const [format, setFormat] = useState('in-person');
  const [classification, setClassification] = useState('unclassified');
  const [documentRef, setDocumentRef] = useState('');
  const open = (issues.data?.issues ?? []).filter((i) => i.closedOn === null);
  return (
    <WriteForm
      title={i18n.t('conveneTitle')}
      heading={false}
      submitLabel={i18n.t('convene')}
      class="convene-form"
      ruleFields={{ agency_mismatch: 'convener', issue_not_found: 'agenda', different_process: 'agenda' }}
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite('/v1/consultations', {
            title,
            heldOn,
            convener,
            participants,
            agenda,
            format,
            classification,
            ...(documentRef.trim() === '' ? {} : { documentRef: documentRef.trim() }),
          }),
        );
        if (result !== null)
          navigate(pagePath('consultation', { consultationId: result.streamName.replace(/^consultation-/, '') }));
      }}
    >
      <BilingualField name="title" label={i18n.t('title')} value={title} onValue={setTitle} multiline={false} />
      <TextField name="heldOn" type="date" label={i18n.t('heldOn')} value={heldOn} onValue={setHeldOn} />
      {me.forAnyAgency ? (
        <SelectField
          name="convener"
          label={i18n.t('convener')}
          value={convener}
          onValue={setConvener}
          options={i18n.options('agency', vocabulary.agencies)}
        />
      ) : (
        <TextField
          name="convener"
          label={i18n.t('convener')}
          value={i18n.name('agency', convener)}
          onValue={() => undefined}
          readOnly
        />
      )}
      <CheckboxesField
        name="participants"
        label={i18n.t('participants')}
        value={participants}
        onValue={setParticipants}
        options={vocabulary.agencies.map((a) => ({
          value: a.id,
          label: i18n.agency(a.id),
          hint: i18n.name('agency', a.id),
        }))}
      />
      <CheckboxesField
        name="agenda"
        label={i18n.t('agenda')}
        value={agenda}
        onValue={setAgenda}
        options={open.map((i) => ({
          value: i.issueId,
          label: `${i.code ?? ''} ${i.title === null ? i.issueId : i18n.text(i.title)}`.trim(),
        }))}
      />
      <SelectField
        name="format"
        label={i18n.t('format')}
        value={format}
        onValue={setFormat}
        options={i18n.options('format', vocabulary.formats)}
      />
      <SelectField
        name="classification"
        label={i18n.t('classification')}
        value={classification}
        onValue={setClassification}
        options={i18n.options('classification', vocabulary.classifications)}
      />
      <TextField
        name="documentRef"
        label={`${i18n.t('documentRef')} ${i18n.t('optional')}`}
        value={documentRef}
        onValue={setDocumentRef}
      />
    </WriteForm>
  );
}

/** Close a consultation the reader's agency convened: nothing more can be recorded in it. */
function CloseForm({ c, onWritten }: { c: Consultation; onWritten: (r: WriteResult) => void }) {
  const i18n = useI18n();
  const [on, setOn] = useState('');
  const [minutesRef, setMinutesRef] = useState('');
  return (
    <WriteForm
      title={i18n.t('closeTitle')}
      submitLabel={i18n.t('closeAction')}
      class="close-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/consultations/${c.consultationId}/close`, {
            on,
            ...(minutesRef.trim() === '' ? {} : { minutesRef: minutesRef.trim() }),
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <TextField name="on" type="date" label={i18n.t('closeOn')} value={on} onValue={setOn} />
      <TextField
        name="minutesRef"
        label={`${i18n.t('minutesRef')} ${i18n.t('optional')}`}
        value={minutesRef}
        onValue={setMinutesRef}
      />
    </WriteForm>
  );
}

export function ConsultationsPage() {
  const i18n = useI18n();
  const me = useMe();
  const all = useRead<ReadAnswer & { consultations: Consultation[] }>('/v1/consultations', {}, (e) =>
    touchesKind(e, 'consultation'),
  );
  const officer = !me.forAnyAgency && !me.auditor;
  const title = officer
    ? i18n.t('consultationsOfAgency', { agency: i18n.agency(me.principal.agency) })
    : i18n.t('consultationsTitle');
  usePageTitle(title);
  const list = (all.data?.consultations ?? [])
    .filter((c) => !officer || takesPart(me, c))
    .slice()
    .reverse();
  return (
    <>
      <h1>{title}</h1>
      {me.may('ConveneConsultation') ? (
        <details class="card">
          <summary>{i18n.t('conveneTitle')}</summary>
          <ConveneForm />
        </details>
      ) : null}
      {all.data === null ? (
        <ReadState error={all.error} loading={all.loading} />
      ) : list.length === 0 ? (
        <p class="muted">{i18n.t('noConsultations')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="consultations">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('heldOn')}</th>
                <th scope="col">{i18n.t('consultationsTitle')}</th>
                <th scope="col">{i18n.t('convener')}</th>
                <th scope="col">{i18n.t('agenda')}</th>
                <th scope="col">{i18n.t('views')}</th>
                <th scope="col">{i18n.t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.consultationId}>
                  <td class="date">{i18n.date(c.heldOn, 'short')}</td>
                  <th scope="row">
                    <Link href={pagePath('consultation', { consultationId: c.consultationId })}>
                      {c.title === null ? c.consultationId : i18n.text(c.title)}
                    </Link>
                  </th>
                  <td>{c.convener === null ? null : <AgencyName code={c.convener} />}</td>
                  <td>{i18n.num(c.agenda.length)}</td>
                  <td>{i18n.num(c.views.length)}</td>
                  <td>
                    {c.closed === null ? i18n.t('open') : i18n.t('closed', { date: i18n.date(c.closed.on, 'short') })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ViewForm({
  c,
  issueTitle,
  onWritten,
}: {
  c: Consultation;
  issueTitle: (id: string) => string;
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const me = useMe();
  const [issueId, setIssueId] = useState('');
  const [agency, setAgency] = useState(me.forAnyAgency ? '' : me.principal.agency);
  const [stance, setStance] = useState('');
  const [summary, setSummary] = useState<Pair>(empty);
  const [conditionsLevel, setConditionsLevel] = useState('confidential');
  const [conditions, setConditions] = useState<Pair>(empty);
  const [laws, setLaws] = useState('');
  return (
    <WriteForm
      title={i18n.t('viewFormTitle')}
      class="view-form"
      onSubmit={async (write) => {
        const points = pairLines(conditions);
        const result = await write.submit(() =>
          apiWrite(`/v1/consultations/${c.consultationId}/views`, {
            issueId,
            agency,
            stance,
            summary,
            ...(points.length === 0 ? {} : { conditions: { level: conditionsLevel, value: points } }),
            domesticLawRefs: laws
              .split('\n')
              .map((l) => l.trim())
              .filter((l) => l !== ''),
          }),
        );
        if (result !== null) {
          setSummary(empty);
          setConditions(empty);
          setLaws('');
          onWritten(result);
        }
      }}
    >
      <SelectField
        name="issueId"
        label={i18n.t('issue')}
        value={issueId}
        onValue={setIssueId}
        placeholder={i18n.t('chooseIssue')}
        options={c.agenda.map((id) => ({ value: id, label: issueTitle(id) }))}
      />
      {me.forAnyAgency ? (
        <SelectField
          name="agency"
          label={i18n.t('agency')}
          value={agency}
          onValue={setAgency}
          placeholder={i18n.t('choose')}
          options={i18n.options('agency', c.participants)}
        />
      ) : (
        <TextField
          name="agency"
          label={i18n.t('agency')}
          value={i18n.name('agency', agency)}
          onValue={() => undefined}
          readOnly
        />
      )}
      <SelectField
        name="stance"
        label={i18n.t('stance')}
        value={stance}
        onValue={setStance}
        placeholder={i18n.t('chooseStance')}
        options={i18n.options('stance', vocabulary.stances)}
      />
      <BilingualField name="summary" label={i18n.t('summary')} value={summary} onValue={setSummary} />
      <SelectField
        name="conditions.level"
        label={i18n.t('classificationOf', { field: i18n.t('conditions') })}
        value={conditionsLevel}
        onValue={setConditionsLevel}
        options={['confidential', 'secret', 'top-secret'].map((l) => ({
          value: l,
          label: i18n.name('classification', l),
        }))}
      />
      <BilingualLinesField
        name="conditions"
        label={`${i18n.t('conditions')} ${i18n.t('optional')}`}
        value={conditions}
        onValue={setConditions}
      />
      <TextField
        name="domesticLawRefs"
        label={`${i18n.t('domesticLawRefs')} ${i18n.t('optional')}`}
        hint={i18n.t('onePerLine')}
        multiline
        value={laws}
        onValue={setLaws}
      />
    </WriteForm>
  );
}

function OutcomeForm({
  c,
  issueTitle,
  onWritten,
}: {
  c: Consultation;
  issueTitle: (id: string) => string;
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const [issueId, setIssueId] = useState('');
  const [outcome, setOutcome] = useState('');
  const [recommended, setRecommended] = useState('');
  const [summary, setSummary] = useState<Pair>(empty);
  const [supporting, setSupporting] = useState<string[]>([]);
  const [dissenting, setDissenting] = useState<string[]>([]);
  const participants = c.participants.map((a) => ({ value: a, label: i18n.agency(a) }));
  return (
    <WriteForm
      title={i18n.t('outcomeFormTitle')}
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/consultations/${c.consultationId}/outcomes`, {
            issueId,
            outcome,
            ...(recommended === '' ? {} : { recommendedStance: recommended }),
            summary,
            supporting,
            dissenting,
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <SelectField
        name="issueId"
        label={i18n.t('issue')}
        value={issueId}
        onValue={setIssueId}
        placeholder={i18n.t('chooseIssue')}
        options={c.agenda.map((id) => ({ value: id, label: issueTitle(id) }))}
      />
      <SelectField
        name="outcome"
        label={i18n.t('outcome')}
        value={outcome}
        onValue={setOutcome}
        placeholder={i18n.t('choose')}
        options={i18n.options('outcome', vocabulary.outcomes)}
      />
      <SelectField
        name="recommendedStance"
        label={i18n.t('recommendedStance')}
        value={recommended}
        onValue={setRecommended}
        placeholder={i18n.t('none')}
        options={i18n.options('stance', vocabulary.stances)}
      />
      <BilingualField name="summary" label={i18n.t('summary')} value={summary} onValue={setSummary} />
      <CheckboxesField
        name="supporting"
        label={i18n.t('supporting')}
        value={supporting}
        onValue={setSupporting}
        options={participants}
      />
      <CheckboxesField
        name="dissenting"
        label={i18n.t('dissenting')}
        value={dissenting}
        onValue={setDissenting}
        options={participants}
      />
    </WriteForm>
  );
}

function RetractForm({
  consultationId,
  targetEventId,
  onWritten,
}: {
  consultationId: string;
  targetEventId: string;
  onWritten: (r: WriteResult) => void;
}) {
  const i18n = useI18n();
  const [reason, setReason] = useState<Pair>(empty);
  return (
    <WriteForm
      title={i18n.t('retractTitle')}
      heading={false}
      submitLabel={i18n.t('retract')}
      class="retract-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite('/v1/retractions', { stream: { kind: 'consultation', id: consultationId }, targetEventId, reason }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <BilingualField name="reason" label={i18n.t('retractReason')} value={reason} onValue={setReason} />
    </WriteForm>
  );
}

function ViewsTable({ views, issueTitle }: { views: readonly AgencyView[]; issueTitle: (id: string) => string }) {
  const i18n = useI18n();
  if (views.length === 0) return <p class="muted">{i18n.t('none')}</p>;
  return (
    <div class="table-wrap">
      <table data-testid="views">
        <caption class="visually-hidden">{i18n.t('views')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('agency')}</th>
            <th scope="col">{i18n.t('issue')}</th>
            <th scope="col">{i18n.t('stance')}</th>
            <th scope="col">{i18n.t('summary')}</th>
            <th scope="col">{i18n.t('conditions')}</th>
            <th scope="col">{i18n.t('domesticLawRefs')}</th>
            <th scope="col">{i18n.t('recordedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {views.map((v) => (
            <tr key={v.eventId} data-event={v.eventId}>
              <th scope="row">
                <AgencyName code={v.agency} />
              </th>
              <td>
                <Link href={pagePath('issue', { issueId: v.issueId })}>{issueTitle(v.issueId)}</Link>
              </td>
              <td>
                <StanceBadge stance={v.stance} />
              </td>
              <td>
                <SourceMark source={v.source} /> {i18n.text(v.summary)}
              </td>
              <td>
                <ClassifiedList value={v.conditions} />
              </td>
              <td>
                {v.domesticLawRefs.length === 0 ? (
                  <span class="muted">{i18n.t('none')}</span>
                ) : (
                  v.domesticLawRefs.join('; ')
                )}
              </td>
              <td class="date">
                {i18n.dateTime(v.recordedAt)}
                <div class="muted">{i18n.name('attestation', v.attestation)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Outcomes({ outcomes, issueTitle }: { outcomes: readonly Outcome[]; issueTitle: (id: string) => string }) {
  const i18n = useI18n();
  if (outcomes.length === 0) return <p class="muted">{i18n.t('none')}</p>;
  return (
    <ul class="plain outcomes">
      {outcomes.map((o) => (
        <li key={o.eventId} class="card">
          <h3>
            <Link href={pagePath('issue', { issueId: o.issueId })}>{issueTitle(o.issueId)}</Link>
          </h3>
          <Dl
            rows={[
              [i18n.t('outcome'), i18n.name('outcome', o.outcome)],
              [i18n.t('recommendedStance'), <StanceBadge stance={o.recommendedStance} />],
              [i18n.t('summary'), i18n.text(o.summary)],
              [i18n.t('supporting'), <Agencies codes={o.supporting} />],
              [i18n.t('dissenting'), <Agencies codes={o.dissenting} />],
              ...(o.followUps.length === 0
                ? []
                : ([
                    [
                      i18n.t('followUps'),
                      <ul class="plain">
                        {o.followUps.map((f) => (
                          <li key={f.id}>
                            <AgencyName code={f.owner} />: {i18n.text(f.action)}
                            {f.due === undefined ? '' : ` · ${i18n.t('due', { date: i18n.date(f.due, 'short') })}`}
                          </li>
                        ))}
                      </ul>,
                    ],
                  ] as [string, preact.ComponentChildren][])),
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

export function ConsultationPage({ consultationId }: { consultationId: string }) {
  const i18n = useI18n();
  const me = useMe();
  const read = useRead<ReadAnswer & { consultation: Consultation }>(
    `/v1/consultations/${encodeURIComponent(consultationId)}`,
    {},
    (e) => touches(e, `consultation:${consultationId}`),
  );
  const positions = useRead<ReadAnswer & { positions: PositionView[] }>('/v1/positions', {}, (e) =>
    touchesKind(e, 'issue'),
  );
  const titles = new Map(
    (positions.data?.positions ?? []).map((p) => [
      p.issueId,
      p.issue === null ? p.issueId : `${p.issue.code} ${i18n.text(p.issue.title)}`,
    ]),
  );
  const issueTitle = (id: string) => titles.get(id) ?? id;
  const c = read.data?.consultation;
  usePageTitle(c?.title === null || c === undefined ? consultationId : i18n.text(c.title));
  if (c === undefined) {
    return (
      <>
        <h1>{consultationId}</h1>
        <ReadState error={read.error} loading={read.loading} />
      </>
    );
  }
  const written = (r: WriteResult) => read.reload(r.position.commit);
  const mine = me.principal.agency;
  const open = c.closed === null;
  const mayView = me.may('RecordAgencyView') && (me.forAnyAgency || c.participants.includes(mine as never));
  const mayOutcome = me.may('RecordConsultationOutcome') && (me.forAnyAgency || c.convener === mine);
  const mayClose = me.may('CloseConsultation') && (me.forAnyAgency || c.convener === mine);
  const myViews = c.views.filter((v) => v.agency === mine);
  return (
    <>
      <p class="breadcrumb">
        <Link href={pagePath('consultations')}>{i18n.t('navConsultations')}</Link>
      </p>
      <h1>{c.title === null ? consultationId : i18n.text(c.title)}</h1>
      <section class="card">
        <Dl
          rows={[
            [i18n.t('heldOn'), i18n.date(c.heldOn)],
            [i18n.t('convener'), c.convener === null ? '' : <AgencyName code={c.convener} />],
            [i18n.t('format'), i18n.name('format', c.format)],
            [i18n.t('participants'), <Agencies codes={c.participants} />],
            [
              i18n.t('agenda'),
              <ul class="plain">
                {c.agenda.map((id) => (
                  <li key={id}>
                    <Link href={pagePath('issue', { issueId: id })}>{issueTitle(id)}</Link>
                  </li>
                ))}
              </ul>,
            ],
            ...(c.documentRef === null ? [] : ([[i18n.t('documentRef'), c.documentRef]] as [string, string][])),
            ...(c.urgency === null || c.urgency === 'normal'
              ? []
              : ([[i18n.t('urgency'), i18n.name('urgency', c.urgency)]] as [string, string][])),
            [i18n.t('classification'), i18n.name('classification', c.classification ?? 'unclassified')],
            [i18n.t('status'), c.closed === null ? i18n.t('open') : i18n.t('closed', { date: i18n.date(c.closed.on) })],
          ]}
        />
      </section>
      <section class="card" aria-labelledby="views-title">
        <h2 id="views-title">{i18n.t('views')}</h2>
        <ViewsTable views={c.views} issueTitle={issueTitle} />
      </section>
      <section class="card" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{i18n.t('outcomes')}</h2>
        <Outcomes outcomes={c.outcomes} issueTitle={issueTitle} />
      </section>
      {me.may('RecordAgencyView') || me.may('RetractEntry') ? (
        <section class="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{i18n.t('myEntries', { agency: i18n.agency(mine) })}</h2>
          {myViews.length === 0 ? (
            <p class="muted">{i18n.t('noMyEntries')}</p>
          ) : (
            <ul class="plain my-entries" data-testid="my-entries">
              {myViews.map((v) => (
                <li key={v.eventId}>
                  <strong>{issueTitle(v.issueId)}</strong> · <StanceBadge stance={v.stance} /> {i18n.text(v.summary)}{' '}
                  <span class="muted">({i18n.dateTime(v.recordedAt)})</span>
                  {open && me.may('RetractEntry') ? (
                    <details>
                      <summary>{i18n.t('retractTitle')}</summary>
                      <RetractForm consultationId={c.consultationId} targetEventId={v.eventId} onWritten={written} />
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {!open && (mayView || mayOutcome) ? <p class="notice">{i18n.t('consultationClosedNote')}</p> : null}
      {open && mayView ? (
        <section class="card">
          <ViewForm c={c} issueTitle={issueTitle} onWritten={written} />
        </section>
      ) : null}
      {open && mayOutcome ? (
        <section class="card">
          <OutcomeForm c={c} issueTitle={issueTitle} onWritten={written} />
        </section>
      ) : null}
      {open && mayClose ? (
        <section class="card">
          <CloseForm c={c} onWritten={written} />
        </section>
      ) : null}
    </>
  );
}
