// Each request's logger (`request.log`), made only when something is logged through it (ADR 0048). Fastify gives
// every request a pino child bound to its request id; making one runs the logger's redaction over the bindings and
// cost ~3 % of the API thread under a hot read, for a logger that, at LOG_LEVEL=warn, logs nothing on a request
// that goes well. A call of a level that is off (`request.log.debug(...)` at info) returns at once, as pino's own
// does; anything else makes the child first and is the child's.
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

const LEVELS: ReadonlySet<PropertyKey> = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

const noop = (): void => undefined;

/** `parent.child(bindings, options)`, made on first use. */
export function lazyChild(parent: Logger, bindings: Bindings, options: ChildLoggerOptions): Logger {
  let child: Logger | undefined;
  const made = (): Logger => (child ??= parent.child(bindings, options));
  return new Proxy(parent, {
    get(_target, property) {
      if (child === undefined) {
        // The parent's level is the child's until the child's own is set (which makes the child).
        if (LEVELS.has(property)) {
          const level = property as 'info';
          if (!parent.isLevelEnabled(level)) return noop;
          return (...args: unknown[]): void => {
            const logger = made();
            Reflect.apply(logger[level], logger, args);
          };
        }
        // Fastify checks, for a logger of a factory of its own, that `child` is a function: it is, made when called.
        if (property === 'child') return (...args: Parameters<Logger['child']>) => made().child(...args);
        if (property === 'isLevelEnabled' || property === 'level' || property === 'levelVal')
          return property === 'isLevelEnabled' ? parent.isLevelEnabled.bind(parent) : parent[property];
      }
      const logger = made();
      const value: unknown = Reflect.get(logger, property, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
    set(_target, property, value) {
      return Reflect.set(made(), property, value);
    },
    has(_target, property) {
      return Reflect.has(made(), property);
    },
  });
}
