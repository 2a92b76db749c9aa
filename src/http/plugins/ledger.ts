// Makes the application's ledger (src/application/ledger.ts) available to routes as `app.ledger`.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../../application/ledger.js';

export type LedgerPort = Pick<Ledger, 'execute'>;

declare module 'fastify' {
  interface FastifyInstance {
    ledger: LedgerPort;
  }
}

export interface LedgerPluginOptions {
  ledger: LedgerPort;
}

async function ledgerPlugin(app: FastifyInstance, options: LedgerPluginOptions): Promise<void> {
  app.decorate('ledger', options.ledger);
}

export default fp(ledgerPlugin, { name: 'ledger-ledger', fastify: '5.x' });
