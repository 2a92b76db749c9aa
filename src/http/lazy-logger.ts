// Each request's logger (`request.log`), made only when something is logged through it (ADR 0048). Fastify gives
// every request a pino child bound to its request id; making one runs the logger's redaction over the bindings and
// cost ~3 % of the API thread under a hot read, for a logger that, at LOG_LEVEL=warn, logs nothing on a request
// that goes well. A call of a level that is off (`request.log.debug(...)` at info) returns at once, as pino's own
// does; anything else makes the child first and is the child's. One handler and one function per level serve every
// request's logger: nothing is made per request but the stand-in itself.
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

interface Pending {
  readonly parent: Logger;
  readonly bindings: Bindings;
  readonly options: ChildLoggerOptions;
  child: Logger | undefined;
}

/** What a stand-in gives for this key: its Pending (for the shared functions, called with the stand-in as `this`). */
const PENDING = Symbol('pending');

const made = (pending: Pending): Logger => (pending.child ??= pending.parent.child(pending.bindings, pending.options));

function pendingOf(self: unknown): Pending {
  return Reflect.get(self as object, PENDING) as Pending;
}

const noop = (): void => undefined;

/** `logger.<level>(...)` on the stand-in: the child is made for the line. */
const levels: ReadonlyMap<PropertyKey, (this: unknown, ...args: unknown[]) => void> = new Map(
  (['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const).map((level: Level) => [
    level,
    function (this: unknown, ...args: unknown[]): void {
      const logger = made(pendingOf(this));
      Reflect.apply(logger[level], logger, args);
    },
  ]),
);

function child(this: unknown, ...args: Parameters<Logger['child']>): unknown {
  return made(pendingOf(this)).child(...args);
}

function isLevelEnabled(this: unknown, level: string): boolean {
  return pendingOf(this).parent.isLevelEnabled(level);
}

const handler: ProxyHandler<Pending> = {
  get(pending, property) {
    if (property === PENDING) return pending;
    if (pending.child === undefined) {
      // The parent's level is the child's until the child's own is set (which makes the child).
      const level = levels.get(property);
      if (level !== undefined) return pending.parent.isLevelEnabled(property as Level) ? level : noop;
      // Fastify checks, for a logger of a factory of its own, that `child` is a function: it is, made when called.
      if (property === 'child') return child;
      if (property === 'isLevelEnabled') return isLevelEnabled;
      if (property === 'level' || property === 'levelVal') return pending.parent[property];
    }
    const logger = made(pending);
    const value: unknown = Reflect.get(logger, property, logger);
    return typeof value === 'function' ? value.bind(logger) : value;
  },
  set(pending, property, value) {
    return Reflect.set(made(pending), property, value);
  },
  has(pending, property) {
    return Reflect.has(made(pending), property);
  },
};

/** `parent.child(bindings, options)`, made on first use. */
export function lazyChild(parent: Logger, bindings: Bindings, options: ChildLoggerOptions): Logger {
  return new Proxy<Pending>({ parent, bindings, options, child: undefined }, handler) as unknown as Logger;
}
