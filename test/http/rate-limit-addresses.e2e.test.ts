// The client's address a budget is kept for (docs/adr/0016-rate-limits.md): IPv6 addresses are grouped by their /64
// (a client given a /64 cannot buy a fresh budget with each of its addresses), an IPv4 address mapped into IPv6 is
// that IPv4 address, as @fastify/rate-limit's own key does (its normalizeIP).
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { openApi } from './helpers/api.js';

t.test('addresses of one IPv6 /64 share the budget of failed authentications', async (t) => {
  const api = await openApi(t, { config: { authFailureLimitMax: 2, trustProxy: ['127.0.0.1'] } });
  const from = (ip: string) => ({
    method: 'GET' as const,
    url: '/v1/issues',
    headers: { authorization: `Bearer pl_${randomUUID()}`, 'x-forwarded-for': ip },
  });
  t.equal((await api.app.inject(from('2001:db8:1:2::1'))).statusCode, 401);
  t.equal((await api.app.inject(from('2001:db8:1:2::2'))).statusCode, 401);
  t.equal(
    (await api.app.inject(from('2001:db8:1:2:ffff::3'))).statusCode,
    429,
    'a third address of the same /64 finds the budget spent',
  );
  t.equal((await api.app.inject(from('2001:db8:1:3::1'))).statusCode, 401, 'another /64 has its own');
});

t.test('an IPv4 address mapped into IPv6 spends the IPv4 address’s budget', async (t) => {
  const api = await openApi(t, { config: { rateLimitMax: 2, trustProxy: ['127.0.0.1'] } });
  const from = (ip: string) => ({ method: 'GET' as const, url: '/openapi.json', headers: { 'x-forwarded-for': ip } });
  t.equal((await api.app.inject(from('10.9.8.7'))).statusCode, 200);
  t.equal((await api.app.inject(from('::ffff:10.9.8.7'))).statusCode, 200);
  t.equal((await api.app.inject(from('10.9.8.7'))).statusCode, 429);
});
