// Worker-thread entry: runs the server and reports to the parent (see index.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { startServer } from './server.js';
import type { StoreLogger } from './core.js';
import { cloneableLogObject, levelEnabled, parseInit, type FromWorker, type LogLevel } from './worker-protocol.js';

const port = parentPort;
const init = parseInit(workerData);

function post(message: FromWorker): void {
  port?.postMessage(message);
}

function forwardingLogger(threshold: LogLevel): StoreLogger {
  const at =
    (level: LogLevel) =>
    (obj: object, msg?: string): void => {
      if (levelEnabled(threshold, level)) post({ type: 'log', level, obj: cloneableLogObject(obj), msg: msg ?? '' });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function run(): Promise<void> {
  if (port === null || init === null) throw new Error('worker started without a parent port or valid init data');
  const server = await startServer({ ...init, logger: forwardingLogger(init.logLevel) });
  port.on('message', (message: unknown) => {
    if (
      typeof message === 'object' &&
      message !== null &&
      'type' in message &&
      message.type === 'metrics' &&
      'id' in message &&
      typeof message.id === 'number'
    ) {
      const { id } = message;
      void server.metrics().then((metrics) => post({ type: 'metrics', id, metrics }));
      return;
    }
    if (
      typeof message === 'object' &&
      message !== null &&
      'type' in message &&
      message.type === 'backup' &&
      'id' in message &&
      typeof message.id === 'number' &&
      'file' in message &&
      typeof message.file === 'string'
    ) {
      const id = message.id;
      server.backup(message.file).then(
        (copy) => post({ type: 'backed-up', id, position: copy.position, pages: copy.pages }),
        (error: unknown) =>
          post({ type: 'backup-failed', id, message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    if (typeof message === 'object' && message !== null && 'type' in message && message.type === 'close') {
      void server.close().finally(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  post({ type: 'listening', port: server.port });
}

run().catch((error: unknown) => {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  post({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
    ...(code === undefined ? {} : { code }),
  });
  port?.close();
});
