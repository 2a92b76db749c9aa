// Search the ledger's texts in Thai or English without knowing an id (GET /v1/search): titles,
// summaries, views, outcomes, statements, matched anywhere inside a word ("เขตอำนาจ"), ranked. Each
// hit links to its issue, consultation, session or negotiation; a classified text the reader may
// read is marked with its level (texts above the reader's clearance never match: ADR 0039).
import { pagePath } from '../../pages.js';
import { Link, ReadState } from '../components/common.js';
import { usePageTitle } from '../components/layout.js';
import { useI18n } from '../i18n/i18n.js';
import { valueNames } from '../i18n/messages.js';
import { touchesKind } from '../live.js';
import { setQuery, useLocation } from '../router.js';
import { useRead } from '../state.js';
import type { Consultation, IssueListItem, Process, ReadAnswer, SearchHit, SessionItem } from '../types.js';

const PAGE = 20;
/** GET /v1/search refuses fewer characters (src/read/search-index.ts MIN_QUERY_LENGTH). */
const MIN_LENGTH = 2;

/** The snippet with its match (between [ and ]) marked. */
function Snippet({ text }: { text: string }) {
  const m = /\[([^\]]+)\]/.exec(text);
  if (m === null) return <>{text}</>;
  return (
    <>
      {text.slice(0, m.index)}
      <mark>{m[1]}</mark>
      {text.slice(m.index + m[0].length)}
    </>
  );
}

export function SearchPage() {
  const i18n = useI18n();
  const { query } = useLocation();
  const q = (query.get('q') ?? '').trim();
  const kind = query.get('kind') ?? '';
  const offset = Number(query.get('offset') ?? '0') || 0;
  const long = [...q].length >= MIN_LENGTH;
  usePageTitle(q === '' ? i18n.t('searchTitle') : i18n.t('searchFor', { q }));
  const hits = useRead<ReadAnswer & { hits: SearchHit[]; next: number | null }>(
    long ? '/v1/search' : null,
    { q, kind: kind || undefined, offset: offset === 0 ? undefined : String(offset), limit: String(PAGE) },
    (e) => e === 'reset' || e.keys.length > 0,
  );
  const found = hits.data?.hits ?? [];
  const needs = (k: string) => found.some((h) => h.subject.kind === k);
  // Names of what the hits are about, read only when a hit needs them.
  const issues = useRead<ReadAnswer & { issues: IssueListItem[] }>(found.length > 0 ? '/v1/issues' : null, {}, (e) =>
    touchesKind(e, 'issue'),
  );
  const consultations = useRead<ReadAnswer & { consultations: Consultation[] }>(
    needs('consultation') ? '/v1/consultations' : null,
    {},
    (e) => touchesKind(e, 'consultation'),
  );
  const sessions = useRead<ReadAnswer & { sessions: SessionItem[] }>(
    needs('session') ? '/v1/sessions' : null,
    {},
    (e) => touchesKind(e, 'session'),
  );
  const processes = useRead<ReadAnswer & { processes: Process[] }>(needs('process') ? '/v1/processes' : null, {}, (e) =>
    touchesKind(e, 'process'),
  );

  const link = (h: SearchHit): { href: string; label: string } => {
    const id = h.subject.id;
    switch (h.subject.kind) {
      case 'consultation': {
        const c = consultations.data?.consultations.find((x) => x.consultationId === id);
        return { href: pagePath('consultation', { consultationId: id }), label: c?.title ? i18n.text(c.title) : id };
      }
      case 'session': {
        const s = sessions.data?.sessions.find((x) => x.sessionId === id);
        return { href: pagePath('brief', { sessionId: id }), label: s === undefined ? id : i18n.text(s.title) };
      }
      case 'process': {
        const p = processes.data?.processes.find((x) => x.processId === id);
        return {
          href: `${pagePath('briefs')}?processId=${encodeURIComponent(id)}`,
          label: p === undefined ? id : i18n.text(p.title),
        };
      }
      default: {
        const issueId = h.issueId ?? id;
        const i = issues.data?.issues.find((x) => x.issueId === issueId);
        return {
          href: pagePath('issue', { issueId }),
          label: i?.title ? `${i.code ?? ''} ${i18n.text(i.title)}`.trim() : issueId,
        };
      }
    }
  };
  // Where in the entry the text is, when the workspace has a name for it.
  const fieldName = (field: string) => {
    const base = field.split(/[.[]/)[0] ?? field;
    const name = i18n.name('changedField', base);
    return name === base ? '' : ` · ${i18n.t('searchField')}: ${name}`;
  };

  return (
    <>
      <h1>{q === '' ? i18n.t('searchTitle') : i18n.t('searchFor', { q })}</h1>
      <form class="filters" aria-label={i18n.t('filters')} onSubmit={(e) => e.preventDefault()}>
        <label class="inline">
          <span>{i18n.t('searchKind')}</span>
          <select
            name="kind"
            value={kind}
            onChange={(e) => setQuery({ kind: e.currentTarget.value || undefined, offset: undefined })}
          >
            <option value="">{i18n.t('all')}</option>
            {Object.keys(valueNames.searchKind).map((k) => (
              <option key={k} value={k}>
                {i18n.name('searchKind', k)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {!long ? (
        <p class="muted">{i18n.t('searchTooShort', { n: MIN_LENGTH })}</p>
      ) : hits.data === null ? (
        <ReadState error={hits.error} loading={hits.loading} />
      ) : found.length === 0 ? (
        <p class="muted" role="status">
          {i18n.t('searchNone')}
        </p>
      ) : (
        <>
          <p class="count" role="status">
            {i18n.t('searchHits', { from: offset + 1, to: offset + found.length })}
          </p>
          <ol class="plain search-hits" data-testid="search-hits" start={offset + 1}>
            {found.map((h) => {
              const to = link(h);
              return (
                <li key={`${h.eventId}-${h.field}-${h.lang}`} class="card hit" data-kind={h.subject.kind} lang={h.lang}>
                  <div class="hit-head">
                    <span class="kind">{i18n.name('searchKind', h.subject.kind)}</span>{' '}
                    <Link href={to.href}>{to.label}</Link>
                    {h.level === 'unclassified' ? null : (
                      <span class="hit-level" data-level={h.level}>
                        {i18n.t('classifiedHit', { level: i18n.name('classification', h.level) })}
                      </span>
                    )}
                  </div>
                  <p class="snippet">
                    <Snippet text={h.snippet} />
                  </p>
                  <div class="muted" lang={i18n.lang}>
                    {i18n.name('eventType', h.type)}
                    {fieldName(h.field)} · {i18n.date(h.validAt)}
                  </div>
                </li>
              );
            })}
          </ol>
          <div class="pager">
            {offset > 0 ? (
              <button type="button" onClick={() => setQuery({ offset: undefined })}>
                {i18n.t('firstPage')}
              </button>
            ) : null}
            {hits.data.next === null ? null : (
              <button type="button" onClick={() => setQuery({ offset: String(hits.data?.next ?? 0) })}>
                {i18n.t('nextPage')}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}
