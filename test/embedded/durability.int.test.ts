// Durability: the standalone store runs as a child process on a temp data dir while several writers append
// multi-event batches through the official client; the child is SIGKILLed a random delay after the round's
// first acknowledgement, restarted on the same files, and every acknowledged append must be there, in
// order, with no partial append visible. DURABILITY_ROUNDS makes it longer (`npm run fuzz` runs 20 rounds).
import t from 'tap';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, FORWARDS, jsonEvent, START } from '@eventstore/db-client';
import { settledWithin } from '../helpers/bounded.js';

const ROUNDS = Number(process.env['DURABILITY_ROUNDS'] ?? 3);
const WRITERS = 8;
const mainFile = fileURLToPath(new URL('../../src/embedded/main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

interface RunningStore {
  child: ChildProcess;
  connectionString: string;
}

function startStore(dataDir: string): Promise<RunningStore> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile, '--data', dataDir, '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the store did not print its connection string within 30 s; stderr: ${stderr}`));
    }, 30_000);
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.once('line', (line) => {
      clearTimeout(timer);
      if (!line.startsWith('esdb://')) reject(new Error(`unexpected first line: ${line}`));
      else resolve({ child, connectionString: line.trim() });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the store exited early (code ${String(code)}, signal ${String(signal)}); stderr: ${stderr}`));
    });
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Ack {
  stream: string;
  appendId: string;
  count: number;
}

interface Stored {
  stream: string;
  appendId: string;
  index: number;
  count: number;
}

function parse(data: unknown, stream: string): Stored | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const appendId: unknown = Reflect.get(data, 'appendId');
  const index: unknown = Reflect.get(data, 'index');
  const count: unknown = Reflect.get(data, 'count');
  if (typeof appendId !== 'string' || typeof index !== 'number' || typeof count !== 'number') return undefined;
  return { stream, appendId, index, count };
}

/** Splits a sequence of stored events into appends, failing on any partial or interleaved append. */
function groups(events: Stored[]): { appends: { appendId: string; stream: string }[]; problems: string[] } {
  const appends: { appendId: string; stream: string }[] = [];
  const problems: string[] = [];
  let i = 0;
  while (i < events.length) {
    const head = events[i];
    if (!head) break;
    if (head.index !== 0) problems.push(`append ${head.appendId} starts at index ${head.index}`);
    for (let j = 0; j < head.count; j += 1) {
      const e = events[i + j];
      if (!e || e.appendId !== head.appendId || e.index !== j) {
        problems.push(`append ${head.appendId} of ${head.count} events is partial or interleaved at index ${j}`);
        break;
      }
    }
    appends.push({ appendId: head.appendId, stream: head.stream });
    i += head.count;
  }
  return { appends, problems };
}

/** The assertion the verifier needs from a tap test. */
type Same = (found: unknown, wanted: unknown, message: string) => void;

async function verify(
  same: Same,
  connectionString: string,
  acked: Ack[],
  streams: string[],
  label: string,
): Promise<void> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    const ackedIds = new Set(acked.map((a) => a.appendId));
    for (const stream of streams) {
      const stored: Stored[] = [];
      try {
        for await (const e of client.readStream(stream)) {
          const parsed = parse(e.event?.data, stream);
          if (parsed) stored.push(parsed);
        }
      } catch (error) {
        if (acked.some((a) => a.stream === stream)) throw error;
        continue;
      }
      const { appends, problems } = groups(stored);
      same(problems, [], `${label}: ${stream} has no partial append`);
      const present = appends.map((a) => a.appendId);
      const ackedHere = acked.filter((a) => a.stream === stream).map((a) => a.appendId);
      const presentAcked = present.filter((id) => ackedIds.has(id));
      same(presentAcked, ackedHere, `${label}: ${stream} holds all ${ackedHere.length} acknowledged appends in order`);
    }
    const all: Stored[] = [];
    const ours = new Set(streams);
    for await (const e of client.readAll({ fromPosition: START, direction: FORWARDS })) {
      if (!e.event || !ours.has(e.event.streamId)) continue;
      const parsed = parse(e.event.data, e.event.streamId);
      if (parsed) all.push(parsed);
    }
    same(groups(all).problems, [], `${label}: every append is contiguous in $all`);
  } finally {
    await client.dispose();
  }
}

/** How long a round waits for its first acknowledged append before it gives up (a very loaded machine). */
const FIRST_ACK_TIMEOUT_MS = 60_000;

interface Round {
  attempted: number;
  /** ms from the first acknowledgement to the SIGKILL, or null when no append was acknowledged in time. */
  killedAfterFirstAckMs: number | null;
}

/**
 * Writers append until the store dies. The kill comes a random delay after the first acknowledgement of
 * the round (not a fixed time after the start), so every round kills a store that has acknowledged
 * appends and still has others in flight, however slow the machine is.
 */
async function writeUntilKilled(
  connectionString: string,
  streams: string[],
  acked: Ack[],
  extraDelayMs: number,
  child: ChildProcess,
): Promise<Round> {
  const client = EventStoreDBClient.connectionString(connectionString);
  let stop = false;
  let attempted = 0;
  let firstAck: () => void = () => undefined;
  const acknowledged = new Promise<boolean>((resolve) => {
    firstAck = () => resolve(true);
    setTimeout(() => resolve(false), FIRST_ACK_TIMEOUT_MS).unref();
  });
  const writer = async (stream: string): Promise<void> => {
    while (!stop) {
      const appendId = randomUUID();
      const count = 1 + Math.floor(Math.random() * 5);
      const events = Array.from({ length: count }, (_, index) =>
        jsonEvent({ type: 'Durable', data: { appendId, index, count, pad: 'd'.repeat(200) } }),
      );
      attempted += 1;
      try {
        await client.appendToStream(stream, events, { deadline: FIRST_ACK_TIMEOUT_MS });
        acked.push({ stream, appendId, count });
        firstAck();
      } catch {
        stop = true;
      }
    }
  };
  const writers = streams.map((s) => writer(s));
  const gotAck = await acknowledged;
  if (gotAck) await new Promise((resolve) => setTimeout(resolve, extraDelayMs));
  await kill(child);
  stop = true;
  await settledWithin(Promise.allSettled(writers), 15_000, undefined);
  await client.dispose().catch(() => undefined);
  return { attempted, killedAfterFirstAckMs: gotAck ? extraDelayMs : null };
}

t.test('every acknowledged append survives SIGKILL at random moments, whole and in order', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-durability-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const streams = Array.from({ length: WRITERS }, (_, i) => `durable-${i}-${randomUUID()}`);
  const acked: Ack[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const running = await startStore(dataDir);
    t.teardown(() => kill(running.child));
    if (round > 1)
      await verify(
        (f, w, m) => t.same(f, w, m),
        running.connectionString,
        acked,
        streams,
        `after restart ${round - 1}`,
      );
    const before = acked.length;
    const extraDelayMs = Math.floor(Math.random() * 1_000);
    const { attempted, killedAfterFirstAckMs } = await writeUntilKilled(
      running.connectionString,
      streams,
      acked,
      extraDelayMs,
      running.child,
    );
    t.not(
      killedAfterFirstAckMs,
      null,
      `round ${round}: an append was acknowledged within ${FIRST_ACK_TIMEOUT_MS / 1000} s`,
    );
    t.ok(
      acked.length > before,
      `round ${round}: ${acked.length - before} of ${attempted} appends acknowledged before SIGKILL ${String(killedAfterFirstAckMs)} ms after the first`,
    );
  }
  const final = await startStore(dataDir);
  t.teardown(() => kill(final.child));
  await verify((f, w, m) => t.same(f, w, m), final.connectionString, acked, streams, 'after the last restart');
  await kill(final.child);
});
