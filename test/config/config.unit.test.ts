import path from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../../src/config.js';

t.test('starts with sensible defaults when nothing is set', async (t) => {
  const config = loadConfig({});
  t.equal(config.port, 3000);
  t.equal(config.host, '127.0.0.1');
  t.equal(config.esdbUrl, undefined, 'no ESDB_URL means the embedded store runs');
  t.equal(config.dataDir, path.resolve('./data'));
  t.equal(config.tokenStore, path.join(path.resolve('./data'), 'tokens.json'));
  t.equal(config.logLevel, 'info');
  t.equal(config.embeddedStorePort, 0);
  t.equal(config.seedDemo, true);
});

t.test('reads every variable it is given', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    ESDB_URL: 'esdb://node1:2113,node2:2113,node3:2113?tls=false',
    DATA_DIR: '/var/lib/ledger',
    LOG_LEVEL: 'debug',
    TOKEN_STORE: '/etc/ledger/tokens.json',
    EMBEDDED_STORE_PORT: '2113',
    RATE_LIMIT_MAX: '50',
    BODY_LIMIT_BYTES: '65536',
    SEED_DEMO: 'false',
  });
  t.equal(config.port, 8080);
  t.equal(config.host, '0.0.0.0');
  t.equal(config.esdbUrl, 'esdb://node1:2113,node2:2113,node3:2113?tls=false');
  t.equal(config.dataDir, '/var/lib/ledger');
  t.equal(config.logLevel, 'debug');
  t.equal(config.tokenStore, '/etc/ledger/tokens.json');
  t.equal(config.embeddedStorePort, 2113);
  t.equal(config.rateLimitMax, 50);
  t.equal(config.bodyLimitBytes, 65536);
  t.equal(config.seedDemo, false);
});

t.test('puts the token store inside DATA_DIR unless told otherwise', async (t) => {
  t.equal(loadConfig({ DATA_DIR: '/srv/ledger' }).tokenStore, '/srv/ledger/tokens.json');
});

t.test('treats an empty variable as unset', async (t) => {
  const config = loadConfig({ PORT: '', ESDB_URL: '' });
  t.equal(config.port, 3000);
  t.equal(config.esdbUrl, undefined);
});

t.test('refuses to start on a bad value and names the variable', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), { name: 'ConfigError', message: /PORT: must be a whole number/ });
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT: must be at most 65535/);
  t.throws(() => loadConfig({ ESDB_URL: 'http://localhost:2113' }), /ESDB_URL/);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  t.throws(() => loadConfig({ SEED_DEMO: 'maybe' }), /SEED_DEMO/);
});

t.test('lists every bad variable at once', async (t) => {
  try {
    loadConfig({ PORT: '-1', LOG_LEVEL: 'verbose', BODY_LIMIT_BYTES: '1' });
    t.fail('expected a ConfigError');
  } catch (err) {
    t.ok(err instanceof ConfigError, 'a ConfigError');
    if (!(err instanceof ConfigError)) return;
    t.same(err.problems.map((p) => p.variable).sort(), ['BODY_LIMIT_BYTES', 'LOG_LEVEL', 'PORT']);
  }
});

t.test(
  'rate limits: a principal budget, a smaller budget of failed authentications per address, and no proxy trusted',
  async (t) => {
    const config = loadConfig({});
    t.equal(config.rateLimitMax, 300);
    t.equal(config.authFailureLimitMax, 20);
    t.equal(config.authFailureWindowMs, 300_000);
    t.equal(config.trustProxy, false, 'X-Forwarded-For is not believed unless asked');
    const set = loadConfig({ AUTH_FAILURE_LIMIT_MAX: '5', AUTH_FAILURE_WINDOW_MS: '60000' });
    t.equal(set.authFailureLimitMax, 5);
    t.equal(set.authFailureWindowMs, 60_000);
  },
);

t.test('TRUST_PROXY takes the proxies as addresses or CIDRs, or true or false', async (t) => {
  t.same(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy, ['127.0.0.1']);
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1,loopback' }).trustProxy, ['10.0.0.0/8', '::1', 'loopback']);
  t.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  t.throws(() => loadConfig({ TRUST_PROXY: 'proxy.example' }), /TRUST_PROXY: .*not: proxy\.example/);
  t.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }), /TRUST_PROXY/);
  t.throws(() => loadConfig({ TRUST_PROXY: '1' }), /TRUST_PROXY/, 'a hop count cannot check who the peer is');
  t.throws(() => loadConfig({ AUTH_FAILURE_LIMIT_MAX: '0' }), /AUTH_FAILURE_LIMIT_MAX: must be at least 1/);
});

t.test('LOG_FORMAT is auto unless set to pretty or json', async (t) => {
  t.equal(loadConfig({}).logFormat, 'auto');
  t.equal(loadConfig({ LOG_FORMAT: 'json' }).logFormat, 'json');
  t.throws(() => loadConfig({ LOG_FORMAT: 'xml' }), /LOG_FORMAT: must be one of auto, pretty, json/);
});
