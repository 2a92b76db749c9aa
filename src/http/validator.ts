// Requests are validated through their route's zod schemas compiled by zod (z.compile, as stored events and replies
// are: ADR 0011, ./serializer.ts): fastify-type-provider-zod's validatorCompiler runs zod's interpreter, whose one
// `run` per kind of schema, shared by every route, goes megamorphic in a serving process. A compiled schema tries its
// generated parser first and falls back to the interpreter when that refuses, so a request that fails gets the very
// issues it got before (the problem+json answers of test/http), and one that passes the same value (ADR 0066).
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const compiledValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) =>
  validatorCompiler({ ...route, schema: route.schema instanceof z.ZodType ? z.compile(route.schema) : route.schema });
