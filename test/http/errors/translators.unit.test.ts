// Each layer's errors become the problem the ADR promises, including those an end-to-end test cannot
// provoke on demand (a stream conflict after the ledger's retries, an oversized append).
import t from 'tap';
import { toProblem } from '../../../src/http/errors/to-problem.js';
import { translateStoreError } from '../../../src/http/errors/store.js';
import { translateDomainError } from '../../../src/http/errors/domain.js';
import { translateApplicationError } from '../../../src/http/errors/application.js';
import { DomainError } from '../../../src/domain/errors.js';
import { IdempotencyKeyReusedError, PreconditionFailedError } from '../../../src/application/errors.js';
import {
  AppendTooLargeError,
  ConcurrencyError,
  IntegrityError,
  StoreUnavailableError,
  StreamDeletedError,
} from '../../../src/store/errors.js';

const translators = [translateApplicationError, translateDomainError, translateStoreError];
const problemOf = (error: unknown) => toProblem(error, translators);

t.test('a stream written concurrently is 409 stream_conflict', async (t) => {
  t.match(problemOf(new ConcurrencyError('position-x', 3n, 4n)), { status: 409, code: 'stream_conflict' });
});

t.test('If-Match on a moved stream is 412 with the current ETag', async (t) => {
  const problem = problemOf(new PreconditionFailedError('position-x', 3n, 5n));
  t.match(problem, { status: 412, code: 'precondition_failed', headers: { etag: '"5"' } });
});

t.test('a reused Idempotency-Key is 409 idempotency_key_reused', async (t) => {
  t.match(problemOf(new IdempotencyKeyReusedError('k', 'process-x')), { status: 409, code: 'idempotency_key_reused' });
});

t.test('an append over the store limit is 413 payload_too_large', async (t) => {
  t.match(problemOf(new AppendTooLargeError(1024)), { status: 413, code: 'payload_too_large' });
});

t.test('an unreachable store is 503 with Retry-After', async (t) => {
  t.match(problemOf(new StoreUnavailableError('deadline')), {
    status: 503,
    code: 'store_unavailable',
    headers: { 'retry-after': '5' },
  });
});

t.test('a stream deleted outside the ledger is 410', async (t) => {
  t.match(problemOf(new StreamDeletedError('issue-x')), { status: 410, code: 'stream_deleted' });
});

t.test(
  'a broken integrity chain is 409 integrity_violation naming the stream and revision, never an opaque 500',
  async (t) => {
    t.match(problemOf(new IntegrityError('issue-x', 2n, 'id', 'hash mismatch')), {
      status: 409,
      code: 'integrity_violation',
    });
    t.match(problemOf(new IntegrityError('issue-x', 2n, 'id', 'hash mismatch')).detail, /issue-x@2/);
  },
);

t.test('domain errors keep their code; the kind picks the status', async (t) => {
  const cases = [
    ['invalid', 422],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
  ] as const;
  for (const [kind, status] of cases) {
    const problem = problemOf(new DomainError(kind, `some_${kind}`, 'because', { id: 'x' }));
    t.match(problem, { status, code: `some_${kind}`, detail: 'because', details: { id: 'x' } }, kind);
  }
});

t.test('anything else is 500 internal_error', async (t) => {
  t.match(problemOf(new TypeError('undefined is not a function')), { status: 500, code: 'internal_error' });
  t.match(problemOf('a thrown string'), { status: 500, code: 'internal_error' });
});
