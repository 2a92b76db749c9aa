// The frame of every page: a skip link, the header with the menu (only what the reader's roles
// open), the language switch (one click), Thai digits, who is signed in, the live status and
// sign-out; then the page.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { pagePath, type PageName } from '../../pages.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { LiveStatus } from '../live.js';
import { useLive, useMe } from '../state.js';
import { navigate, useLocation } from '../router.js';
import { Link } from './common.js';

/** The search box of every page: it opens the search page with the words typed (GET /v1/search). */
function HeaderSearch() {
  const i18n = useI18n();
  const { path, query } = useLocation();
  const current = path === pagePath('search') ? (query.get('q') ?? '') : '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  return (
    <form
      class="header-search"
      role="search"
      aria-label={i18n.t('searchLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim() !== '') navigate(`${pagePath('search')}?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <label class="visually-hidden" for="header-search-q">
        {i18n.t('searchLabel')}
      </label>
      <input
        id="header-search-q"
        type="search"
        name="q"
        value={q}
        placeholder={i18n.t('searchPlaceholder')}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
      <button type="submit">{i18n.t('searchButton')}</button>
    </form>
  );
}

export function usePageTitle(title: string): void {
  const i18n = useI18n();
  useEffect(() => {
    document.title = `${title} · ${i18n.t('appName')}`;
  }, [title, i18n]);
}

function LiveIndicator() {
  const i18n = useI18n();
  const live = useLive();
  const [status, setStatus] = useState<LiveStatus>(live.status());
  useEffect(() => {
    const stop = live.onStatus(setStatus);
    // The stream may have opened between the first render and this effect: catch up with it.
    setStatus(live.status());
    return stop;
  }, [live]);
  const key: MessageKey = status === 'open' ? 'liveOpen' : status === 'connecting' ? 'liveConnecting' : 'liveClosed';
  return (
    <span class={`live live-${status}`} role="status" data-live={status}>
      <span class="dot" aria-hidden="true" />
      {i18n.t(key)}
    </span>
  );
}

export function LanguageControls() {
  const i18n = useI18n();
  return (
    <span class="language">
      <button
        type="button"
        class="link-button"
        lang={i18n.lang === 'th' ? 'en' : 'th'}
        title={i18n.t('switchLanguageLabel')}
        onClick={() => i18n.setLang(i18n.lang === 'th' ? 'en' : 'th')}
      >
        {i18n.t('switchLanguage')}
      </button>
      {i18n.lang === 'th' ? (
        <label class="inline">
          <input
            type="checkbox"
            checked={i18n.style.thaiDigits}
            onChange={(e) => i18n.setThaiDigits(e.currentTarget.checked)}
          />
          <span>{i18n.t('thaiDigits')}</span>
        </label>
      ) : null}
    </span>
  );
}

export function Layout({
  current,
  onSignOut,
  children,
}: {
  current: PageName | null;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const i18n = useI18n();
  const me = useMe();
  const p = me.principal;
  const nav: [PageName, MessageKey, PageName[]][] = [
    ['board', 'navBoard', ['board', 'issue']],
    ['changes', 'navChanges', ['changes']],
    ['consultations', 'navConsultations', ['consultations', 'consultation']],
    ['briefs', 'navBriefs', ['briefs', 'brief']],
  ];
  if (me.auditor) nav.push(['audit', 'navAudit', ['audit']]);
  return (
    <>
      <a class="skip" href="#main">
        {i18n.t('skipToMain')}
      </a>
      <header class="top">
        <div class="brand">
          <Link href="/">{i18n.t('appName')}</Link>
        </div>
        <nav aria-label={i18n.t('mainNav')}>
          <ul>
            {nav.map(([page, label, pages]) => (
              <li key={page}>
                <Link href={pagePath(page)} current={current !== null && pages.includes(current)}>
                  {i18n.t(label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <HeaderSearch />
        <div class="session">
          <LiveIndicator />
          <LanguageControls />
          <span class="who" data-testid="who">
            {i18n.t('signedInAs', {
              agency: i18n.agency(p.agency),
              roles: p.roles.map((r) => i18n.name('role', r)).join(', '),
              clearance: i18n.name('classification', p.clearance),
            })}
          </span>
          <button type="button" class="link-button" onClick={onSignOut}>
            {i18n.t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
