import t from 'tap';
import { toStreamEvent } from '../../src/application/stream-event.js';
import type { StoredEvent } from '../../src/store/adapter.js';

const stored = (over: Partial<StoredEvent>): StoredEvent => ({
  id: '0422241e-50cc-510c-aaba-98d58767aae5',
  type: 'IssueClosed',
  streamName: 'issue-qa',
  revision: 3n,
  position: { commit: 10n, prepare: 10n },
  recordedAt: new Date('2026-01-15T03:00:00.000Z'),
  data: {},
  metadata: {},
  ...over,
});

t.test(
  'an event whose metadata the contracts do not accept stops the command with an integrity violation naming it',
  async (t) => {
    t.throws(() => toStreamEvent(stored({ metadata: { actor: 'nobody' } })), {
      name: 'IntegrityError',
      code: 'integrity_violation',
      streamName: 'issue-qa',
      revision: 3n,
      eventId: '0422241e-50cc-510c-aaba-98d58767aae5',
      message: /metadata: /,
    });
  },
);

t.test(
  'an event whose data does not parse stops the command with an integrity violation keeping the cause',
  async (t) => {
    const metadata = {
      actor: { principalId: 'mfa-1', agency: 'MFA', role: 'negotiator' },
      occurredAt: '2026-01-15T03:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      schema: 1,
    };
    t.throws(() => toStreamEvent(stored({ metadata, data: { issueId: 42 } })), {
      name: 'IntegrityError',
      code: 'integrity_violation',
      cause: Error,
    });
  },
);
