// The one line `ledger serve` prints when it cannot start: what is wrong, in words a person can act on.
import t from 'tap';
import { startFailure } from '../../src/cli/commands/serve.js';

const config = { host: '127.0.0.1', port: 3000, dataDir: '/srv/ledger' };
const failure = (message: string, fields: Record<string, string>) => Object.assign(new Error(message), fields);

t.test('a port that cannot be listened on is named with the port', async (t) => {
  t.match(
    startFailure(failure('listen EADDRINUSE', { code: 'EADDRINUSE', syscall: 'listen' }), config),
    '127.0.0.1:3000 is already in use',
  );
  t.match(
    startFailure(failure('listen EACCES', { code: 'EACCES', syscall: 'listen' }), config),
    'not allowed to listen on 127.0.0.1:3000',
  );
});

t.test('a data directory this user may not write is not mistaken for a port problem', async (t) => {
  const said = startFailure(
    failure("EACCES: permission denied, mkdir '/srv/ledger'", {
      code: 'EACCES',
      syscall: 'mkdir',
      path: '/srv/ledger',
    }),
    config,
  );
  t.equal(said, 'cannot write to DATA_DIR /srv/ledger: this user may not write there');
});

t.test('a full, read-only or failing disk is named, from the file system or from SQLite', async (t) => {
  t.match(
    startFailure(failure('ENOSPC: no space left on device, write', { code: 'ENOSPC', syscall: 'write' }), config),
    /^cannot write to DATA_DIR \/srv\/ledger: no space left on its disk/,
  );
  t.match(
    startFailure(failure('database or disk is full', { code: 'SQLITE_FULL' }), config),
    /no space left on its disk/,
  );
  t.match(
    startFailure(
      failure("EROFS: read-only file system, chmod '/srv/ledger'", { code: 'EROFS', syscall: 'chmod' }),
      config,
    ),
    /read-only file system/,
  );
  t.match(
    startFailure(failure('attempt to write a readonly database', { code: 'SQLITE_READONLY_DBMOVED' }), config),
    /read-only/,
  );
});

t.test('anything else is passed on as it is', async (t) => {
  t.equal(
    startFailure(new Error('Invalid configuration: PORT: must be a whole number'), config),
    'Invalid configuration: PORT: must be a whole number',
  );
});
