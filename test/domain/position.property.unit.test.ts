// Any sequence of position commands, from any of the roles that may issue them, keeps the position's
// invariants: the rules say no with a DomainError, never with anything else, and never let the
// stream reach a state a negotiator could not explain.
import t from 'tap';
import fc from 'fast-check';
import type { LedgerCommandInput } from '../../contracts/index.js';
import { positionDecider } from '../../src/domain/position.js';
import { allEntries } from '../../src/domain/stream.js';
import { acceptedHistory, id } from './spec.js';
import { bi, draft, endorse, retract } from './fixtures.js';

const version = fc.integer({ min: 1, max: 5 });
const command: fc.Arbitrary<LedgerCommandInput> = fc.oneof(
  fc
    .tuple(fc.constantFrom('listening', 'support', 'oppose' as const), fc.boolean())
    .map(([stance, substantive]) => draft(stance, { substantive })),
  fc.tuple(version, fc.constantFrom('interagency', 'mfa', 'cabinet' as const)).map(([v, a]) => endorse(v, a)),
  version.map((v) => ({ type: 'WithdrawPosition' as const, issueId: 'scope', version: v, reason: bi('why') })),
  fc.integer({ min: 1, max: 30 }).map((n) => retract('position', 'scope', id(n))),
  fc.integer({ min: 1, max: 30 }).map((n) => retract('position', 'scope', id(n), true)),
);

t.test('random position histories keep their invariants', async () => {
  fc.assert(
    fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
      const history = acceptedHistory(commands);
      let state = positionDecider.initialState();
      for (const { event, eventId } of history) state = positionDecider.evolve(state, event, { eventId });
      const versions = [...state.inEffect.versions.values()];
      // the version in force is endorsed and not withdrawn
      if (state.inEffect.inForce !== undefined) {
        const v = state.inEffect.versions.get(state.inEffect.inForce);
        if (!v?.endorsement || v.withdrawal) return false;
      }
      // drafted version numbers never repeat
      const drafted = allEntries(state).flatMap((e) =>
        e.event.type === 'PositionDrafted' ? [e.event.data.version] : [],
      );
      if (new Set(drafted).size !== drafted.length) return false;
      // a version in effect is endorsed at most once and withdrawn at most once
      for (const v of versions) {
        const endorsements = allEntries(state).filter(
          (e) =>
            e.event.type === 'PositionEndorsed' &&
            e.event.data.version === v.draft.version &&
            !state.retracted.has(e.eventId),
        );
        if (endorsements.length > 1) return false;
      }
      return true;
    }),
    { numRuns: 500 },
  );
});
