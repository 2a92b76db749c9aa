// One tree's ledger assembled in this process (`assembleLedger`, as `serve` builds it), driven through `app.inject`
// for bench/http/inproc.ts: no sockets, no load generator on the same cores, so the API thread's CPU per keyed write
// moves by a few percent between rounds instead of the ±12 % of a load over HTTP (ADR 0055, 0057, 0059).
// `node --import tsx bench/http/inproc-worker.ts <tree> <data dir>`; reads commands on stdin, one a line:
// `round <writes>` answers one JSON line per round ({ writes, ok, mainUs, otherUs, threadsUs }); `quit` closes the
// ledger.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ledgerEnv } from './ledger-process.js';

const [tree, dataDir] = process.argv.slice(2);
if (tree === undefined || dataDir === undefined) throw new Error('usage: inproc-worker.ts <tree> <data dir>');
const from = (path: string): Promise<Record<string, unknown>> =>
  import(pathToFileURL(join(tree, path)).href) as Promise<Record<string, unknown>>;

/** utime + stime of one thread, µs (clock ticks of 10 ms). */
function threadCpuUs(tid: number | string): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
/** Every other thread's CPU, µs, in the order the threads were started (the store's worker before the checks'). */
const otherThreadsUs = (): Map<number, number> =>
  new Map(
    readdirSync('/proc/self/task')
      .map(Number)
      .filter((tid) => tid !== process.pid)
      .sort((a, b) => a - b)
      .map((tid) => [tid, threadCpuUs(tid)]),
  );

const env = ledgerEnv(dataDir);

const { loadConfig } = (await from('src/config.ts')) as { loadConfig: (e: NodeJS.ProcessEnv) => unknown };
const { processLogger } = (await from('src/cli/logger.ts')) as { processLogger: (l: unknown, f: unknown) => unknown };
const { createTokenStore } = (await from('src/auth/tokens.ts')) as {
  createTokenStore: (file: string) => { create(p: unknown, name: string): Promise<{ token: string }> };
};
const { assembleLedger } = (await from('src/boot/app.ts')) as {
  assembleLedger: (c: unknown, l: unknown) => Promise<{ app: Inject & { readSide: { ready(): Promise<void> } } }>;
};
interface Inject {
  inject(o: { method: string; url: string; headers: Record<string, string>; payload?: string }): Promise<{
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  }>;
  close(): Promise<void>;
}

const config = loadConfig(env) as { logLevel: unknown; logFormat: unknown };
const tokenStore = createTokenStore(join(dataDir, 'tokens.json'));
const desk = (
  await tokenStore.create(
    { id: 'bench-mfa-desk', agency: 'MFA', roles: ['negotiator', 'approver'], clearance: 'secret' },
    'bench: MFA desk',
  )
).token;
const officer = (
  await tokenStore.create(
    { id: 'bench-oag-officer', agency: 'OAG', roles: ['agency-officer'], clearance: 'confidential' },
    'bench: OAG officer',
  )
).token;
const { app } = await assembleLedger(config, processLogger(config.logLevel, config.logFormat));
await app.readSide.ready();

const CONCURRENT = 32;
const viewBody = JSON.stringify({
  issueId: 'ahc-scope',
  agency: 'OAG',
  stance: 'support-with-amendments',
  summary: { th: 'สนับสนุนโดยมีข้อแก้ไข', en: 'Supports with amendments' },
});

async function post(
  path: string,
  token: string,
  body: string,
): Promise<{ statusCode: number; location: string | undefined }> {
  const answer = await app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    payload: body,
  });
  return { statusCode: answer.statusCode, location: answer.headers['location'] as string | undefined };
}

async function consultations(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CONCURRENT; i += 1) {
    const answer = await post(
      '/v1/consultations',
      desk,
      JSON.stringify({
        title: { th: `ประชุมหารือทดสอบ ${i}`, en: `Bench consultation ${i}` },
        heldOn: '2026-11-25',
        convener: 'MFA',
        participants: ['MFA', 'OAG', 'RTP', 'NCSA'],
        agenda: ['ahc-scope'],
      }),
    );
    const id = answer.location?.split('/').at(-1);
    if (answer.statusCode !== 201 || id === undefined) throw new Error(`consultation: ${answer.statusCode}`);
    ids.push(id);
  }
  return ids;
}

const idle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function round(writes: number): Promise<object> {
  const targets = await consultations();
  await idle(500);
  if (session !== undefined) {
    await session.post('HeapProfiler.stopSampling').catch(() => undefined);
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const main0 = threadCpuUs(process.pid);
  const other0 = otherThreadsUs();
  let next = 0;
  let ok = 0;
  await Promise.all(
    targets.map(async (id) => {
      while (next < writes) {
        next += 1;
        const answer = await post(`/v1/consultations/${id}/views`, officer, viewBody);
        if (answer.statusCode === 201) ok += 1;
      }
    }),
  );
  await idle(1000); // the read side receives the events back
  const other1 = otherThreadsUs();
  // The threads that used CPU in the round, in the order they were started.
  const threadsUs = [...other1].map(([tid, us]) => us - (other0.get(tid) ?? 0)).filter((us) => us > 0);
  const otherUs = threadsUs.reduce((sum, us) => sum + us, 0);
  return { writes, ok, mainUs: threadCpuUs(process.pid) - main0, otherUs, threadsUs };
}

// INPROC_HEAP=<file>: V8's sampling heap profile (collected objects included) of the last round, written at `quit`.
const heapFile = process.env['INPROC_HEAP'];
const { Session } = await import('node:inspector/promises');
const session = heapFile === undefined ? undefined : new Session();
session?.connect();

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  const [command, arg] = line.trim().split(' ');
  if (command === 'round') process.stdout.write(`${JSON.stringify(await round(Number(arg ?? 1600)))}\n`);
  else if (command === 'quit') break;
}
if (session !== undefined && heapFile !== undefined) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  (await import('node:fs')).writeFileSync(heapFile, JSON.stringify(profile));
}
await app.close();
process.exit(0);
