// The auditor's place: the raw events in commit order with actor and chain fields, filtered by
// stream, type, agency and dates on either clock (GET /v1/audit/events); the replay that rebuilds
// every read model in a scratch copy and compares it with the live one (POST /v1/audit/replay).
import { useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { ApiProblem, apiPost } from '../api.js';
import { AsOfPicker, asOfQuery, useAsOf } from '../components/as-of.js';
import { AgencyName, Dl, ReadState, problemText } from '../components/common.js';
import { usePageTitle } from '../components/layout.js';
import { endOfBangkokDay, startOfBangkokDay } from '../i18n/format.js';
import { useI18n } from '../i18n/i18n.js';
import { useMe, useRead } from '../state.js';
import type { Checkpoint, MerkleLog, RawEvent, ReadAnswer, ReplayReport } from '../types.js';

interface Filters {
  stream: string;
  type: string;
  agency: string;
  axis: 'recorded' | 'valid';
  from: string;
  to: string;
}

const noFilters: Filters = { stream: '', type: '', agency: '', axis: 'recorded', from: '', to: '' };
const PAGE = 50;

function eventsQuery(f: Filters, after: string | undefined): Record<string, string | undefined> {
  return {
    stream: f.stream.trim() || undefined,
    type: f.type || undefined,
    agency: f.agency || undefined,
    axis: f.axis,
    from: f.from === '' ? undefined : startOfBangkokDay(f.from),
    to: f.to === '' ? undefined : endOfBangkokDay(f.to),
    after,
    limit: String(PAGE),
  };
}

function EventRow({ e }: { e: RawEvent }) {
  const i18n = useI18n();
  const actor = e.metadata.actor;
  const hash = e.metadata['hash'];
  const prev = e.metadata['prev'];
  return (
    <tr data-event={e.eventId}>
      <td class="num">{e.position.commit}</td>
      <td class="date">{i18n.dateTime(e.recordedAt)}</td>
      <td class="date">{i18n.dateTime(e.validAt)}</td>
      <td class="stream">{e.streamName}</td>
      <th scope="row">{i18n.name('eventType', e.type)}</th>
      <td>
        {actor === undefined ? null : (
          <>
            <AgencyName code={actor.agency} /> · {i18n.name('role', actor.role)}
            <div class="muted">{actor.principalId}</div>
          </>
        )}
      </td>
      <td>
        <details>
          <summary>{i18n.t('rawRecord')}</summary>
          <dl class="chain">
            <dt>{i18n.t('chainHash')}</dt>
            <dd>
              <code>{typeof hash === 'string' ? hash : '—'}</code>
            </dd>
            <dt>{i18n.t('chainPrev')}</dt>
            <dd>
              <code>{typeof prev === 'string' ? prev : '—'}</code>
            </dd>
          </dl>
          <pre class="raw" tabIndex={0}>
            {JSON.stringify(e, null, 2)}
          </pre>
        </details>
      </td>
    </tr>
  );
}

function Replay() {
  const i18n = useI18n();
  const asOf = useAsOf();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ReplayReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const q = asOfQuery(asOf);
      const answer = await apiPost<ReadAnswer & { replay: ReplayReport }>(
        '/v1/audit/replay',
        q['asOf'] === undefined ? (q['axis'] === undefined ? undefined : { axis: q['axis'] }) : q,
      );
      setReport(answer.replay);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="replay-title">
      <h2 id="replay-title">{i18n.t('replayTitle')}</h2>
      <p>{i18n.t('replayIntro')}</p>
      <AsOfPicker />
      <button type="button" class="primary" disabled={busy} onClick={() => void run()}>
        {busy ? i18n.t('replaying') : i18n.t('runReplay')}
      </button>
      <div aria-live="polite" data-testid="replay-result">
        {error === null ? null : (
          <p class="notice error" role="alert">
            {error instanceof ApiProblem || error instanceof Error ? problemText(error, i18n) : String(error)}
          </p>
        )}
        {report === null ? null : (
          <div class={`notice ${report.equal ? 'ok' : 'error'}`}>
            <p>
              <strong>
                {report.equal ? i18n.t('replayEqual') : i18n.t('replayDiffers', { n: report.differences.length })}
              </strong>
            </p>
            <p>
              {i18n.t('replayCounts', {
                replayed: report.eventsReplayed,
                live: report.eventsLive,
                rejected: report.rejected,
                ms: report.ms,
              })}
            </p>
            {report.differences.length === 0 ? null : (
              <table class="differences">
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('colPosition')}</th>
                    <th scope="col">{i18n.t('live')}</th>
                    <th scope="col">{i18n.t('rebuilt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.differences.map((d) => (
                    <tr key={d.path}>
                      <th scope="row">
                        <code>{d.path}</code>
                      </th>
                      <td>
                        <code>{JSON.stringify(d.live)}</code>
                      </td>
                      <td>
                        <code>{JSON.stringify(d.rebuilt)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * Integrity (ADR 0022, 0034): whether every event still matches its hash chain and the Merkle log
 * (GET /v1/audit/log), and the latest signed checkpoint (GET /v1/audit/checkpoints/latest): its
 * fields, the signed note as stored (signature line included) and the key that verifies it.
 */
function Integrity() {
  const i18n = useI18n();
  const log = useRead<{ log: MerkleLog }>('/v1/audit/log', {}, () => true);
  const checkpoint = useRead<{ checkpoint: Checkpoint }>('/v1/audit/checkpoints/latest', {}, () => true);
  const l = log.data?.log;
  const c = checkpoint.data?.checkpoint;
  const noCheckpoint = checkpoint.error instanceof ApiProblem && checkpoint.error.status === 404;
  return (
    <section class="card" aria-labelledby="integrity-title" data-testid="integrity">
      <h2 id="integrity-title">{i18n.t('integrityTitle')}</h2>
      {l === undefined ? (
        <ReadState error={log.error} loading={log.loading} />
      ) : (
        <>
          <p
            class={`notice ${l.integrity.ok ? 'ok' : 'error'}`}
            data-testid="integrity-status"
            data-ok={String(l.integrity.ok)}
          >
            <strong>
              {l.integrity.ok
                ? i18n.t('integrityOk')
                : i18n.t('integrityBroken', {
                    stream: l.integrity.stream ?? '',
                    revision: l.integrity.revision ?? '',
                    reason: l.integrity.reason ?? '',
                  })}
            </strong>
          </p>
          <Dl
            rows={[
              [i18n.t('logSize'), i18n.num(l.treeSize)],
              ...(l.breaks.length === 0
                ? []
                : ([
                    [
                      i18n.t('integrityBreaks'),
                      l.breaks.map((b) => `${b.stream ?? ''}@${b.revision ?? ''}`).join(', '),
                    ],
                  ] as [string, string][])),
            ]}
          />
        </>
      )}
      <h3>{i18n.t('checkpointTitle')}</h3>
      {c === undefined ? (
        noCheckpoint ? (
          <p class="muted">{i18n.t('noCheckpoint')}</p>
        ) : (
          <ReadState error={checkpoint.error} loading={checkpoint.loading} />
        )
      ) : (
        <div data-testid="checkpoint">
          <p>{i18n.t('checkpointIntro')}</p>
          <Dl
            rows={[
              [i18n.t('checkpointOrigin'), <code>{c.origin}</code>],
              [i18n.t('checkpointTreeSize'), i18n.num(c.treeSize)],
              [i18n.t('checkpointRootHash'), <code class="hash">{c.rootHash}</code>],
              [i18n.t('checkpointTime'), i18n.dateTime(c.time)],
              ...(c.lastPosition === null
                ? []
                : ([
                    [i18n.t('checkpointLast'), <code>{`${c.lastPosition.commit}/${c.lastPosition.prepare}`}</code>],
                  ] as [string, preact.ComponentChildren][])),
              [
                i18n.t('checkpointKey'),
                <code class="hash" data-testid="verifier-key">
                  {c.verifierKey}
                </code>,
              ],
            ]}
          />
          <h4>{i18n.t('checkpointNote')}</h4>
          <pre class="raw note" tabIndex={0} data-testid="checkpoint-note" aria-label={i18n.t('checkpointNote')}>
            {c.note}
          </pre>
        </div>
      )}
    </section>
  );
}

export function AuditPage() {
  const i18n = useI18n();
  const me = useMe();
  usePageTitle(i18n.t('auditTitle'));
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors[cursors.length - 1];
  // Only the first page follows live writes; a later page stays where the reader paged to.
  const events = useRead<ReadAnswer & { events: RawEvent[]; next: string | null }>(
    me.auditor ? '/v1/audit/events' : null,
    eventsQuery(filters, after),
    () => after === undefined,
  );
  if (!me.auditor) {
    return (
      <>
        <h1>{i18n.t('auditTitle')}</h1>
        <p class="notice">{i18n.t('noRight')}</p>
      </>
    );
  }
  const set = (k: keyof Filters) => (e: Event) =>
    setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <>
      <h1>{i18n.t('auditTitle')}</h1>
      <Integrity />
      <Replay />
      <section class="card" aria-labelledby="events-title">
        <h2 id="events-title">{i18n.t('eventsTitle')}</h2>
        <form
          class="filters"
          role="search"
          aria-label={i18n.t('filters')}
          onSubmit={(e) => {
            e.preventDefault();
            setCursors([]);
            setFilters(draft);
          }}
        >
          <label class="inline">
            <span>{i18n.t('stream')}</span>
            <input
              type="text"
              name="stream"
              value={draft.stream}
              placeholder="position-ahc-scope"
              onInput={set('stream')}
            />
          </label>
          <label class="inline">
            <span>{i18n.t('eventType')}</span>
            <select name="type" value={draft.type} onChange={set('type')}>
              <option value="">{i18n.t('all')}</option>
              {vocabulary.eventTypes.map((t) => (
                <option key={t} value={t}>
                  {i18n.name('eventType', t)}
                </option>
              ))}
            </select>
          </label>
          <label class="inline">
            <span>{i18n.t('agency')}</span>
            <select name="agency" value={draft.agency} onChange={set('agency')}>
              <option value="">{i18n.t('all')}</option>
              {vocabulary.agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {i18n.name('agency', a.id)}
                </option>
              ))}
            </select>
          </label>
          <label class="inline">
            <span>{i18n.t('clock')}</span>
            <select name="axis" value={draft.axis} onChange={set('axis')}>
              <option value="recorded">{i18n.t('clockRecorded')}</option>
              <option value="valid">{i18n.t('clockValid')}</option>
            </select>
          </label>
          <label class="inline">
            <span>{i18n.t('from')}</span>
            <input type="date" name="from" value={draft.from} onChange={set('from')} />
          </label>
          <label class="inline">
            <span>{i18n.t('to')}</span>
            <input type="date" name="to" value={draft.to} onChange={set('to')} />
          </label>
          <button type="submit">{i18n.t('applyFilters')}</button>
        </form>
        {events.data === null ? (
          <ReadState error={events.error} loading={events.loading} />
        ) : events.data.events.length === 0 ? (
          <p class="muted">{i18n.t('noEvents')}</p>
        ) : (
          <div class="table-wrap">
            <table class="events" data-testid="events">
              <caption class="visually-hidden">{i18n.t('eventsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{i18n.t('colPosition')}</th>
                  <th scope="col">{i18n.t('recordedAt')}</th>
                  <th scope="col">{i18n.t('validAt')}</th>
                  <th scope="col">{i18n.t('stream')}</th>
                  <th scope="col">{i18n.t('eventType')}</th>
                  <th scope="col">{i18n.t('colActor')}</th>
                  <th scope="col">{i18n.t('rawRecord')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.events.map((e) => (
                  <EventRow key={e.eventId} e={e} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="pager">
          {cursors.length > 0 ? (
            <button type="button" onClick={() => setCursors([])}>
              {i18n.t('firstPage')}
            </button>
          ) : null}
          {events.data?.next ? (
            <button type="button" onClick={() => setCursors([...cursors, events.data?.next ?? ''])}>
              {i18n.t('nextPage')}
            </button>
          ) : null}
        </div>
      </section>
    </>
  );
}
