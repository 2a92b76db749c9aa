// Messages between startEmbeddedStore (parent) and the worker thread running the server.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface WorkerInit {
  dataDir?: string | undefined;
  memory?: boolean | undefined;
  port?: number | undefined;
  host?: string | undefined;
  logLevel: LogLevel;
}

export type FromWorker =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'log'; level: LogLevel; obj: Record<string, unknown>; msg: string }
  | { type: 'closed' }
  | { type: 'metrics'; id: number; metrics: object[] }
  | { type: 'backed-up'; id: number; position: number; pages: number }
  | { type: 'backup-failed'; id: number; message: string };

/** `metrics`: the store's metrics registry as JSON, answered with the same id; `backup`: an online copy into `file`. */
export type ToWorker =
  { type: 'close' } | { type: 'metrics'; id: number } | { type: 'backup'; id: number; file: string };

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function levelEnabled(threshold: LogLevel, level: LogLevel): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(threshold);
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LEVELS as string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseFromWorker(value: unknown): FromWorker | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'listening':
      return typeof value.port === 'number' ? { type: 'listening', port: value.port } : null;
    case 'failed':
      return typeof value.code === 'string'
        ? { type: 'failed', message: String(value.message), code: value.code }
        : { type: 'failed', message: String(value.message) };
    case 'closed':
      return { type: 'closed' };
    case 'metrics':
      return typeof value.id === 'number' && Array.isArray(value.metrics)
        ? { type: 'metrics', id: value.id, metrics: value.metrics.filter(isRecord) }
        : null;
    case 'backed-up':
      return typeof value.id === 'number' && typeof value.position === 'number' && typeof value.pages === 'number'
        ? { type: 'backed-up', id: value.id, position: value.position, pages: value.pages }
        : null;
    case 'backup-failed':
      return typeof value.id === 'number'
        ? { type: 'backup-failed', id: value.id, message: String(value.message) }
        : null;
    case 'log':
      return isLogLevel(value.level) && isRecord(value.obj)
        ? { type: 'log', level: value.level, obj: value.obj, msg: String(value.msg) }
        : null;
    default:
      return null;
  }
}

export function parseInit(value: unknown): WorkerInit | null {
  if (!isRecord(value) || !isLogLevel(value.logLevel)) return null;
  const init: WorkerInit = { logLevel: value.logLevel };
  if (typeof value.dataDir === 'string') init.dataDir = value.dataDir;
  if (typeof value.memory === 'boolean') init.memory = value.memory;
  if (typeof value.port === 'number') init.port = value.port;
  if (typeof value.host === 'string') init.host = value.host;
  return init;
}

/** Errors are flattened so they survive structured cloning. */
export function cloneableLogObject(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    out[key] = value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
