import t from 'tap';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { liveGroups } from '../../src/read/live-groups.js';

/** A hand-over that ends when the test says so. */
function heldHandOn() {
  const groups: number[][] = [];
  const ends: Array<{ resolve(): void; reject(error: Error): void }> = [];
  return {
    groups,
    handOn: (group: number[]): Promise<void> => {
      groups.push(group);
      return new Promise<void>((resolve, reject) => ends.push({ resolve, reject }));
    },
    /** Ends the oldest hand-over still going, and lets its callbacks run. */
    async finish(error?: Error): Promise<void> {
      const end = ends.shift();
      if (end === undefined) throw new Error('nothing is being handed on');
      if (error === undefined) end.resolve();
      else end.reject(error);
      await new Promise((resolve) => setImmediate(resolve));
    },
    going: () => ends.length,
  };
}

t.test('an item that arrives while nothing is being handed on goes at once, alone', async (t) => {
  const held = heldHandOn();
  const groups = liveGroups(held.handOn, { max: 100, gapMs: 0 });
  await groups.add(1);
  t.same(held.groups, [[1]]);
});

t.test('items that arrive while a group is being handed on go together once it is done', async (t) => {
  const held = heldHandOn();
  const groups = liveGroups(held.handOn, { max: 100, gapMs: 0 });
  await groups.add(1);
  await groups.add(2);
  await groups.add(3);
  await groups.add(4);
  t.same(held.groups, [[1]], 'nothing more goes while the first group is being handed on');
  await held.finish();
  t.same(held.groups, [[1], [2, 3, 4]]);
  await held.finish();
  await groups.drained();
});

t.test('a reader that gets max items ahead waits until the group before them is done', async (t) => {
  const held = heldHandOn();
  const groups = liveGroups(held.handOn, { max: 2, gapMs: 0 });
  await groups.add(1);
  await groups.add(2);
  let added = false;
  const third = groups.add(3).then(() => (added = true));
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(added, false, 'the third item waits while two are waiting');
  await held.finish();
  await third;
  t.same(held.groups, [[1], [2, 3]]);
});

t.test('after a group fails nothing more is handed on and the reader is told', async (t) => {
  const held = heldHandOn();
  const told: unknown[] = [];
  const groups = liveGroups(held.handOn, { max: 100, gapMs: 0, failed: (error) => told.push(error) });
  await groups.add(1);
  await groups.add(2);
  const broken = new Error('the checks stopped');
  await held.finish(broken);
  t.same(told, [broken], 'told once, at once');
  await t.rejects(groups.add(3), broken);
  await t.rejects(groups.drained(), broken);
  t.same(held.groups, [[1]], 'the item waiting behind the failed group is not handed on');
});

t.test(
  'with a gap, a group goes no sooner than the gap after the one before, taking all that arrived meanwhile',
  async (t) => {
    const went: Array<{ group: number[]; at: number }> = [];
    const groups = liveGroups(
      async (group: number[]) => {
        went.push({ group, at: performance.now() });
      },
      { max: 100, gapMs: 200 },
    );
    await groups.add(1);
    t.same(
      went.map((w) => w.group),
      [[1]],
      'the first goes at once',
    );
    await new Promise((resolve) => setImmediate(resolve));
    await groups.add(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await groups.add(3);
    t.equal(went.length, 1, 'the second waits for the gap though the first is done');
    await groups.drained();
    t.same(
      went.map((w) => w.group),
      [[1], [2, 3]],
    );
    const [first, second] = went;
    t.ok(first !== undefined && second !== undefined && second.at - first.at >= 195, 'no sooner than the gap');
  },
);

t.test('with a gap, an item that arrives after a quiet spell longer than the gap goes at once', async (t) => {
  const went: number[][] = [];
  const groups = liveGroups(
    async (group: number[]) => {
      went.push(group);
    },
    { max: 100, gapMs: 30 },
  );
  await groups.add(1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await groups.add(2);
  t.same(went, [[1], [2]]);
});

t.test('whatever the arrivals and hand-overs, every item goes once, in order, one group at a time', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 60 }), async (steps) => {
      const held = heldHandOn();
      const groups = liveGroups(held.handOn, { max: 1000, gapMs: 0 });
      let added = 0;
      for (const arrives of steps) {
        if (arrives) {
          const idle = held.going() === 0;
          await groups.add(added);
          if (idle) assert.deepEqual(held.groups.at(-1), [added], 'an item arriving when idle goes alone, at once');
          added += 1;
        } else if (held.going() > 0) await held.finish();
        assert.ok(held.going() <= 1, 'one group at a time');
      }
      while (held.going() > 0) await held.finish();
      await groups.drained();
      assert.deepEqual(
        held.groups.flat(),
        Array.from({ length: added }, (_, i) => i),
        'each item once, in order',
      );
    }),
    { numRuns: 200 },
  );
  t.pass('held for 200 runs');
});
