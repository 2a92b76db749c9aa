// A write folds its stream on from the state kept for what an earlier write folded (ADR 0049): it must decide on
// exactly what a fold of the whole stream gives, whichever branch of the stream it continues.
import t from 'tap';
import { LedgerCommand } from '../../contracts/index.js';
import { foldKept } from '../../src/application/folds-kept.js';
import type { StreamEvent } from '../../src/application/stream-event.js';
import { deciderFor, fold, type RecordedEvent } from '../../src/domain/index.js';
import type { StoredEvent } from '../../src/store/adapter.js';
import { CONSULTATION, bi, convene, oagView, retract } from '../domain/fixtures.js';
import { history } from '../domain/spec.js';

/** Each recorded event as the write side meets it, a stored event of its own (what the kept state is keyed by). */
const asRead = (recorded: readonly RecordedEvent[]): StreamEvent[] =>
  recorded.map(({ event, eventId }, i) => ({
    event,
    eventId,
    metadata: {} as StreamEvent['metadata'],
    stored: {
      id: eventId,
      type: event.type,
      streamName: `consultation-${CONSULTATION}`,
      revision: BigInt(i),
      position: { commit: BigInt(i), prepare: BigInt(i) },
      recordedAt: new Date(0),
      data: event.data,
      metadata: {},
    } satisfies StoredEvent,
  }));

const decider = deciderFor(LedgerCommand.parse(oagView));
const view = (stance: 'listening' | 'support' | 'oppose', agency: 'OAG' | 'RTP' = 'OAG') => ({
  ...oagView,
  agency,
  stance,
  summary: bi(`${agency} ${stance}`),
});

t.test('each write of a growing stream decides on what a fold of the whole stream gives', async (t) => {
  const recorded = history(convene, view('listening'), view('support', 'RTP'), view('oppose'), view('support'));
  const withRetraction = [
    ...recorded,
    ...history(convene, view('listening'), view('support', 'RTP'), view('oppose'), view('support'), {
      ...retract('consultation', CONSULTATION, recorded[3]?.eventId ?? ''),
    }).slice(recorded.length),
  ];
  const read = asRead(withRetraction);
  for (let n = 1; n <= read.length; n += 1) {
    const prefix = read.slice(0, n);
    t.same(foldKept(decider, prefix), fold(decider, prefix), `after ${n} events`);
  }
});

t.test('a write on another branch of the stream (a lost race) folds its own events, not the kept branch', async (t) => {
  const base = asRead(history(convene, view('listening')));
  const ours = [...base, ...asRead(history(convene, view('listening'), view('oppose'))).slice(base.length)];
  const theirs = [...base, ...asRead(history(convene, view('listening'), view('support', 'RTP'))).slice(base.length)];
  t.same(foldKept(decider, base), fold(decider, base));
  t.same(foldKept(decider, ours), fold(decider, ours), 'our branch');
  t.same(foldKept(decider, theirs), fold(decider, theirs), 'the branch the store kept');
  t.same(foldKept(decider, ours), fold(decider, ours), 'our branch again, its kept state untouched by the other');
  const later = [
    ...theirs,
    ...asRead(history(convene, view('listening'), view('support', 'RTP'), view('support'))).slice(3),
  ];
  t.same(foldKept(decider, later), fold(decider, later), 'the store kept branch, written on');
});
