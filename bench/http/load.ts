// One load: autocannon against a server in another process, CONNECTIONS connections for DURATION_SECONDS after an
// uncounted warm-up, the server idle before each. measureLoad runs autocannon in a process of its own
// (generator.ts); runLoad runs it in the caller's process, for the diagnostic harnesses that follow each request
// (ab.ts, tail.ts, ab-reads.ts) and for the generator's process itself. measureLoad gives the rate
// of 2xx answers, their latency percentiles, the other statuses, and the server process's CPU time
// per request (from /proc, until it is idle again, over every request sent).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { procCpuMs } from '../store/process.js';
import { startGenerator } from './generator.js';
import { settle } from './settle.js';
import { CONNECTIONS, DURATION_SECONDS, TIMEOUT_SECONDS, WARM_UP_SECONDS } from './settings.js';

export interface LoadSpec {
  method: 'GET' | 'POST';
  /** The path connection `i` (0 .. CONNECTIONS - 1) sends all its requests to. */
  pathFor(connection: number): string;
  token?: string;
  body?: string;
  /** A fresh Idempotency-Key on every request. */
  keyed: boolean;
}

export interface LoadResult {
  /** 2xx answers per second. */
  rate: number;
  /** Latency of the 2xx answers, ms. */
  p50: number;
  p99: number;
  answered: number;
  /** Requests sent during the measured seconds (the answered ones and those still in flight at the end). */
  sent: number;
  /** Answers other than 2xx, by status, and requests that got no answer (errors, timeouts). */
  otherStatuses: Record<string, number>;
  errors: number;
  /**
   * CPU time (user + system) of the server process per request sent, from the start of the load until the server is
   * idle again, µs.
   */
  serverCpuUs: number;
  /** Share of a core the load generator (this process) used. */
  generatorBusy: number;
  /** How long the server took to become idle after the load (its handlers of abandoned requests), ms. */
  drainMs: number;
}

export interface LoadListener {
  sent(): void;
  answered(status: number, ms: number): void;
}

/** `spec` against `url` for `seconds` (CONNECTIONS connections), each request and answer told to `listen`. */
export function runLoad(
  url: string,
  spec: LoadSpec,
  seconds: number,
  listen: LoadListener,
): Promise<autocannon.Result> {
  const headers: Record<string, string> = {};
  if (spec.token !== undefined) headers['authorization'] = `Bearer ${spec.token}`;
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  const withKey = (request: autocannon.Request): autocannon.Request => ({
    ...request,
    headers: { ...request.headers, 'idempotency-key': randomUUID() },
  });
  let connection = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: TIMEOUT_SECONDS,
    setupClient(client) {
      const path = spec.pathFor(connection);
      connection += 1;
      client.setRequests([
        {
          method: spec.method,
          path,
          headers,
          ...(spec.body === undefined ? {} : { body: spec.body }),
          ...(spec.keyed ? { setupRequest: withKey } : {}),
        },
      ]);
      // 'request' (one sent) is an event of autocannon's Client its type declarations leave out.
      const events: NodeJS.EventEmitter = client;
      events.on('request', () => listen.sent());
      client.on('response', (status: number, _bytes: number, ms: number) => listen.answered(status, ms));
    },
  });
}

/**
 * Warms up (`warmUpSeconds`, WARM_UP_SECONDS unless said), then measures `spec` against the server at `url` whose
 * process is `pid`, with the load generator in a process of its own (generator.ts, ADR 0072). `baselineCpuMs`: see
 * settle.ts (a server under `--cpu-prof` is never idle by the plain measure).
 */
export async function measureLoad(
  url: string,
  pid: number,
  spec: LoadSpec,
  options: { baselineCpuMs?: number; warmUpSeconds?: number } = {},
): Promise<LoadResult> {
  const baselineCpuMs = options.baselineCpuMs ?? 0;
  const generator = await startGenerator();
  try {
    await settle(pid, baselineCpuMs);
    await generator.run(url, spec, options.warmUpSeconds ?? WARM_UP_SECONDS);
    await settle(pid, baselineCpuMs);
    const cpu0 = procCpuMs(pid);
    const measured = await generator.run(url, spec, DURATION_SECONDS);
    const drainMs = await settle(pid, baselineCpuMs);
    const cpuMs = procCpuMs(pid) - cpu0;
    const answered = measured.ok + Object.values(measured.otherStatuses).reduce((a, b) => a + b, 0);
    return {
      rate: measured.ok / measured.durationSeconds,
      p50: measured.p50,
      p99: measured.p99,
      answered,
      sent: measured.sent,
      otherStatuses: measured.otherStatuses,
      errors: measured.errors,
      serverCpuUs: measured.sent === 0 ? Number.NaN : (cpuMs * 1000) / measured.sent,
      generatorBusy: measured.busy,
      drainMs,
    };
  } finally {
    await generator.close();
  }
}
