// Session briefs: chosen from the list of sessions (GET /v1/sessions), beside the negotiations and
// their milestones; each brief laid out for A4 print with the classification marking at the top and bottom of every
// page, as Thai official documents carry it (the browser's "save as PDF" gives the document).
import { useEffect, useState } from 'preact/hooks';
import { pagePath } from '../../pages.js';
import { AsOfPicker, asOfQuery, useAsOf } from '../components/as-of.js';
import { AgencyName, ClassifiedList, Dl, Link, ReadState, SourceMark, StanceBadge } from '../components/common.js';
import { usePageTitle } from '../components/layout.js';
import { useI18n } from '../i18n/i18n.js';
import { setQuery, useLocation } from '../router.js';
import { touchesKind } from '../live.js';
import { useMe, useRead } from '../state.js';
import type { WriteResult } from '../api.js';
import { Disclosure } from '../components/form.js';
import {
  ConcludeForm,
  MilestoneForm,
  RegisterProcessForm,
  RescheduleForm,
  ScheduleSessionForm,
} from './session-forms.js';
import { markingOf } from '../marking.js';
import type { BriefIssue, Process, ReadAnswer, SessionBrief, SessionItem } from '../types.js';

const WHEN = ['upcoming', 'past'] as const;

/** One negotiation: its forum, mandate and milestones by date. */
function ProcessCard({ p }: { p: Process }) {
  const i18n = useI18n();
  const me = useMe();
  return (
    <li class="card" data-process={p.processId}>
      <h3>{i18n.text(p.title)}</h3>
      <Dl
        rows={[
          [i18n.t('forum'), p.forum],
          ...(p.mandate.length === 0 ? [] : ([[i18n.t('mandate'), p.mandate.join(', ')]] as [string, string][])),
          [i18n.t('agenda'), i18n.t('issuesCount', { n: p.issueIds.length })],
        ]}
      />
      <h4>{i18n.t('milestones')}</h4>
      {p.milestones.length === 0 ? (
        <p class="muted">{i18n.t('noMilestones')}</p>
      ) : (
        <ol class="plain milestones">
          {p.milestones.map((m) => (
            <li key={m.eventId}>
              <span class="date">{i18n.date(m.on)}</span> · <strong>{i18n.name('milestone', m.milestone)}</strong>
              {m.place === undefined ? '' : ` · ${m.place}`}
              {m.reference === undefined ? '' : ` · ${m.reference}`}
              {m.note === undefined ? '' : ` · ${i18n.text(m.note)}`}
            </li>
          ))}
        </ol>
      )}
      {me.may('RecordMilestone') ? (
        <Disclosure summary={i18n.t('milestoneTitle')}>{() => <MilestoneForm processId={p.processId} />}</Disclosure>
      ) : null}
    </li>
  );
}

/**
 * The sessions (GET /v1/sessions: by process, upcoming or past, venue), each leading to its brief,
 * and the negotiations with their milestones (GET /v1/processes).
 */
export function BriefsPage() {
  const i18n = useI18n();
  const me = useMe();
  const { query } = useLocation();
  usePageTitle(i18n.t('sessionsTitle'));
  const processId = query.get('processId') ?? '';
  const when = query.get('when') ?? '';
  const venue = query.get('venue') ?? '';
  const [place, setPlace] = useState(venue);
  const sessions = useRead<ReadAnswer & { sessions: SessionItem[] }>(
    '/v1/sessions',
    { processId: processId || undefined, when: when || undefined, venue: venue.trim() || undefined },
    (e) => touchesKind(e, 'session'),
  );
  const processes = useRead<ReadAnswer & { processes: Process[] }>(
    '/v1/processes',
    {},
    (e) => touchesKind(e, 'process') || touchesKind(e, 'session'),
  );
  const titles = new Map((processes.data?.processes ?? []).map((p) => [p.processId, i18n.text(p.title)]));
  const list = sessions.data?.sessions ?? [];
  const shownProcesses = (processes.data?.processes ?? []).filter((p) => processId === '' || p.processId === processId);
  return (
    <>
      <h1>{i18n.t('sessionsTitle')}</h1>
      <p>{i18n.t('briefsIntro')}</p>
      <form
        class="filters"
        role="search"
        aria-label={i18n.t('sessionsFilter')}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ venue: place.trim() || undefined });
        }}
      >
        <label class="inline">
          <span>{i18n.t('process')}</span>
          <select
            name="processId"
            value={processId}
            onChange={(e) => setQuery({ processId: e.currentTarget.value || undefined })}
          >
            <option value="">{i18n.t('all')}</option>
            {(processes.data?.processes ?? []).map((p) => (
              <option key={p.processId} value={p.processId}>
                {i18n.text(p.title)}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <span>{i18n.t('when')}</span>
          <select name="when" value={when} onChange={(e) => setQuery({ when: e.currentTarget.value || undefined })}>
            <option value="">{i18n.t('all')}</option>
            {WHEN.map((w) => (
              <option key={w} value={w}>
                {i18n.t(w)}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <span>{i18n.t('venueContains')}</span>
          <input
            type="text"
            name="venue"
            value={place}
            onInput={(e) => setPlace(e.currentTarget.value)}
            onChange={(e) => setQuery({ venue: e.currentTarget.value.trim() || undefined })}
          />
        </label>
        <button type="submit">{i18n.t('applyFilters')}</button>
      </form>
      {me.may('ScheduleSession') ? (
        <div class="card forms">
          <Disclosure summary={i18n.t('scheduleTitle')}>{() => <ScheduleSessionForm />}</Disclosure>
          {me.may('RegisterProcess') ? (
            <Disclosure summary={i18n.t('registerProcessTitle')}>{() => <RegisterProcessForm />}</Disclosure>
          ) : null}
        </div>
      ) : null}
      {sessions.data === null ? (
        <ReadState error={sessions.error} loading={sessions.loading} />
      ) : list.length === 0 ? (
        <p class="muted">{i18n.t('noSessions')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="sessions">
            <caption class="visually-hidden">{i18n.t('sessionsOf')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('dates')}</th>
                <th scope="col">{i18n.t('session')}</th>
                <th scope="col">{i18n.t('process')}</th>
                <th scope="col">{i18n.t('venue')}</th>
                <th scope="col">{i18n.t('sessionStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.sessionId} data-session={s.sessionId}>
                  <td class="date">
                    {i18n.date(s.from, 'short')} – {i18n.date(s.to, 'short')}
                  </td>
                  <th scope="row">
                    <Link href={pagePath('brief', { sessionId: s.sessionId })}>{i18n.text(s.title)}</Link>
                  </th>
                  <td>{titles.get(s.processId) ?? s.processId}</td>
                  <td>{[s.venue.place, s.venue.city, s.venue.country].filter((x) => x !== undefined).join(', ')}</td>
                  <td>
                    {i18n.name('sessionStatus', s.status)}
                    {s.concluded === null ? null : (
                      <div class="muted">
                        {i18n.t('concludedAs', { result: i18n.name('sessionResult', s.concluded.result) })}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="processes-title">
        <h2 id="processes-title">{i18n.t('processesTitle')}</h2>
        {processes.data === null ? (
          <ReadState error={processes.error} loading={processes.loading} />
        ) : (
          <ul class="plain processes" data-testid="processes">
            {shownProcesses.map((p) => (
              <ProcessCard key={p.processId} p={p} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/**
 * The marking in the printed page's top and bottom margins, on every page: a constructed
 * stylesheet with @page margin boxes (its text depends on the brief, so it cannot be in app.css;
 * CSSOM is not inline style, so the policy allows it).
 */
function usePrintMarking(text: string | null): void {
  useEffect(() => {
    if (text === null) return;
    const sheet = new CSSStyleSheet();
    const quoted = JSON.stringify(text);
    sheet.replaceSync(`@page { @top-center { content: ${quoted}; } @bottom-center { content: ${quoted}; } }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [text]);
}

function BriefIssueSection({ item }: { item: BriefIssue }) {
  const i18n = useI18n();
  const p = item.position;
  const v = p.inForce;
  return (
    <section class="brief-issue" aria-labelledby={`brief-${item.issueId}`}>
      <h2 id={`brief-${item.issueId}`}>
        <span class="code">{p.issue?.code}</span> {p.issue === null ? item.issueId : i18n.text(p.issue.title)}
      </h2>
      {v === null ? (
        <p class="muted">{i18n.t('noPositionInForce')}</p>
      ) : (
        <Dl
          rows={[
            [
              i18n.t('stance'),
              <>
                <StanceBadge stance={v.stance} /> <span class="version">{i18n.t('version', { n: v.version })}</span>
              </>,
            ],
            [i18n.t('summary'), i18n.text(v.summary)],
            [
              i18n.t('authority'),
              `${i18n.name('authority', v.authority)} · ${v.decisionRef} · ${i18n.date(v.effectiveFrom)}`,
            ],
            [i18n.t('flexibility'), i18n.name('flexibility', v.flexibility)],
            [i18n.t('redLines'), <ClassifiedList value={v.redLines} />],
            [i18n.t('fallbacks'), <ClassifiedList value={v.fallbacks} />],
            [
              i18n.t('allies'),
              item.allies.length === 0 ? <span class="muted">{i18n.t('none')}</span> : item.allies.join(', '),
            ],
          ]}
        />
      )}
      {p.pendingDraft === null ? null : (
        <p class="pending">
          <strong>{i18n.t('pendingDraft')}</strong> ({i18n.t('version', { n: p.pendingDraft.version })}):{' '}
          <StanceBadge stance={p.pendingDraft.stance} /> {i18n.text(p.pendingDraft.summary)}
        </p>
      )}
      <h3>{i18n.t('disagreements')}</h3>
      {item.disagreements.length === 0 ? (
        <p class="muted">{i18n.t('noDisagreements')}</p>
      ) : (
        <ul class="plain">
          {item.disagreements.map((d) => (
            <li key={d.agency}>
              <AgencyName code={d.agency} />: <StanceBadge stance={d.stance} /> <SourceMark source={d.source} />{' '}
              {i18n.text(d.summary)}{' '}
              {d.against === 'pending-draft' ? <span class="muted">{i18n.t('againstPending')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function BriefPage({ sessionId }: { sessionId: string }) {
  const i18n = useI18n();
  const me = useMe();
  const asOf = useAsOf();
  const read = useRead<ReadAnswer & { brief: SessionBrief }>(
    `/v1/sessions/${encodeURIComponent(sessionId)}/brief`,
    asOfQuery(asOf),
    (e) => touchesKind(e, 'issue') || touchesKind(e, 'session'),
  );
  const brief = read.data?.brief;
  const written = (r: WriteResult) => read.reload(r.position.commit);
  const level = brief === undefined ? 'unclassified' : markingOf(brief);
  const marking = level === 'unclassified' ? null : i18n.name('classification', level);
  usePrintMarking(marking);
  usePageTitle(
    brief?.title === null || brief === undefined ? sessionId : `${i18n.t('briefFor')}: ${i18n.text(brief.title)}`,
  );
  if (brief === undefined || read.data === null) {
    return (
      <>
        <h1>{sessionId}</h1>
        <ReadState error={read.error} loading={read.loading} />
      </>
    );
  }
  const venue = brief.venue;
  return (
    <article class="brief" data-testid="brief" data-marking={level}>
      {marking === null ? null : (
        <p class="marking marking-top" data-testid="marking-top">
          {marking}
        </p>
      )}
      <div class="no-print">
        <p class="breadcrumb">
          <Link href={pagePath('briefs')}>{i18n.t('navBriefs')}</Link>
        </p>
        <AsOfPicker />
        <button type="button" class="primary" onClick={() => window.print()}>
          {i18n.t('print')}
        </button>
        {asOf.asOf === undefined && (me.may('RescheduleSession') || me.may('ConcludeSession')) ? (
          <section class="card forms" aria-label={i18n.t('session')}>
            {me.may('RescheduleSession') ? (
              <Disclosure summary={i18n.t('rescheduleTitle')}>
                {() => <RescheduleForm sessionId={sessionId} onWritten={written} />}
              </Disclosure>
            ) : null}
            {me.may('ConcludeSession') ? (
              <Disclosure summary={i18n.t('concludeTitle')}>
                {() => <ConcludeForm sessionId={sessionId} onWritten={written} />}
              </Disclosure>
            ) : null}
          </section>
        ) : null}
      </div>
      <header class="brief-header">
        <p class="kicker">{i18n.t('briefFor')}</p>
        <h1>{brief.title === null ? sessionId : i18n.text(brief.title)}</h1>
        <Dl
          rows={[
            [
              i18n.t('venue'),
              venue === null ? '' : [venue.place, venue.city, venue.country].filter((x) => x !== undefined).join(', '),
            ],
            [i18n.t('dates'), `${i18n.date(brief.from)} – ${i18n.date(brief.to)}`],
            [i18n.t('positionsAsOf'), i18n.dateTime(brief.positionsAsOf)],
          ]}
        />
      </header>
      {brief.issues.map((item) => (
        <BriefIssueSection key={item.issueId} item={item} />
      ))}
      <footer class="brief-footer muted">{i18n.t('preparedAt', { date: i18n.dateTime(read.data.asOf) })}</footer>
      {marking === null ? null : (
        <p class="marking marking-bottom" data-testid="marking-bottom">
          {marking}
        </p>
      )}
    </article>
  );
}
