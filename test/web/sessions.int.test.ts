// Signing in to the workspace: a bearer token exchanged for an HttpOnly, SameSite=Strict session
// cookie; writes with the cookie need the session's CSRF token; bearer tokens work as before.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { serve } from './helpers/server.js';

const issue = (id: string) => ({
  issueId: id,
  processId: 'ahc',
  code: id.toUpperCase(),
  title: { th: 'ประเด็นทดสอบ', en: 'A test issue' },
});
const process = {
  processId: 'ahc',
  kind: 'treaty-negotiation',
  title: { th: 'กระบวนการทดสอบ', en: 'A test negotiation' },
  forum: 'UN',
};

const served = await serve(t);
const { url } = served;
const mfa = await served.token(['negotiator'], 'MFA', 'secret');

async function signIn(token: string): Promise<{ cookie: string; csrf: string; setCookie: string }> {
  const res = await fetch(`${url}/web/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 201) throw new Error(`sign-in answered ${res.status}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as { csrf: string };
  return { cookie: setCookie.split(';')[0] ?? '', csrf: body.csrf, setCookie };
}

async function post(path: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
    body: JSON.stringify(body),
  });
}

async function positionCount(): Promise<number> {
  const res = await fetch(`${url}/v1/positions`, { headers: { authorization: `Bearer ${mfa}` } });
  return ((await res.json()) as { positions: unknown[] }).positions.length;
}

t.test(
  'signing in sets an HttpOnly, SameSite=Strict cookie that reads the API, and answers who signed in',
  async (t) => {
    const { cookie, csrf, setCookie } = await signIn(mfa);
    t.match(setCookie, /HttpOnly/i);
    t.match(setCookie, /SameSite=Strict/i);
    t.match(setCookie, /Path=\//);
    t.notOk(setCookie.includes(mfa), 'the cookie is not the token');
    t.ok(csrf.length >= 32);
    const read = await fetch(`${url}/v1/positions`, { headers: { cookie } });
    t.equal(read.status, 200);
    const me = await fetch(`${url}/web/session`, { headers: { cookie } });
    t.same(((await me.json()) as { principal: { agency: string; roles: string[] } }).principal.roles, ['negotiator']);
    t.equal((await fetch(`${url}/v1/positions`)).status, 401, 'without the cookie or a token: 401');
  },
);

t.test('an unknown token does not sign in, and the answer names the token field', async (t) => {
  const res = await fetch(`${url}/web/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: 'pl_not-a-token' }),
  });
  t.equal(res.status, 401);
  t.equal(res.headers.get('set-cookie'), null);
  const problem = (await res.json()) as { code: string; errors: { pointer: string }[] };
  t.equal(problem.code, 'unauthorized');
  t.equal(problem.errors[0]?.pointer, '/token');
});

t.test('a write with the session cookie but without its CSRF token is refused and appends nothing', async (t) => {
  await post('/v1/processes', process, { authorization: `Bearer ${mfa}` });
  const { cookie, csrf } = await signIn(mfa);
  const before = await positionCount();
  const refused = await post('/v1/issues', issue('csrf-a'), { cookie });
  t.equal(refused.status, 403);
  t.equal(((await refused.json()) as { code: string }).code, 'csrf_token_invalid');
  const wrong = await post('/v1/issues', issue('csrf-a'), { cookie, 'x-csrf-token': `${csrf.slice(0, -2)}xx` });
  t.equal(wrong.status, 403, 'a wrong CSRF token is refused too');
  const crossSite = await post('/v1/issues', issue('csrf-a'), {
    cookie,
    'x-csrf-token': csrf,
    'sec-fetch-site': 'cross-site',
  });
  t.equal(crossSite.status, 403, 'a write a browser says comes from another site is refused');
  t.equal(await positionCount(), before, 'nothing was appended');
  const ok = await post('/v1/issues', issue('csrf-a'), {
    cookie,
    'x-csrf-token': csrf,
    'sec-fetch-site': 'same-origin',
  });
  t.equal(ok.status, 201, 'with the CSRF token the write goes through');
});

t.test('a bearer token writes as before, with no CSRF token', async (t) => {
  const res = await post('/v1/issues', issue('bearer-b'), { authorization: `Bearer ${mfa}` });
  t.equal(res.status, 201);
});

t.test('revoking the token ends its sessions at once', async (t) => {
  const { token, id } = await served.created(['negotiator'], 'MFA');
  const { cookie } = await signIn(token);
  t.equal((await fetch(`${url}/v1/positions`, { headers: { cookie } })).status, 200);
  t.ok(await served.running.tokens.revoke(id));
  t.equal((await fetch(`${url}/v1/positions`, { headers: { cookie } })).status, 401);
  t.equal((await fetch(`${url}/web/session`, { headers: { cookie } })).status, 401);
});

t.test('signing out needs the CSRF token and ends the session', async (t) => {
  const { cookie, csrf } = await signIn(mfa);
  const refused = await fetch(`${url}/web/session`, { method: 'DELETE', headers: { cookie } });
  t.equal(refused.status, 403, 'another site cannot sign a person out');
  t.equal((await fetch(`${url}/v1/positions`, { headers: { cookie } })).status, 200);
  const out = await fetch(`${url}/web/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
  t.equal(out.status, 204);
  t.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/i, 'the cookie is cleared');
  t.equal((await fetch(`${url}/v1/positions`, { headers: { cookie } })).status, 401);
});

t.test('the pages carry a policy without inline script, the assets are cached for a year and gzipped', async (t) => {
  for (const path of ['/', '/issues/ahc-scope', '/consultations', '/audit', '/briefs/ahc-1', '/signin']) {
    const res = await fetch(`${url}${path}`);
    t.equal(res.status, 200, path);
    const csp = res.headers.get('content-security-policy') ?? '';
    t.match(csp, /script-src 'self'(;|$)/, `${path}: scripts from this origin only`);
    t.notMatch(csp, /unsafe-inline|unsafe-eval/, `${path}: nothing inline`);
    t.match(csp, /frame-ancestors 'none'/);
    t.equal(res.headers.get('cache-control'), 'no-cache');
  }
  const html = await (await fetch(`${url}/`)).text();
  t.notMatch(html, /<script>|<script [^>]*>[^<]/, 'no inline script in the shell');
  t.notMatch(html, /https?:\/\//, 'nothing is loaded from another host');
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  t.equal(assets.length, 3, 'script, stylesheet and the preloaded font');
  for (const path of assets) {
    const res = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
    t.equal(res.status, 200, path);
    t.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const etag = res.headers.get('etag') ?? '';
    t.equal((await fetch(`${url}${path}`, { headers: { 'if-none-match': etag } })).status, 304, `${path} revalidates`);
  }
  const css = await (await fetch(`${url}${assets.find((a) => a.endsWith('.css'))}`)).text();
  t.match(css, /font-family:Sarabun/, 'Sarabun is declared');
  for (const font of css.matchAll(/url\((\/assets\/fonts\/[^)]+)\)/g)) {
    const res = await fetch(`${url}${font[1]}`);
    t.equal(res.status, 200, `${font[1]} is served by the app`);
    t.equal(res.headers.get('content-type'), 'font/woff2');
  }
  t.equal((await fetch(`${url}/assets/app.nothing.js`)).status, 404);
  t.equal((await fetch(`${url}/issues`)).status, 404, 'a path that is no page is a 404');
});
