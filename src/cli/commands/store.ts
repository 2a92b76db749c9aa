// `ledger store --data <dir> --port <n> [--memory]`: runs the embedded EventStoreDB-compatible store
// alone. Prints its connection string as the first stdout line, serves until SIGINT/SIGTERM.
import { InvalidArgumentError, type Command } from 'commander';
import { complain, say } from '../terminal.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('Give an integer between 0 and 65535 (0 picks a free port).');
  }
  return port;
}

export function registerStoreCommand(program: Command): void {
  program
    .command('store')
    .description('Run the embedded EventStoreDB-compatible store (gRPC on SQLite) until SIGINT/SIGTERM')
    .option('--data <dir>', 'directory of the SQLite files', './data')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 2113)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--memory', 'keep events in memory only (lost on exit)', false)
    .option(
      '--metrics-port <n>',
      "serve the store's metrics (fsync latency) as Prometheus text on this port, at --host",
      parsePort,
    )
    .action(async (options: { data: string; port: number; host: string; memory: boolean; metricsPort?: number }) => {
      // Loaded here, not at the top: the other commands do without the store's server (ADR 0079).
      const { runStandalone } = await import('../../embedded/standalone.js');
      try {
        await runStandalone(
          {
            dataDir: options.data,
            port: options.port,
            host: options.host,
            memory: options.memory,
            metricsPort: options.metricsPort,
          },
          (line) => say(line),
        );
      } catch (error) {
        complain(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      }
    });
}
