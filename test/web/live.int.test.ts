// GET /v1/live: the server-sent events an open page follows. Each ledger event the read side has
// applied comes once, with where it is and what it touches, never its data; a reconnect with
// Last-Event-ID gets what it missed first.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { serve } from './helpers/server.js';
import { settledWithin } from '../helpers/bounded.js';

interface Frame {
  id: string | undefined;
  event: string;
  data: string;
}

/** Reads server-sent events from a streaming answer until `until` says enough (or 10 s pass). */
async function readFrames(res: Response, until: (frames: Frame[]) => boolean): Promise<Frame[]> {
  const reader = res.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let buffer = '';
  const deadline = Date.now() + 10_000;
  try {
    while (!until(frames) && Date.now() < deadline) {
      const { value, done } = await settledWithin(reader.read(), deadline - Date.now(), {
        value: undefined,
        done: true as const,
      });
      if (done === true) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const i = line.indexOf(':');
          if (i > 0) fields.set(line.slice(0, i), line.slice(i + 1).trimStart());
        }
        if (fields.has('data'))
          frames.push({
            id: fields.get('id'),
            event: fields.get('event') ?? 'message',
            data: fields.get('data') ?? '',
          });
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return frames;
}

const served = await serve(t);
const { url } = served;
const mfa = await served.token(['negotiator'], 'MFA', 'secret');
const auth = { authorization: `Bearer ${mfa}` };

async function write(path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { position: { commit: string } };
}

const registered = await write('/v1/processes', {
  processId: 'ahc',
  kind: 'treaty-negotiation',
  title: { th: 'กระบวนการทดสอบ', en: 'A test negotiation' },
  forum: 'UN',
});
// A live stream starts where the read side stands when it opens: wait until it has the process, so the
// first event the tests below see is their own write, however far the projector lags on a busy machine.
const caughtUp = await fetch(`${url}/v1/positions?minPosition=${registered.position.commit}`, { headers: auth });
if (caughtUp.status !== 200) throw new Error(`the read side did not reach the process: ${caughtUp.status}`);

t.test('needs a token like every read', async (t) => {
  t.equal((await fetch(`${url}/v1/live`)).status, 401);
});

t.test('a write shows on an open stream as an event naming its stream, type and keys, without its data', async (t) => {
  const res = await fetch(`${url}/v1/live`, { headers: auth });
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reading = readFrames(res, (frames) => frames.some((f) => f.event === 'ledger'));
  const written = await write('/v1/issues', {
    issueId: 'live-one',
    processId: 'ahc',
    code: 'LIVE-1',
    title: { th: 'ประเด็นสด', en: 'A live issue' },
  });
  const frames = await reading;
  t.equal(frames[0]?.event, 'ready', 'the stream first says where it starts');
  const ledger = frames.find((f) => f.event === 'ledger');
  t.ok(ledger !== undefined, 'the write arrived');
  const event = JSON.parse(ledger?.data ?? '{}') as {
    position: { commit: string };
    stream: string;
    type: string;
    keys: string[];
    data?: unknown;
  };
  t.equal(event.type, 'IssueRegistered');
  t.equal(event.stream, 'issue-live-one');
  t.equal(event.position.commit, written.position.commit);
  t.same(event.keys, ['issue:live-one', 'process:ahc']);
  t.equal(event.data, undefined, 'no data: readers read it redacted for themselves');
  t.equal(
    ledger?.id,
    `${event.position.commit}/${(event.position as { prepare?: string }).prepare}`,
    'the id is the position, to resume from',
  );
});

t.test('a reconnect with Last-Event-ID gets every event it missed, in order, then live ones', async (t) => {
  const first = await fetch(`${url}/v1/live`, { headers: auth });
  const ready = await readFrames(first, (frames) => frames.length >= 1);
  const resumeFrom = ready[0]?.id ?? '';
  t.match(resumeFrom, /^\d+\/\d+$/);
  // While nobody listens:
  await write('/v1/issues', { issueId: 'missed-a', processId: 'ahc', code: 'MISSED-A', title: { th: 'ก', en: 'A' } });
  await write('/v1/issues', { issueId: 'missed-b', processId: 'ahc', code: 'MISSED-B', title: { th: 'ข', en: 'B' } });
  const again = await fetch(`${url}/v1/live`, { headers: { ...auth, 'last-event-id': resumeFrom } });
  const reading = readFrames(again, (frames) => frames.filter((f) => f.event === 'ledger').length >= 3);
  await write('/v1/issues', { issueId: 'after-c', processId: 'ahc', code: 'AFTER-C', title: { th: 'ค', en: 'C' } });
  const frames = (await reading)
    .filter((f) => f.event === 'ledger')
    .map((f) => (JSON.parse(f.data) as { stream: string }).stream);
  t.same(frames, ['issue-missed-a', 'issue-missed-b', 'issue-after-c']);
});

t.test('a Last-Event-ID this stream never sent is a 400', async (t) => {
  const res = await fetch(`${url}/v1/live`, { headers: { ...auth, 'last-event-id': 'yesterday' } });
  t.equal(res.status, 400);
  t.equal(((await res.json()) as { code: string }).code, 'invalid_request');
});
