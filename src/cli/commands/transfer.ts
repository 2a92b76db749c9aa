// What `ledger export` and `ledger import` share: the store they open (like `ledger replay`: --url, else
// ESDB_URL, else the embedded store on DATA_DIR or the running ledger's), how the source is named in an
// export's header, and the progress bar (stderr, on a terminal only).
import { SingleBar } from 'cli-progress';
import { loadConfig, type Config } from '../../config.js';
import type { OpenedStore } from '../../boot/open-store.js';
import { processLogger } from '../logger.js';
import { complain } from '../terminal.js';

export async function openTransferStore(
  url: string | undefined,
  doing: string,
): Promise<{ config: Config; opened: OpenedStore }> {
  const config = loadConfig(process.env);
  // Loaded here, not at the top: each command loads only what it runs (ADR 0079).
  const { openStore } = await import('../../boot/open-store.js');
  const opened = await openStore(
    { ...config, esdbUrl: url ?? config.esdbUrl, embeddedStorePort: 0 },
    processLogger('warn', config.logFormat, process.stderr),
    { reachRunning: true },
  );
  if (opened.reachedRunning)
    complain(
      `The store in ${config.dataDir} is held by a running ledger: ${doing} through it (${opened.connectionString}).`,
    );
  return { config, opened };
}

/** The store as an export's header names it: never with credentials. */
export function sourceName(config: Config, opened: OpenedStore): string {
  if (opened.embedded || opened.reachedRunning) return `embedded store in ${config.dataDir}`;
  try {
    const url = new URL(opened.connectionString);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return 'EventStoreDB';
  }
}

/** A progress bar on stderr when it is a terminal; otherwise nothing. */
export function progressBar(label: string): { update(done: number, of: number): void; stop(): void } {
  if (process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% {value}/{total} events  {eta_formatted} left`,
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done, of) {
      if (!started) {
        bar.start(of, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
