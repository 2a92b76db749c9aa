// The negotiator's home: every issue with the stance in force, its authority and decision, the
// pending draft, the agencies whose latest view diverges, the draft text's status; filters and a
// search; as of any date on either clock. Reads /v1/positions and /v1/alignment. Negotiators
// register a new issue here.
import { useMemo, useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { pagePath } from '../../pages.js';
import { apiWrite, queryString } from '../api.js';
import { AsOfPicker, asOfQuery, useAsOf } from '../components/as-of.js';
import { Agencies, Link, ReadState, StanceBadge } from '../components/common.js';
import { BilingualField, Disclosure, SelectField, TextField, WriteForm, type Pair } from '../components/form.js';
import { usePageTitle } from '../components/layout.js';
import { useI18n } from '../i18n/i18n.js';
import { touchesKind } from '../live.js';
import { navigate } from '../router.js';
import { useMe, useRead } from '../state.js';
import type { AlignmentRow, PositionView, Process, ReadAnswer } from '../types.js';

const byText = new Intl.Collator('en', { numeric: true });

/** Register an issue under negotiation (negotiators), then open it. */
function RegisterIssueForm() {
  const i18n = useI18n();
  const processes = useRead<ReadAnswer & { processes: Process[] }>('/v1/processes', {}, (e) =>
    touchesKind(e, 'process'),
  );
  const [processId, setProcessId] = useState('');
  const [issueId, setIssueId] = useState('');
  const [code, setCode] = useState('');
  const [title, setTitle] = useState<Pair>({ th: '', en: '' });
  const [articles, setArticles] = useState('');
  return (
    <WriteForm
      title={i18n.t('registerIssueTitle')}
      heading={false}
      submitLabel={i18n.t('register')}
      class="register-issue-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite('/v1/issues', {
            issueId: issueId.trim(),
            processId,
            code: code.trim(),
            title,
            refs: {
              articles: articles
                .split(',')
                .map((a) => a.trim())
                .filter((a) => a !== ''),
            },
          }),
        );
        if (result !== null) navigate(pagePath('issue', { issueId: issueId.trim() }));
      }}
    >
      <SelectField
        name="processId"
        label={i18n.t('process')}
        value={processId}
        onValue={setProcessId}
        placeholder={i18n.t('choose')}
        options={(processes.data?.processes ?? []).map((p) => ({ value: p.processId, label: i18n.text(p.title) }))}
      />
      <TextField
        name="issueId"
        label={i18n.t('issueId')}
        hint={i18n.t('issueIdHint', { example: 'ahc-jurisdiction' })}
        value={issueId}
        onValue={setIssueId}
      />
      <TextField
        name="code"
        label={i18n.t('issueCode')}
        hint={i18n.t('issueCodeHint', { example: 'ART-22' })}
        value={code}
        onValue={setCode}
      />
      <BilingualField name="title" label={i18n.t('issueTitle')} value={title} onValue={setTitle} multiline={false} />
      <TextField
        name="refs.articles"
        label={`${i18n.t('articlesField')} ${i18n.t('optional')}`}
        hint={i18n.t('commaSeparated')}
        value={articles}
        onValue={setArticles}
      />
    </WriteForm>
  );
}

export function BoardPage() {
  const i18n = useI18n();
  const me = useMe();
  const asOf = useAsOf();
  const query = asOfQuery(asOf);
  usePageTitle(i18n.t('boardTitle'));
  const affects = (e: Parameters<typeof touchesKind>[0]) => touchesKind(e, 'issue');
  const positions = useRead<ReadAnswer & { positions: PositionView[] }>('/v1/positions', query, affects);
  const alignment = useRead<ReadAnswer & { alignment: AlignmentRow[] }>('/v1/alignment', query, affects);
  const [search, setSearch] = useState('');
  const [process, setProcess] = useState('');
  const [stance, setStance] = useState('');
  const [pendingOnly, setPendingOnly] = useState(false);
  const [divergingOnly, setDivergingOnly] = useState(false);

  const diverging = useMemo(() => {
    const by = new Map<string, string[]>();
    for (const row of alignment.data?.alignment ?? []) {
      if (!row.diverges) continue;
      const list = by.get(row.issueId) ?? [];
      list.push(row.agency);
      by.set(row.issueId, list);
    }
    return by;
  }, [alignment.data]);

  const all = positions.data?.positions ?? [];
  const processes = useMemo(
    () => [...new Set(all.map((p) => p.issue?.processId ?? ''))].filter((p) => p !== '').sort(),
    [all],
  );
  const needle = search.trim().toLocaleLowerCase();
  const rows = all
    .filter((p) => process === '' || p.issue?.processId === process)
    .filter((p) => stance === '' || p.inForce?.stance === stance)
    .filter((p) => !pendingOnly || p.pendingDraft !== null)
    .filter((p) => !divergingOnly || (diverging.get(p.issueId)?.length ?? 0) > 0)
    .filter((p) => {
      if (needle === '') return true;
      const i = p.issue;
      return [p.issueId, i?.code ?? '', i?.title.th ?? '', i?.title.en ?? ''].some((s) =>
        s.toLocaleLowerCase().includes(needle),
      );
    })
    .sort(
      (a, b) =>
        byText.compare(a.issue?.processId ?? '', b.issue?.processId ?? '') ||
        byText.compare(a.issue?.code ?? '', b.issue?.code ?? ''),
    );
  const issueQuery = queryString(query);

  return (
    <>
      <h1>{i18n.t('boardTitle')}</h1>
      <AsOfPicker />
      {me.may('RegisterIssue') && asOf.asOf === undefined ? (
        <div class="card forms">
          <Disclosure summary={i18n.t('registerIssueTitle')}>{() => <RegisterIssueForm />}</Disclosure>
        </div>
      ) : null}
      <form class="filters" role="search" aria-label={i18n.t('filters')} onSubmit={(e) => e.preventDefault()}>
        <label class="inline">
          <span>{i18n.t('search')}</span>
          <input type="search" name="q" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <label class="inline">
          <span>{i18n.t('process')}</span>
          <select name="process" value={process} onChange={(e) => setProcess(e.currentTarget.value)}>
            <option value="">{i18n.t('all')}</option>
            {processes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <span>{i18n.t('stance')}</span>
          <select name="stance" value={stance} onChange={(e) => setStance(e.currentTarget.value)}>
            <option value="">{i18n.t('all')}</option>
            {vocabulary.stances.map((s) => (
              <option key={s.id} value={s.id}>
                {i18n.name('stance', s.id)}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          <input
            type="checkbox"
            name="pending"
            checked={pendingOnly}
            onChange={(e) => setPendingOnly(e.currentTarget.checked)}
          />
          <span>{i18n.t('onlyPending')}</span>
        </label>
        <label class="inline">
          <input
            type="checkbox"
            name="diverging"
            checked={divergingOnly}
            onChange={(e) => setDivergingOnly(e.currentTarget.checked)}
          />
          <span>{i18n.t('onlyDiverging')}</span>
        </label>
      </form>
      {positions.data === null ? (
        <ReadState error={positions.error} loading={positions.loading} />
      ) : (
        <>
          <p class="count" role="status">
            {i18n.t('issuesShown', { n: rows.length, total: all.length })}
          </p>
          <div class="table-wrap">
            <table class="board" data-testid="board">
              <caption class="visually-hidden">{i18n.t('boardTitle')}</caption>
              <colgroup>
                <col class="c-code" />
                <col class="c-issue" />
                <col class="c-stance" />
                <col />
                <col class="c-date" />
                <col class="c-pending" />
                <col class="c-agencies" />
                <col class="c-status" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{i18n.t('colCode')}</th>
                  <th scope="col">{i18n.t('colIssue')}</th>
                  <th scope="col">{i18n.t('colInForce')}</th>
                  <th scope="col">{i18n.t('colAuthority')}</th>
                  <th scope="col">{i18n.t('colEffective')}</th>
                  <th scope="col">{i18n.t('colPending')}</th>
                  <th scope="col">{i18n.t('colDiverging')}</th>
                  <th scope="col">{i18n.t('colTextStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.issueId} data-issue={p.issueId}>
                    <td class="code">{p.issue?.code ?? p.issueId}</td>
                    <th scope="row" class="title">
                      <Link href={`${pagePath('issue', { issueId: p.issueId })}${issueQuery}`}>
                        {p.issue === null ? p.issueId : i18n.text(p.issue.title)}
                      </Link>
                    </th>
                    <td>
                      {p.inForce === null ? (
                        <span class="muted">{i18n.t('noPositionInForce')}</span>
                      ) : (
                        <>
                          <StanceBadge stance={p.inForce.stance} />{' '}
                          <span class="version">{i18n.t('version', { n: p.inForce.version })}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {p.inForce === null ? null : (
                        <>
                          {i18n.name('authority', p.inForce.authority)}
                          <div class="ref">{p.inForce.decisionRef}</div>
                        </>
                      )}
                    </td>
                    <td class="date">{p.inForce === null ? null : i18n.date(p.inForce.effectiveFrom, 'short')}</td>
                    <td>
                      {p.pendingDraft === null ? (
                        <span class="muted">{i18n.t('none')}</span>
                      ) : (
                        <>
                          <StanceBadge stance={p.pendingDraft.stance} />{' '}
                          <span class="version">{i18n.t('version', { n: p.pendingDraft.version })}</span>
                        </>
                      )}
                    </td>
                    <td>
                      <Agencies codes={diverging.get(p.issueId) ?? []} />
                    </td>
                    <td>
                      {p.issue?.textStatus === null || p.issue === null ? (
                        <span class="muted">{i18n.t('none')}</span>
                      ) : (
                        i18n.name('textStatus', p.issue.textStatus)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 ? <p class="muted">{i18n.t('noIssues')}</p> : null}
        </>
      )}
    </>
  );
}
