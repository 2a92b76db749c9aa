// Small pieces every page uses: links that move without a reload, stance badges, classified lists
// (redacted ones say so in the reader's language, never an empty gap), and the loading and error
// states of a read.
import type { ComponentChildren } from 'preact';
import { ApiProblem } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { issueMessages, networkProblem } from '../i18n/problems.js';
import { followLink } from '../router.js';
import type { Bilingual, Classified, Source } from '../types.js';

export function Link({ href, children, current }: { href: string; children: ComponentChildren; current?: boolean }) {
  return (
    <a href={href} onClick={(e) => followLink(e, href)} aria-current={current === true ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function StanceBadge({ stance }: { stance: string | null | undefined }) {
  const i18n = useI18n();
  if (stance === null || stance === undefined) return <span class="muted">{i18n.t('none')}</span>;
  return <span class={`stance stance-${stance}`}>{i18n.name('stance', stance)}</span>;
}

/**
 * Marks an entry that is not on record (illustrative, uncertain), with what about it in its title; nothing for a
 * recorded one.
 */
export function SourceMark({ source }: { source: Source | undefined }) {
  const i18n = useI18n();
  if (source === undefined || source.kind === 'record') return null;
  return (
    <span
      class={`source source-${source.kind}`}
      title={source.note === undefined ? undefined : i18n.text(source.note)}
      data-source={source.kind}
    >
      {i18n.name('sourceKind', source.kind)}
    </span>
  );
}

export function Redacted({ level }: { level: string }) {
  const i18n = useI18n();
  const name = i18n.name('classification', level);
  return <span class="redacted">{i18n.t('redacted', { level: i18n.lang === 'en' ? name.toLowerCase() : name })}</span>;
}

/** Red lines, fallbacks, conditions: the items, "none", or the redaction notice. */
export function ClassifiedList({ value }: { value: Classified<readonly Bilingual[]> | null | undefined }) {
  const i18n = useI18n();
  if (value === null || value === undefined) return <span class="muted">{i18n.t('none')}</span>;
  if ('redacted' in value) return <Redacted level={value.level} />;
  if (value.value.length === 0) return <span class="muted">{i18n.t('none')}</span>;
  return (
    <ul class="points">
      {value.value.map((item, n) => (
        <li key={n}>{i18n.text(item)}</li>
      ))}
    </ul>
  );
}

export function AgencyName({ code }: { code: string }) {
  const i18n = useI18n();
  const full = i18n.name('agency', code);
  return (
    <abbr class="agency" title={full}>
      {i18n.agency(code)}
    </abbr>
  );
}

export function Agencies({ codes }: { codes: readonly string[] }) {
  const i18n = useI18n();
  if (codes.length === 0) return <span class="muted">{i18n.t('none')}</span>;
  return (
    <span class="agencies">
      {codes.map((c, n) => (
        <span key={c}>
          {n > 0 ? ', ' : ''}
          <AgencyName code={c} />
        </span>
      ))}
    </span>
  );
}

export function problemText(error: unknown, i18n: ReturnType<typeof useI18n>): string {
  if (error instanceof ApiProblem) {
    if (error.status === 404) return i18n.t('notFound');
    // A date the ledger does not take (a link with a year it cannot read, say): say so rather than a code.
    const dates = issueMessages['date_out_of_range'];
    if (dates !== undefined && error.errors.some((issue) => issue.code === 'date_out_of_range'))
      return `${i18n.t('loadFailed')}: ${dates[i18n.lang]}`;
    return `${i18n.t('loadFailed')} (${error.code})`;
  }
  return networkProblem[i18n.lang];
}

/** While a read has no answer yet: loading, or why not. */
export function ReadState({ error, loading }: { error: unknown; loading: boolean }) {
  const i18n = useI18n();
  if (error !== null && error !== undefined) {
    return (
      <p class="notice error" role="alert">
        {problemText(error, i18n)}
      </p>
    );
  }
  return loading ? (
    <p class="muted" aria-live="polite">
      {i18n.t('loading')}
    </p>
  ) : null;
}

export function Dl({ rows }: { rows: readonly [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
