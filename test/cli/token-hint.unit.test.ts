// The start-up hint tells how to create a token for *this* server: `ledger token` must find the same
// token file, so the variables that moved it are repeated, quoted for the shell when needed.
import t from 'tap';
import { tokenStoreEnv } from '../../src/cli/commands/serve.js';

const config = { dataDir: '/srv/ledger data', tokenStore: "/srv/o'brien/tokens.json" };

t.test('with the defaults the hint needs no variables', async (t) => {
  t.equal(tokenStoreEnv({}, { dataDir: 'data', tokenStore: '/repo/data/tokens.json' }), '');
  t.equal(
    tokenStoreEnv({ DATA_DIR: '' }, { dataDir: 'data', tokenStore: '/repo/data/tokens.json' }),
    '',
    'an empty variable counts as unset',
  );
});

t.test('a moved data directory is repeated, quoted when it holds a space', async (t) => {
  t.equal(
    tokenStoreEnv({ DATA_DIR: '/tmp/ledger-1' }, { dataDir: '/tmp/ledger-1', tokenStore: '/tmp/ledger-1/tokens.json' }),
    'DATA_DIR=/tmp/ledger-1 ',
  );
  t.equal(tokenStoreEnv({ DATA_DIR: config.dataDir }, config), "DATA_DIR='/srv/ledger data' ");
});

t.test('an explicit token file wins over the data directory, and a quote in it survives the shell', async (t) => {
  t.equal(
    tokenStoreEnv({ DATA_DIR: config.dataDir, TOKEN_STORE: config.tokenStore }, config),
    "TOKEN_STORE='/srv/o'\\''brien/tokens.json' ",
  );
});
