// Makes the application's ledger (src/application/ledger.ts) available to routes as `app.ledger`, with a
// deadline on every write: the event store client puts none on reads and appends, so a store that
// accepts connections but does not answer (frozen, or behind a network that drops packets) would hold a
// write, and every write queued behind it on the same stream, for as long as that lasts. A write not
// done within `writeTimeoutMs` (REQUEST_TIMEOUT_MS) is answered 503 store_unavailable with Retry-After;
// the ledger is told through `signal` (a flag) and drops it if it has not appended yet (a write already sent to
// the store may still land: its Idempotency-Key makes the client's retry safe either way).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { ExecuteContext, Ledger } from '../../application/ledger.js';
import { StoreUnavailableError } from '../../store/errors.js';

export type LedgerPort = Pick<Ledger, 'execute'>;

declare module 'fastify' {
  interface FastifyInstance {
    ledger: LedgerPort;
  }
}

export interface LedgerPluginOptions {
  ledger: LedgerPort;
  /** How long a write may take before it is answered 503 store_unavailable; none when undefined. */
  writeTimeoutMs?: number;
}

/** `ledger` whose writes give up after `ms`. */
export function withWriteDeadline(ledger: LedgerPort, ms: number): LedgerPort {
  return {
    async execute(command, ctx: ExecuteContext) {
      // What the ledger is told: a flag it reads before it appends, set when the deadline passes. Not an
      // AbortSignal: making one (an EventTarget) cost ~7 µs of the API thread a write (ADR 0066), and nothing
      // listens to it. A plain timer, cleared with the write: AbortSignal.timeout costs ~15 µs a write (a timer
      // tracked through a FinalizationRegistry) and its timer outlives the write (ADR 0049).
      const signal = { aborted: false };
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // The answer first, then the ledger told: what it throws on being told is not the answer.
          reject(new StoreUnavailableError(`The event store did not complete the write within ${ms} ms`));
          signal.aborted = true;
        }, ms);
        // Like AbortSignal.timeout's: a write in flight does not keep the process alive.
        timer.unref();
      });
      try {
        return await Promise.race([ledger.execute(command, { ...ctx, signal }), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function ledgerPlugin(app: FastifyInstance, options: LedgerPluginOptions): Promise<void> {
  app.decorate(
    'ledger',
    options.writeTimeoutMs === undefined ? options.ledger : withWriteDeadline(options.ledger, options.writeTimeoutMs),
  );
}

export default fp(ledgerPlugin, { name: 'ledger-ledger', fastify: '5.x' });
