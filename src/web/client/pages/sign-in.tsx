// Sign-in: the token `ledger token create` printed, exchanged for a session cookie (HttpOnly; the
// page never keeps the token). A wrong token is shown on the field.
import { useState } from 'preact/hooks';
import { sessionApi, type Session } from '../api.js';
import { TextField, WriteForm } from '../components/form.js';
import { LanguageControls, usePageTitle } from '../components/layout.js';
import { useI18n } from '../i18n/i18n.js';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const i18n = useI18n();
  const [token, setToken] = useState('');
  usePageTitle(i18n.t('signInTitle'));
  return (
    <main id="main" class="sign-in">
      <header class="sign-in-header">
        <p class="brand">{i18n.t('appName')}</p>
        <LanguageControls />
      </header>
      <h1>{i18n.t('signInTitle')}</h1>
      <p>{i18n.t('signInIntro')}</p>
      <WriteForm
        submitLabel={i18n.t('signIn')}
        onSubmit={async (write) => {
          const session = await write.submit(() => sessionApi.signIn(token));
          if (session !== null) onSignedIn(session);
        }}
      >
        <TextField name="token" label={i18n.t('token')} type="password" value={token} onValue={setToken} />
      </WriteForm>
    </main>
  );
}
