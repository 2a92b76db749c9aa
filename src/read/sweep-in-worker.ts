// The store sweep (store-sweep.ts) in a worker thread of its own (sweep-worker.ts), with its own store connection and
// its own reader of the Merkle log file: at 1M events the sweep reads and hashes every event for minutes, which on the
// server's thread held every request behind it (ADR 0076). The server's thread only receives the verdict.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { WORKER_BOOTSTRAP, workerModule } from '../worker-thread.js';
import { Break } from './integrity-thread.js';
import type { StoreVerification } from './store-sweep.js';

const SweepInit = z.object({
  storeConnection: z.string(),
  logFile: z.string(),
  verifierKeys: z.array(z.string()),
  origin: z.string(),
});
export type SweepInit = z.infer<typeof SweepInit>;

export function parseSweepInit(data: unknown): SweepInit | null {
  const parsed = SweepInit.safeParse(data);
  return parsed.success ? parsed.data : null;
}

const FromSweepWorker = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('done'),
    verification: z.object({
      ok: z.boolean(),
      breaks: z.array(Break),
      events: z.number(),
      leaves: z.number(),
      logSize: z.number(),
      root: z.string(),
      rootMatches: z.boolean(),
      checkpoint: z.object({ treeSize: z.number(), matches: z.boolean() }).nullable(),
    }),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromSweepWorker = z.infer<typeof FromSweepWorker>;

export interface SweepInWorker {
  /** One sweep in a fresh worker: its verdict, or its failure. */
  sweep(): Promise<StoreVerification>;
  /** Ends any sweep under way (the server is stopping): its promise rejects. */
  stop(): Promise<void>;
}

export function sweepInWorker(init: SweepInit): SweepInWorker {
  const running = new Set<Worker>();
  return {
    sweep() {
      const worker = new Worker(WORKER_BOOTSTRAP, {
        eval: true,
        workerData: { ...init, ...workerModule(import.meta.url, 'sweep-worker') },
      });
      running.add(worker);
      return new Promise<StoreVerification>((resolve, reject) => {
        let settled = false;
        const settle = (): void => {
          settled = true;
          running.delete(worker);
        };
        worker.on('message', (raw: unknown) => {
          const parsed = FromSweepWorker.safeParse(raw);
          if (!parsed.success) return;
          settle();
          if (parsed.data.type === 'done') resolve(parsed.data.verification);
          else reject(new Error(`the store sweep failed: ${parsed.data.message}`));
        });
        worker.on('error', (error) => {
          settle();
          reject(error);
        });
        worker.on('exit', (code) => {
          running.delete(worker);
          if (!settled) reject(new Error(`the store sweep's worker stopped (exit code ${code})`));
        });
      });
    },
    async stop() {
      await Promise.all([...running].map((w) => w.terminate()));
    },
  };
}
