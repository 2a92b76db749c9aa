// What changed since a date or since the reader's last visit (GET /v1/changes), across every issue,
// newest first, updated live: a ledger event the read side applies makes the page read what came
// after the last entry it holds, and shows it on top, marked new. "Since my last visit" is the log
// position this browser saw last time (localStorage, per principal: a bookmark, not a secret).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { pagePath } from '../../pages.js';
import { apiGet } from '../api.js';
import { AgencyName, ClassifiedList, Dl, Link, ReadState, SourceMark, StanceBadge } from '../components/common.js';
import { DateInput, YearReadNote, useYearRead } from '../components/date-input.js';
import { usePageTitle } from '../components/layout.js';
import { todayInBangkok } from '../i18n/format.js';
import { useI18n, type I18n } from '../i18n/i18n.js';
import { valueNames } from '../i18n/messages.js';
import { useLive, useMe, useRead } from '../state.js';
import type { Bilingual, ChangeEntry, Classified, IssueListItem, Process, ReadAnswer } from '../types.js';
import { Changes } from './issue.js';

/** Without an earlier visit, the feed starts this many days back. */
const FIRST_VISIT_DAYS = 7;
const PAGE = 200;
/** At most this many pages at once: beyond, the reader narrows the filters. */
const MAX_PAGES = 10;
const SETTLE_MS = 200;

interface Visit {
  /** The log position the feed had reached (entries after it are new). */
  readonly position: string;
  readonly at: string;
}

type ChangesAnswer = ReadAnswer & { changes: ChangeEntry[]; next: string | null };

const visitKey = (principalId: string) => `pl.changes.lastVisit.${principalId}`;

function loadVisit(principalId: string): Visit | null {
  try {
    const raw = window.localStorage.getItem(visitKey(principalId));
    if (raw === null) return null;
    const v = JSON.parse(raw) as Partial<Visit>;
    return typeof v.position === 'string' && typeof v.at === 'string' ? { position: v.position, at: v.at } : null;
  } catch {
    return null;
  }
}

function saveVisit(principalId: string, visit: Visit): void {
  try {
    window.localStorage.setItem(visitKey(principalId), JSON.stringify(visit));
  } catch {
    // A browser that keeps nothing: every visit is a first one.
  }
}

function daysBefore(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - n)).toISOString().slice(0, 10);
}

const cursorOf = (e: ChangeEntry) => `${e.position.commit}/${e.position.prepare}`;

function isBilingual(v: unknown): v is Bilingual {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Bilingual).th === 'string' &&
    typeof (v as Bilingual).en === 'string'
  );
}

function isClassified(v: unknown): v is Classified<readonly Bilingual[]> {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { level?: unknown }).level === 'string' &&
    ('redacted' in v || 'value' in v)
  );
}

/** The entry's own words: its summary, title, reason or action, in the reader's language. */
function wordsOf(e: ChangeEntry, i18n: I18n): string {
  for (const field of ['summary', 'title', 'reason', 'action', 'note']) {
    const v = e.data[field];
    if (isBilingual(v)) return i18n.text(v);
  }
  return '';
}

interface Feed {
  /** Newest first. */
  readonly entries: readonly ChangeEntry[];
  /** Event ids that arrived live while the page was open. */
  readonly fresh: ReadonlySet<string>;
  readonly more: boolean;
  readonly loading: boolean;
  readonly error: unknown;
}

/**
 * The feed for a query: every page up to MAX_PAGES, then what comes after the last entry whenever
 * the live stream says the read side applied something. `onTail` hears the log position reached.
 */
function useFeed(query: Record<string, string | undefined>, onTail: (position: string) => void): Feed {
  const live = useLive();
  const [feed, setFeed] = useState<Feed>({ entries: [], fresh: new Set(), more: false, loading: true, error: null });
  const key = JSON.stringify(query);
  const tail = useRef<string | undefined>(undefined);
  const seq = useRef(0);
  // A `reset` from the live stream (too far behind to catch up event by event) reads everything again.
  const [generation, setGeneration] = useState(0);
  const onTailRef = useRef(onTail);
  onTailRef.current = onTail;

  /** Reads every page after `after`; entries in record order, and the position reached. */
  const readFrom = async (
    after: string | undefined,
  ): Promise<{ entries: ChangeEntry[]; tail: string | undefined; more: boolean }> => {
    const entries: ChangeEntry[] = [];
    let cursor = after;
    let reached = after;
    for (let n = 0; n < MAX_PAGES; n++) {
      const page = await apiGet<ChangesAnswer>('/v1/changes', { ...query, after: cursor, limit: String(PAGE) });
      entries.push(...page.changes);
      const last = page.changes.at(-1);
      if (last !== undefined) reached = cursorOf(last);
      if (page.next === null) {
        // The end of what the read side holds: the next read starts after its position.
        if (page.position !== null) reached = page.position;
        return { entries, tail: reached, more: false };
      }
      cursor = page.next;
      reached = page.next;
    }
    return { entries, tail: reached, more: true };
  };

  useEffect(() => {
    const mine = ++seq.current;
    tail.current = undefined;
    setFeed({ entries: [], fresh: new Set(), more: false, loading: true, error: null });
    readFrom(undefined).then(
      (r) => {
        if (mine !== seq.current) return;
        tail.current = r.more ? undefined : r.tail;
        setFeed({ entries: r.entries.reverse(), fresh: new Set(), more: r.more, loading: false, error: null });
        if (r.tail !== undefined && !r.more) onTailRef.current(r.tail);
      },
      (error: unknown) => {
        if (mine === seq.current) setFeed({ entries: [], fresh: new Set(), more: false, loading: false, error });
      },
    );
  }, [key, generation]);

  useEffect(() => {
    let timer: number | undefined;
    let running = false;
    const catchUp = async () => {
      const mine = seq.current;
      const after = tail.current;
      // Still loading, or more than a page holds: nothing to add on top.
      if (after === undefined || running) return;
      running = true;
      try {
        const r = await readFrom(after);
        if (mine !== seq.current || r.entries.length === 0) {
          if (mine === seq.current && r.tail !== undefined) tail.current = r.tail;
          return;
        }
        tail.current = r.tail;
        setFeed((f) => {
          const known = new Set(f.entries.map((e) => e.eventId));
          const added = r.entries.filter((e) => !known.has(e.eventId)).reverse();
          return {
            ...f,
            entries: [...added, ...f.entries],
            fresh: new Set([...f.fresh, ...added.map((e) => e.eventId)]),
          };
        });
        if (r.tail !== undefined) onTailRef.current(r.tail);
      } catch {
        // The next live event tries again.
      } finally {
        running = false;
      }
    };
    const stop = live.subscribe((event) => {
      if (event === 'reset') {
        setGeneration((g) => g + 1);
        return;
      }
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        void catchUp();
      }, SETTLE_MS);
    });
    return () => {
      stop();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [live, key]);

  return feed;
}

function SubjectLink({ e, issues }: { e: ChangeEntry; issues: ReadonlyMap<string, IssueListItem> }) {
  const i18n = useI18n();
  const s = e.subject;
  const title = e.data['title'];
  if (s.issueId !== undefined) {
    const issue = issues.get(s.issueId);
    return (
      <Link href={pagePath('issue', { issueId: s.issueId })}>
        {issue?.code ? `${issue.code} ` : ''}
        {issue?.title ? i18n.text(issue.title) : s.issueId}
      </Link>
    );
  }
  if (s.consultationId !== undefined) {
    return (
      <Link href={pagePath('consultation', { consultationId: s.consultationId })}>
        {isBilingual(title) ? i18n.text(title) : i18n.t('openConsultation')}
      </Link>
    );
  }
  if (s.sessionId !== undefined)
    return (
      <Link href={pagePath('brief', { sessionId: s.sessionId })}>
        {isBilingual(title) ? i18n.text(title) : `${i18n.t('session')} ${s.sessionId}`}
      </Link>
    );
  if (s.processId !== undefined)
    return (
      <Link href={`${pagePath('briefs')}?processId=${encodeURIComponent(s.processId)}`}>
        {isBilingual(title) ? i18n.text(title) : s.processId}
      </Link>
    );
  return null;
}

function ChangeItem({
  e,
  fresh,
  issues,
}: {
  e: ChangeEntry;
  fresh: boolean;
  issues: ReadonlyMap<string, IssueListItem>;
}) {
  const i18n = useI18n();
  const d = e.data;
  // Classified lists: redacted ones always say so; shown ones when no field-by-field change table lists them.
  const noTable = e.changes === undefined || e.changes.length === 0;
  const classified = (['redLines', 'fallbacks', 'conditions'] as const).filter((f) => {
    const v = d[f];
    return isClassified(v) && ('redacted' in v || (noTable && v.value.length > 0));
  });
  const agency = typeof d['agency'] === 'string' ? d['agency'] : null;
  return (
    <li class={`change card${fresh ? ' fresh' : ''}`} data-kind={e.kind} data-event={e.eventId}>
      <div class="change-head">
        {fresh ? <span class="badge-new">{i18n.t('newLive')}</span> : null}
        <strong>{i18n.name('changeKind', e.kind)}</strong>
        <span class="change-subject">
          <SubjectLink e={e} issues={issues} />
        </span>
        {typeof d['version'] === 'number' ? (
          <span class="version">{i18n.t('version', { n: d['version'] })}</span>
        ) : null}
      </div>
      <div class="change-body">
        {agency === null ? null : (
          <>
            <AgencyName code={agency} />{' '}
          </>
        )}
        {typeof d['stance'] === 'string' ? (
          <>
            <StanceBadge stance={d['stance']} />{' '}
          </>
        ) : null}
        {typeof d['authority'] === 'string'
          ? `${i18n.name('authority', d['authority'])} · ${String(d['decisionRef'] ?? '')} `
          : null}
        {typeof d['outcome'] === 'string' ? `${i18n.name('outcome', d['outcome'])} · ` : null}
        {typeof d['status'] === 'string' && e.kind === 'issue' ? `${i18n.name('textStatus', d['status'])} · ` : null}
        {typeof d['milestone'] === 'string' ? `${i18n.name('milestone', d['milestone'])} · ` : null}
        <SourceMark source={e.source} /> {wordsOf(e, i18n)}
        {e.retracts === undefined ? null : (
          <div class="muted">{i18n.t('retractsEntry', { type: i18n.name('eventType', e.retracts.type ?? '') })}</div>
        )}
      </div>
      {classified.length === 0 ? null : (
        <Dl
          rows={classified.map((f): [string, preact.ComponentChildren] => [
            i18n.t(f === 'conditions' ? 'conditions' : f),
            <ClassifiedList value={d[f] as Classified<readonly Bilingual[]>} />,
          ])}
        />
      )}
      {e.changes === undefined || e.changes.length === 0 ? null : (
        <Changes entry={{ changes: e.changes, comparedWith: e.comparedWith ?? null }} />
      )}
      <div class="change-meta muted">
        {i18n.t('changedBy', { agency: i18n.agency(e.actor.agency), role: i18n.name('role', e.actor.role) })} ·{' '}
        {i18n.t('recordedAt')} {i18n.dateTime(e.recordedAt)} · {i18n.t('validAt')} {i18n.date(e.validAt)}
      </div>
    </li>
  );
}

export function ChangesPage() {
  const i18n = useI18n();
  const me = useMe();
  usePageTitle(i18n.t('changesTitle'));
  // The visit before this one, read once: this visit's position is stored as the page reads.
  const [previous] = useState(() => loadVisit(me.principal.id));
  const [mode, setMode] = useState<'visit' | 'date'>(previous === null ? 'date' : 'visit');
  const [since, setSince] = useState(() => daysBefore(todayInBangkok(), FIRST_VISIT_DAYS));
  const [until, setUntil] = useState('');
  const [sinceRead, setSinceRead] = useYearRead();
  const [untilRead, setUntilRead] = useYearRead();
  const [axis, setAxis] = useState<'recorded' | 'valid'>('recorded');
  const [processId, setProcessId] = useState('');
  const [issueId, setIssueId] = useState('');
  const [agency, setAgency] = useState('');
  const [kind, setKind] = useState('');
  const processes = useRead<ReadAnswer & { processes: Process[] }>('/v1/processes', {}, () => false);
  const issueList = useRead<ReadAnswer & { issues: IssueListItem[] }>(
    '/v1/issues',
    {},
    (e) => e === 'reset' || e.type === 'IssueRegistered' || e.type === 'IssueRetitled',
  );
  const issues = useMemo(() => new Map((issueList.data?.issues ?? []).map((i) => [i.issueId, i])), [issueList.data]);

  const query = {
    since: mode === 'visit' && previous !== null ? previous.position : since === '' ? undefined : since,
    until: until === '' ? undefined : until,
    axis,
    processId: processId || undefined,
    issueId: issueId || undefined,
    agency: agency || undefined,
    kind: kind || undefined,
  };
  const feed = useFeed(query, (position) => saveVisit(me.principal.id, { position, at: new Date().toISOString() }));
  const kinds = Object.keys(valueNames.changeKind);

  return (
    <>
      <h1>{i18n.t('changesTitle')}</h1>
      <form class="filters card" role="search" aria-label={i18n.t('filters')} onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{i18n.t('changesSince')}</legend>
          <div class="as-of-row">
            {previous === null ? null : (
              <label class="inline">
                <input
                  type="radio"
                  name="sinceMode"
                  value="visit"
                  checked={mode === 'visit'}
                  onChange={() => setMode('visit')}
                />
                <span>{i18n.t('sinceLastVisit')}</span>
              </label>
            )}
            <label class="inline">
              <input
                type="radio"
                name="sinceMode"
                value="date"
                checked={mode === 'date'}
                onChange={() => setMode('date')}
              />
              <span>{i18n.t('sinceDate')}</span>
            </label>
            <label class="inline">
              <span>{i18n.t('from')}</span>
              <DateInput
                name="since"
                value={since}
                max={todayInBangkok()}
                disabled={mode === 'visit'}
                onValue={setSince}
                onYearRead={setSinceRead}
              />
            </label>
            <label class="inline">
              <span>{i18n.t('untilDate')}</span>
              <DateInput name="until" value={until} onValue={setUntil} onYearRead={setUntilRead} />
            </label>
            <label class="inline">
              <span>{i18n.t('clock')}</span>
              <select
                name="axis"
                value={axis}
                onChange={(e) => setAxis(e.currentTarget.value === 'valid' ? 'valid' : 'recorded')}
              >
                <option value="recorded">{i18n.t('clockRecorded')}</option>
                <option value="valid">{i18n.t('clockValid')}</option>
              </select>
            </label>
          </div>
          <p class="as-of-showing" data-testid="changes-since">
            {previous === null
              ? i18n.t('firstVisit', { n: FIRST_VISIT_DAYS })
              : i18n.t('lastVisitAt', { date: i18n.dateTime(previous.at) })}
          </p>
          <YearReadNote read={sinceRead} value={since} />
          <YearReadNote read={untilRead} value={until} />
        </fieldset>
        <label class="inline">
          <span>{i18n.t('process')}</span>
          <select name="processId" value={processId} onChange={(e) => setProcessId(e.currentTarget.value)}>
            <option value="">{i18n.t('all')}</option>
            {(processes.data?.processes ?? []).map((p) => (
              <option key={p.processId} value={p.processId}>
                {i18n.text(p.title)}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <span>{i18n.t('issue')}</span>
          <select name="issueId" value={issueId} onChange={(e) => setIssueId(e.currentTarget.value)}>
            <option value="">{i18n.t('all')}</option>
            {[...issues.values()].map((i) => (
              <option key={i.issueId} value={i.issueId}>
                {`${i.code ?? ''} ${i.title === null ? i.issueId : i18n.text(i.title)}`.trim()}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <span>{i18n.t('agency')}</span>
          <select name="agency" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
            <option value="">{i18n.t('all')}</option>
            {vocabulary.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {i18n.name('agency', a.id)}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <span>{i18n.t('changeKind')}</span>
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">{i18n.t('all')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {i18n.name('changeKind', k)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {feed.loading || feed.error !== null ? (
        <ReadState error={feed.error} loading={feed.loading} />
      ) : (
        <>
          <p class="count" role="status">
            {i18n.t('changesShown', { n: feed.entries.length })} · {i18n.t('liveFeedNote')}
          </p>
          {feed.more ? <p class="notice">{i18n.t('changesMore')}</p> : null}
          {feed.entries.length === 0 ? <p class="muted">{i18n.t('noChanges')}</p> : null}
          <ol class="plain changes-feed" data-testid="changes">
            {feed.entries.map((e) => (
              <ChangeItem key={e.eventId} e={e} fresh={feed.fresh.has(e.eventId)} issues={issues} />
            ))}
          </ol>
        </>
      )}
    </>
  );
}
