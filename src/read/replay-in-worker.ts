// An audit replay in a worker thread (replay-worker.ts), and the messages between the two. With the
// live index in a file and a store the worker can connect to, the server's thread does nothing for
// a replay but read these messages: the rebuild's and the comparison's CPU, garbage and disk writes
// are the worker's. (In the server's thread, slices kept each turn short, but a collection of a
// heap of a gigabyte or a write the kernel held back still stalled it: figures in ADR 0032.)
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { Classification } from '../../contracts/classification.js';
import type { AsOf } from '../../projections/as-of.js';
import type { ReplayProgress, ReplayReport } from './replay-report.js';
import { WORKER_BOOTSTRAP, workerModule } from '../worker-thread.js';

const WorkerInit = z.object({
  storeConnection: z.string(),
  livePath: z.string(),
  scratchPath: z.string(),
  format: z.string(),
  cachedEnvelopes: z.number().int().nonnegative().optional(),
  asOf: z.object({ validAt: z.string(), knownAt: z.string().nullable() }),
  clearance: Classification,
});
export type WorkerInit = z.infer<typeof WorkerInit>;

export function parseWorkerInit(data: unknown): WorkerInit | null {
  const parsed = WorkerInit.safeParse(data);
  return parsed.success ? parsed.data : null;
}

const Progress = z.object({
  type: z.literal('progress'),
  phase: z.enum(['rebuilding', 'comparing']),
  eventsReplayed: z.number(),
  eventsToReplay: z.number(),
  subjectsCompared: z.number(),
  subjectsToCompare: z.number().nullable(),
});

const FromReplayWorker = z.discriminatedUnion('type', [
  Progress,
  z.object({
    type: z.literal('done'),
    report: z.object({
      equal: z.boolean(),
      eventsReplayed: z.number(),
      eventsLive: z.number(),
      rejected: z.number(),
      ms: z.number(),
      rebuildMs: z.number(),
      compareMs: z.number(),
      differences: z.array(z.object({ path: z.string(), live: z.unknown(), rebuilt: z.unknown() })),
    }),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromReplayWorker = z.infer<typeof FromReplayWorker>;

export interface ReplayInWorker {
  /** The report, or the worker's failure. */
  readonly done: Promise<ReplayReport>;
  /** Ends the worker (the server is stopping); `done` then rejects. */
  stop(): Promise<void>;
}

export interface ReplayInWorkerOptions extends Omit<WorkerInit, 'asOf'> {
  asOf: AsOf;
  onProgress(progress: Omit<ReplayProgress, 'startedAt'>): void;
}

export function replayInWorker(options: ReplayInWorkerOptions): ReplayInWorker {
  const { onProgress, ...init } = options;
  const worker = new Worker(WORKER_BOOTSTRAP, {
    eval: true,
    workerData: { ...init, ...workerModule(import.meta.url, 'replay-worker') },
  });
  const done = new Promise<ReplayReport>((resolve, reject) => {
    let settled = false;
    worker.on('message', (raw: unknown) => {
      const parsed = FromReplayWorker.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'progress') {
        const { type: _type, ...progress } = message;
        onProgress(progress);
      } else if (message.type === 'done') {
        settled = true;
        resolve(message.report);
      } else {
        settled = true;
        reject(new Error(`the audit replay failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the audit replay's worker stopped (exit code ${code})`));
    });
  });
  return {
    done,
    async stop() {
      await worker.terminate();
    },
  };
}
