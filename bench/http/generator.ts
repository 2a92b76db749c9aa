// The load generator in a process of its own (generator-process.ts), started once per measured load: the
// benchmark's process sends it a load, it answers with what it measured. Only data crosses, so a load is given by
// the paths of its connections instead of a function (ADR 0072).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadSpec } from './load.js';
import { CONNECTIONS } from './settings.js';

/** A load as data: connection i sends every request to paths[i]. */
export interface WireLoadSpec extends Omit<LoadSpec, 'pathFor'> {
  paths: string[];
}

export type GeneratorOrder = { type: 'run'; url: string; spec: WireLoadSpec; seconds: number } | { type: 'close' };

/** What the generator measured over one load. */
export interface GeneratorResult {
  /** 2xx answers. */
  ok: number;
  /** Latency of the 2xx answers, ms. */
  p50: number;
  p99: number;
  sent: number;
  otherStatuses: Record<string, number>;
  errors: number;
  /** autocannon's own duration of the load, s. */
  durationSeconds: number;
  /** Share of a core the generator's process used while the load ran. */
  busy: number;
}

export function parseGeneratorOrder(raw: unknown): GeneratorOrder | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const type = (raw as { type?: unknown }).type;
  return type === 'run' || type === 'close' ? (raw as GeneratorOrder) : undefined;
}

export function toWireSpec(spec: LoadSpec): WireLoadSpec {
  const { pathFor, ...rest } = spec;
  return { ...rest, paths: Array.from({ length: CONNECTIONS }, (_, i) => pathFor(i)) };
}

export interface Generator {
  run(url: string, spec: LoadSpec, seconds: number): Promise<GeneratorResult>;
  close(): Promise<void>;
}

type FromGenerator =
  { type: 'ready' } | { type: 'done'; result: GeneratorResult } | { type: 'failed'; message: string };

/** Starts the generator's process (Node's default V8 settings, tsx for the TypeScript) and waits until it listens. */
export async function startGenerator(): Promise<Generator> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./generator-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (): Promise<FromGenerator> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null): void =>
        reject(new Error(`the load generator exited (code ${String(code)}, signal ${String(signal)})`));
      child.once('exit', onExit);
      child.once('message', (message: FromGenerator) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const first = await next();
  if (first.type !== 'ready') throw new Error(`the load generator did not start: ${JSON.stringify(first)}`);
  return {
    async run(url, spec, seconds) {
      const answer = next();
      child.send({ type: 'run', url, spec: toWireSpec(spec), seconds } satisfies GeneratorOrder);
      const message = await answer;
      if (message.type === 'done') return message.result;
      throw new Error(`the load generator failed: ${message.type === 'failed' ? message.message : message.type}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies GeneratorOrder);
      }),
  };
}
