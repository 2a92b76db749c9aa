// The write deadline (REQUEST_TIMEOUT_MS) around the ledger: a write the store does not finish in time is answered
// store_unavailable and the ledger is told to drop it; a write that finishes is answered as the ledger answered.
import t from 'tap';
import type { ExecuteContext, WriteResult } from '../../../src/application/ledger.js';
import { withWriteDeadline } from '../../../src/http/plugins/ledger.js';
import { StoreUnavailableError } from '../../../src/store/errors.js';
import type { LedgerCommand } from '../../../contracts/index.js';

const command = { type: 'CloseIssue', issueId: 'ahc-scope' } as unknown as LedgerCommand;
const ctx = { principal: { id: 'mfa-1' }, correlationId: 'c' } as unknown as ExecuteContext;
const result: WriteResult = {
  streamName: 'issue-ahc-scope',
  eventIds: [],
  revision: '3',
  position: { commit: '1', prepare: '1' },
  replayed: false,
};

t.test(
  'a write the store does not finish within the deadline is answered 503 and its ledger call told to stop',
  async (t) => {
    let seen: ExecuteContext['signal'];
    const ledger = withWriteDeadline(
      {
        execute: (_command, context) => {
          seen = context.signal;
          // Never settles: a store that does not answer.
          return new Promise<WriteResult>(() => undefined);
        },
      },
      50,
    );
    // The deadline's timer does not hold the process open; this one does, for the test.
    const alive = setTimeout(() => undefined, 1000);
    const answer = ledger.execute(command, ctx);
    t.equal(seen?.aborted, false, 'not aborted while the write is in time');
    await t.rejects(answer, StoreUnavailableError);
    clearTimeout(alive);
    t.equal(seen?.aborted, true, 'the ledger is told, as it looks before it appends');
  },
);

t.test('a write that finishes in time is answered as the ledger answered, its signal never aborted', async (t) => {
  let seen: ExecuteContext['signal'];
  const ledger = withWriteDeadline(
    {
      execute: async (_command, context) => {
        seen = context.signal;
        return result;
      },
    },
    50,
  );
  t.same(await ledger.execute(command, ctx), result);
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.equal(seen?.aborted, false, 'still not aborted after the deadline would have passed');
});
