// Which entries stand retracted (contracts/retractions.ts): one rule, and the deciders and the read
// side's as-of selection agree on it for any history the ledger writes.
import fc from 'fast-check';
import t from 'tap';
import { retractedIds, type LedgerCommandInput, type LedgerEvent, type RecordedEvent } from '../../contracts/index.js';
import { selectAsOf, type Envelope } from '../../projections/index.js';
import { fold } from '../../src/domain/index.js';
import { issueDecider } from '../../src/domain/issue.js';
import { acceptedHistory, id } from '../domain/spec.js';
import { bi, registerIssue, retract } from '../domain/fixtures.js';

const retitled = (en: string): LedgerEvent => ({ type: 'IssueRetitled', data: { issueId: 'scope', title: bi(en) } });
const retraction = (target: string): LedgerEvent => ({
  type: 'EntryRetracted',
  data: { targetEventId: target, targetType: 'x', reason: bi('r') },
});
const at = (n: number, event: LedgerEvent): RecordedEvent => ({ eventId: id(n), event });

t.test(
  'a retraction takes its target out; retracting the retraction puts it back; a third retraction takes it out again',
  async (t) => {
    const log = [at(1, retitled('A')), at(2, retraction(id(1)))];
    t.same([...retractedIds(log)], [id(1)]);
    log.push(at(3, retraction(id(2))));
    t.same([...retractedIds(log)], [id(2)], 'the retraction is retracted: the entry is back in effect');
    log.push(at(4, retraction(id(1))));
    t.same([...retractedIds(log)].sort(), [id(1), id(2)]);
  },
);

t.test('the order the entries come in does not change what stands retracted', async (t) => {
  const log = [
    at(1, retitled('A')),
    at(2, retraction(id(1))),
    at(3, retraction(id(2))),
    at(4, retitled('B')),
    at(5, retraction(id(4))),
  ];
  t.same([...retractedIds([...log].reverse())].sort(), [...retractedIds(log)].sort());
  t.same([...retractedIds(log)].sort(), [id(2), id(4)]);
});

t.test('a log without retractions has nothing retracted', async (t) => {
  t.equal(retractedIds([at(1, retitled('A')), at(2, retitled('B'))]).size, 0);
});

// Random issue histories decided by the ledger's own rules: retitles, retractions and reinstatements.
const command: fc.Arbitrary<LedgerCommandInput> = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 3 })
    .map((en) => ({ type: 'RetitleIssue' as const, issueId: 'scope', title: bi(`T ${en}`) })),
  fc.integer({ min: 1, max: 25 }).map((n) => retract('issue', 'scope', id(n))),
  fc.integer({ min: 1, max: 25 }).map((n) => retract('issue', 'scope', id(n), true)),
);

function envelopeOf(recorded: RecordedEvent, n: number): Envelope {
  const instant = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return {
    ...recorded,
    streamName: 'issue-scope',
    revision: BigInt(n),
    commit: BigInt(n * 10),
    prepare: BigInt(n * 10),
    recordedAt: instant,
    validAt: instant,
    metadata: {
      actor: { principalId: 'admin-1', agency: 'MFA', role: 'admin' },
      occurredAt: instant,
      correlationId: 'c',
      causationId: 'c',
      schema: 1,
    },
  };
}

t.test(
  'for any history the ledger writes, the deciders and the read side leave the same entries in effect',
  async () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        const history = acceptedHistory([registerIssue, ...commands]);
        const state = fold(issueDecider, history);
        const inEffect = history.filter((e) => !state.retracted.has(e.eventId)).map((e) => e.eventId);
        const selected = selectAsOf(history.map(envelopeOf), {
          validAt: '2030-01-01T00:00:00.000Z',
          knownAt: null,
        }).map((e) => e.eventId);
        return JSON.stringify(selected) === JSON.stringify(inEffect);
      }),
      { numRuns: 300 },
    );
  },
);
