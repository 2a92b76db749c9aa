// Session briefs: chosen from the sessions of the demo data (until the API lists sessions), or by
// id; each laid out for A4 print with the classification marking at the top and bottom of every
// page, as Thai official documents carry it (the browser's "save as PDF" gives the document).
import { useEffect, useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { pagePath } from '../../pages.js';
import { AsOfPicker, asOfQuery, useAsOf } from '../components/as-of.js';
import { AgencyName, ClassifiedList, Dl, Link, ReadState, SourceMark, StanceBadge } from '../components/common.js';
import { usePageTitle } from '../components/layout.js';
import { useI18n } from '../i18n/i18n.js';
import { navigate } from '../router.js';
import { touchesKind } from '../live.js';
import { useRead } from '../state.js';
import { markingOf } from '../marking.js';
import type { BriefIssue, ReadAnswer, SessionBrief } from '../types.js';

export function BriefsPage() {
  const i18n = useI18n();
  const [id, setId] = useState('');
  usePageTitle(i18n.t('briefsTitle'));
  const byProcess = new Map<string, typeof vocabulary.demoSessions>();
  for (const s of vocabulary.demoSessions) byProcess.set(s.processId, [...(byProcess.get(s.processId) ?? []), s]);
  return (
    <>
      <h1>{i18n.t('briefsTitle')}</h1>
      <p>{i18n.t('briefsIntro')}</p>
      {[...byProcess].map(([processId, sessions]) => (
        <section key={processId} class="card" aria-labelledby={`process-${processId}`}>
          <h2 id={`process-${processId}`}>{processId}</h2>
          <ul class="plain sessions">
            {sessions.map((s) => (
              <li key={s.sessionId}>
                <Link href={pagePath('brief', { sessionId: s.sessionId })}>{i18n.text(s.title)}</Link> <span class="muted">({s.sessionId})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <form
        class="card inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim() !== '') navigate(pagePath('brief', { sessionId: id.trim() }));
        }}
      >
        <label class="inline">
          <span>{i18n.t('sessionId')}</span>
          <input type="text" name="sessionId" value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </label>
        <button type="submit">{i18n.t('openBrief')}</button>
      </form>
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
            [i18n.t('stance'), <><StanceBadge stance={v.stance} /> <span class="version">{i18n.t('version', { n: v.version })}</span></>],
            [i18n.t('summary'), i18n.text(v.summary)],
            [i18n.t('authority'), `${i18n.name('authority', v.authority)} · ${v.decisionRef} · ${i18n.date(v.effectiveFrom)}`],
            [i18n.t('flexibility'), i18n.name('flexibility', v.flexibility)],
            [i18n.t('redLines'), <ClassifiedList value={v.redLines} />],
            [i18n.t('fallbacks'), <ClassifiedList value={v.fallbacks} />],
            [i18n.t('allies'), item.allies.length === 0 ? <span class="muted">{i18n.t('none')}</span> : item.allies.join(', ')],
          ]}
        />
      )}
      {p.pendingDraft === null ? null : (
        <p class="pending">
          <strong>{i18n.t('pendingDraft')}</strong> ({i18n.t('version', { n: p.pendingDraft.version })}): <StanceBadge stance={p.pendingDraft.stance} /> {i18n.text(p.pendingDraft.summary)}
        </p>
      )}
      <h3>{i18n.t('disagreements')}</h3>
      {item.disagreements.length === 0 ? (
        <p class="muted">{i18n.t('noDisagreements')}</p>
      ) : (
        <ul class="plain">
          {item.disagreements.map((d) => (
            <li key={d.agency}>
              <AgencyName code={d.agency} />: <StanceBadge stance={d.stance} /> <SourceMark source={d.source} /> {i18n.text(d.summary)} {d.against === 'pending-draft' ? <span class="muted">{i18n.t('againstPending')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function BriefPage({ sessionId }: { sessionId: string }) {
  const i18n = useI18n();
  const asOf = useAsOf();
  const read = useRead<ReadAnswer & { brief: SessionBrief }>(`/v1/sessions/${encodeURIComponent(sessionId)}/brief`, asOfQuery(asOf), (e) => touchesKind(e, 'issue') || touchesKind(e, 'session'));
  const brief = read.data?.brief;
  const level = brief === undefined ? 'unclassified' : markingOf(brief);
  const marking = level === 'unclassified' ? null : i18n.name('classification', level);
  usePrintMarking(marking);
  usePageTitle(brief?.title === null || brief === undefined ? sessionId : `${i18n.t('briefFor')}: ${i18n.text(brief.title)}`);
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
      </div>
      <header class="brief-header">
        <p class="kicker">{i18n.t('briefFor')}</p>
        <h1>{brief.title === null ? sessionId : i18n.text(brief.title)}</h1>
        <Dl
          rows={[
            [i18n.t('venue'), venue === null ? '' : [venue.place, venue.city, venue.country].filter((x) => x !== undefined).join(', ')],
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
