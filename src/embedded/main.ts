// Stand-alone entry: `node --import tsx src/embedded/main.ts --data DIR --port N [--memory] [--host H]`.
// Prints the connection string as the first stdout line and serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { runStandalone } from './standalone.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string' },
    memory: { type: 'boolean', default: false },
    'metrics-port': { type: 'string' },
  },
  strict: true,
});

try {
  await runStandalone(
    {
      dataDir: values.data,
      port: Number(values.port),
      host: values.host,
      memory: values.memory,
      metricsPort: values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']),
    },
    (line) => process.stdout.write(`${line}\n`),
  );
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
