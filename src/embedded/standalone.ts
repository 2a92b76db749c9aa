// Runs the store in this process until SIGINT/SIGTERM: prints the connection string as the first
// line on stdout, logs (pino) to stderr, closes cleanly on a signal. Used by main.ts and `ledger store`.
import { pino } from 'pino';
import { startServer } from './server.js';
import { connectionStringFor } from './connection-string.js';
import { startMetricsServer, type MetricsServer } from '../metrics/server.js';

export interface StandaloneOptions {
  dataDir?: string | undefined;
  memory?: boolean | undefined;
  port?: number | undefined;
  host?: string | undefined;
  /** Serve the store's metrics (fsync latency, writes per commit) as Prometheus text on this port, at `host`. */
  metricsPort?: number | undefined;
}

export class StandaloneOptionsError extends Error {
  override readonly name = 'StandaloneOptionsError';
}

export function checkStandaloneOptions(options: StandaloneOptions): void {
  if (options.memory !== true && (options.dataDir === undefined || options.dataDir === '')) {
    throw new StandaloneOptionsError('Give --data <dir> (or --memory for a store that forgets on exit).');
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StandaloneOptionsError(`--port must be an integer between 0 and 65535, got ${String(options.port)}.`);
  }
  const metricsPort = options.metricsPort ?? 0;
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) {
    throw new StandaloneOptionsError(
      `--metrics-port must be an integer between 0 and 65535, got ${String(options.metricsPort)}.`,
    );
  }
}

/** Resolves when the store has closed after a signal. */
export async function runStandalone(options: StandaloneOptions, writeLine: (line: string) => void): Promise<void> {
  checkStandaloneOptions(options);
  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info' }, pino.destination(2));
  const server = await startServer({ ...options, memory: options.memory === true, logger });
  let metrics: MetricsServer | undefined;
  if (options.metricsPort !== undefined) {
    try {
      metrics = await startMetricsServer(server.metricsText, { host: server.host, port: options.metricsPort });
    } catch (error) {
      await server.close();
      throw error;
    }
    logger.info({ url: `${metrics.url}/metrics` }, 'store metrics listening');
  }
  writeLine(connectionStringFor(server.host, server.port));
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'closing embedded store');
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void Promise.all([metrics?.close(), server.close()]).then(
        () => resolve(),
        (error: unknown) => {
          logger.error({ err: error }, 'embedded store did not close cleanly');
          resolve();
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
