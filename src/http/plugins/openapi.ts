// The OpenAPI 3 document, generated from the routes' zod schemas (jsonSchemaTransform), served as JSON at
// /openapi.json and as a browsable reference at /docs. Register before any route: swagger collects routes
// as they are added.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export interface OpenApiPluginOptions {
  version: string;
}

async function openApiPlugin(app: FastifyInstance, options: OpenApiPluginOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Position Ledger API',
        version: options.version,
        description:
          "Event-sourced ledger of Thailand's negotiating positions. Every write needs a bearer token and an " +
          'Idempotency-Key; If-Match takes the ETag of the stream to write only if nobody wrote since. ' +
          'Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Token from `ledger token create`' },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openApiPlugin, { name: 'ledger-openapi', fastify: '5.x' });
