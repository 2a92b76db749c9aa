// Every write route of the API: one per row of the write table (./table.ts), each made by
// ./write-route.ts.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { writeTable } from './table.js';
import { compiledValidatorCompiler } from '../../validator.js';

/**
 * The write headers are parsed by each route's preValidation (with their own problem codes), which runs before
 * validation: their schema is for the OpenAPI document, and checking it again would only cost time (ADR 0049).
 */
const headersParsedBefore: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === 'headers' ? () => true : compiledValidatorCompiler(route);

async function writeRoutes(app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(headersParsedBefore);
  // Parsed once per write, by its preValidation (write-route.ts).
  app.decorateRequest('writeHeaders', null);
  for (const row of writeTable) row.register(app);
}

/** Encapsulated (its routes and hooks stay in the /v1 scope), but named with what it needs. */
export default fp(writeRoutes, {
  name: 'ledger-write-routes',
  fastify: '5.x',
  dependencies: ['ledger-auth', 'ledger-ledger'],
  encapsulate: true,
});
