// One log position and one order (contracts/log-position.ts): the store's answers, the read side's
// checkpoints and envelopes and the API's JSON all agree on which of two events was recorded first.
import fc from 'fast-check';
import t from 'tap';
import {
  compareLog,
  compareLogAt,
  logPositionFromJson,
  logPositionToJson,
  type LogPosition,
} from '../../contracts/log-position.js';
import { compareRecorded } from '../../projections/envelope.js';

const position = fc.record({
  commit: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
  prepare: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
});

t.test('a later commit comes after an earlier one, whatever the prepare positions', async (t) => {
  t.ok(compareLog({ commit: 5n, prepare: 9n }, { commit: 7n, prepare: 1n }) < 0);
  t.ok(compareLog({ commit: 7n, prepare: 1n }, { commit: 5n, prepare: 9n }) > 0);
});

t.test('within one commit the prepare position orders the events', async (t) => {
  t.ok(compareLog({ commit: 7n, prepare: 7n }, { commit: 7n, prepare: 8n }) < 0);
  t.ok(compareLog({ commit: 7n, prepare: 8n }, { commit: 7n, prepare: 7n }) > 0);
  t.equal(compareLog({ commit: 7n, prepare: 8n }, { commit: 7n, prepare: 8n }), 0);
});

t.test('the log order is a total order that the numbers-only form and the envelopes share', async () => {
  fc.assert(
    fc.property(position, position, position, (a, b, c) => {
      const ab = compareLog(a, b);
      if (Math.sign(ab) !== -Math.sign(compareLog(b, a))) return false;
      if ((ab === 0) !== (a.commit === b.commit && a.prepare === b.prepare)) return false;
      if (ab <= 0 && compareLog(b, c) <= 0 && compareLog(a, c) > 0) return false;
      if (compareLogAt(a.commit, a.prepare, b.commit, b.prepare) !== ab) return false;
      return compareRecorded({ commit: a.commit, prepare: a.prepare }, { commit: b.commit, prepare: b.prepare }) === ab;
    }),
  );
});

t.test('a position survives its JSON form, decimal strings beyond the range of a double included', async (t) => {
  const big: LogPosition = { commit: 2n ** 63n - 1n, prepare: 2n ** 53n + 1n };
  t.same(logPositionToJson(big), { commit: '9223372036854775807', prepare: '9007199254740993' });
  t.same(logPositionFromJson(logPositionToJson(big)), big);
  fc.assert(fc.property(position, (p) => compareLog(logPositionFromJson(logPositionToJson(p)), p) === 0));
});
