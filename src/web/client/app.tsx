// The workspace: finds out who is signed in (GET /web/session), shows the sign-in form when nobody
// is (or the session ended), else the page the URL names inside the frame, with the live stream open.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { matchPage, type PageName } from '../pages.js';
import { onSignedOut, sessionApi, setCsrf, type Session } from './api.js';
import { Layout, usePageTitle } from './components/layout.js';
import { I18nProvider, useI18n } from './i18n/i18n.js';
import { connectLive } from './live.js';
import { AuditPage } from './pages/audit.js';
import { BoardPage } from './pages/board.js';
import { ChangesPage } from './pages/changes.js';
import { SearchPage } from './pages/search.js';
import { BriefPage, BriefsPage } from './pages/briefs.js';
import { ConsultationPage, ConsultationsPage } from './pages/consultations.js';
import { IssuePage } from './pages/issue.js';
import { SignIn } from './pages/sign-in.js';
import { navigate, useLocation } from './router.js';
import { SessionProvider, meOf } from './state.js';

function NotFound() {
  const i18n = useI18n();
  usePageTitle(i18n.t('pageNotFound'));
  return <h1>{i18n.t('pageNotFound')}</h1>;
}

function Page({ page, params }: { page: PageName | null; params: Record<string, string> }) {
  switch (page) {
    case 'board':
      return <BoardPage />;
    case 'issue':
      return <IssuePage issueId={params['issueId'] ?? ''} />;
    case 'consultations':
      return <ConsultationsPage />;
    case 'consultation':
      return <ConsultationPage consultationId={params['consultationId'] ?? ''} />;
    case 'briefs':
      return <BriefsPage />;
    case 'brief':
      return <BriefPage sessionId={params['sessionId'] ?? ''} />;
    case 'audit':
      return <AuditPage />;
    case 'changes':
      return <ChangesPage />;
    case 'search':
      return <SearchPage />;
    case 'signIn':
    case null:
      return <NotFound />;
  }
}

function Workspace({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const location = useLocation();
  const me = useMemo(() => meOf(session), [session]);
  const live = useMemo(() => connectLive(), [session]);
  useEffect(() => () => live.close(), [live]);
  const match = matchPage(location.path);
  useEffect(() => {
    if (match?.page === 'signIn') navigate('/', { replace: true });
  }, [match?.page]);
  return (
    <SessionProvider me={me} live={live}>
      <Layout current={match?.page ?? null} onSignOut={onSignOut}>
        <Page page={match?.page ?? null} params={match?.params ?? {}} />
      </Layout>
    </SessionProvider>
  );
}

function Root() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const signedIn = (s: Session | null) => {
    setCsrf(s?.csrf ?? null);
    setSession(s);
  };
  useEffect(() => {
    sessionApi.current().then(signedIn, () => signedIn(null));
    return onSignedOut(() => signedIn(null));
  }, []);
  const i18n = useI18n();
  if (session === undefined) return <p class="muted">{i18n.t('loading')}</p>;
  if (session === null) return <SignIn onSignedIn={signedIn} />;
  return (
    <Workspace
      session={session}
      onSignOut={() => {
        sessionApi.signOut().finally(() => signedIn(null));
      }}
    />
  );
}

export function App() {
  return (
    <I18nProvider>
      <Root />
    </I18nProvider>
  );
}
