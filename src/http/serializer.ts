// Replies are serialized through their route's zod reply schema (contracts/read/, ADR 0033): the answer
// is parsed by the schema compiled by zod (z.compile, as stored events are: ADR 0011), then
// JSON.stringify'd. A reply the schema refuses is a 500 (ResponseSerializationError), never sent.
//
// fastify-type-provider-zod's own serializerCompiler encodes (`safeEncode`), which zod runs on its
// interpreter only: 2-6 times JSON.stringify's time on the demo answers. Reply schemas carry no
// transforms or codecs, so parsing forward gives what encoding would, on zod's compiled path.
// Like any object schema, it leaves out keys the schema does not declare: the replies test
// (test/http/read/replies.e2e.test.ts) checks that every read answer loses nothing.
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler, ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

function zodSchemaOf(schema: unknown): z.ZodType | undefined {
  if (schema instanceof z.ZodType) return schema;
  if (typeof schema === 'object' && schema !== null && 'properties' in schema && schema.properties instanceof z.ZodType)
    return schema.properties;
  return undefined;
}

export const replySerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const schema = zodSchemaOf(route.schema);
  if (schema === undefined) return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  const compiled = z.compile(schema);
  return (data) => {
    const result = compiled.safeParse(data);
    if (!result.success) throw new ResponseSerializationError(route.method, route.url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
