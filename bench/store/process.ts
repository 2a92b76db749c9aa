// Runs the standalone embedded store (src/embedded/main.ts) as a child process, so its memory can be read
// from /proc and it competes with the benchmark client the way a separate server does.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  pid: number;
  /** The first stdout line of the child (the store's connection string, or the floor server's port). */
  firstLine: string;
  /** ms from spawn to the first stdout line. */
  startupMs: number;
  stop(): Promise<void>;
}

export function startChild(script: string, args: string[]): Promise<ChildServer> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}${script}`, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} printed nothing within 120 s; stderr: ${stderr}`));
    }, 120_000);
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const pid = child.pid;
      if (pid === undefined) return reject(new Error(`${script} has no pid`));
      resolve({ child, pid, firstLine: line.trim(), startupMs: performance.now() - t0, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (code ${String(code)}, signal ${String(signal)}); stderr: ${stderr}`));
    });
  });
}

export function startStore(dataDir: string): Promise<ChildServer> {
  return startChild('src/embedded/main.ts', ['--data', dataDir, '--port', '0']);
}

/** A line of /proc/<pid>/status in bytes (VmHWM = peak resident set, VmRSS = current). */
export function procStatusBytes(pid: number, key: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${key} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** CPU time (user + system) the process has used so far, in ms (from /proc/<pid>/stat, 100 ticks/s). */
export function procCpuMs(pid: number): number {
  return statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/**
 * CPU time (user + system) of each thread of `pid` so far, in ms, by thread id, with the thread's name (from
 * /proc/<pid>/task/<tid>/stat: CPU only, not time spent waiting for a core). A thread that ends meanwhile is left out.
 */
export function threadCpuMs(pid: number): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: statCpuMs(stat) });
    } catch {
      // the thread ended
    }
  }
  return out;
}

/**
 * Each thread's scheduler times so far, in ms, by thread id (from /proc/<pid>/task/<tid>/schedstat): `run` on a core,
 * `wait` runnable in a run queue without one. A thread's wall time less both is time it was blocked (nothing to do).
 */
export function threadSchedMs(pid: number): Map<number, { run: number; wait: number }> {
  const out = new Map<number, { run: number; wait: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const [run = '0', wait = '0'] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      out.set(Number(tid), { run: Number(run) / 1e6, wait: Number(wait) / 1e6 });
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** utime + stime of a /proc stat line, in ms (100 ticks/s). */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
