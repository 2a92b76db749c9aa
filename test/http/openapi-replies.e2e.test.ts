// /openapi.json describes every shape a client reads: the ledger as `npm start` builds it (API, read
// side, workspace) documents, for every operation, a 2xx reply with a schema that names its fields
// (not a bare `record<string, unknown>`), and its error replies.
import t from 'tap';
import { serve } from '../web/helpers/server.js';

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Reply {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  operationId?: string;
  responses?: Record<string, Reply>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

t.test('every operation of /openapi.json declares its 2xx reply schema and its error replies', async (t) => {
  const served = await serve(t);
  const res = await fetch(`${served.url}/openapi.json`);
  t.equal(res.status, 200);
  const doc = (await res.json()) as {
    paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
    components?: { schemas?: Record<string, Schema> };
  };

  const resolve = (schema: Schema): Schema => {
    let s = schema;
    for (let i = 0; i < 10 && s.$ref !== undefined; i++) {
      const name = s.$ref.replace(/^#\/components\/schemas\//, '');
      const target = doc.components?.schemas?.[name];
      if (target === undefined) return s;
      s = target;
    }
    return s;
  };
  /** Why a reply schema does not say what the client reads, or undefined when it does. */
  const vague = (schema: Schema | undefined): string | undefined => {
    if (schema === undefined) return 'no schema';
    const s = resolve(schema);
    if (s.$ref !== undefined) return `an unresolved ${s.$ref}`;
    const options = s.anyOf ?? s.oneOf ?? s.allOf;
    if (options !== undefined) return options.map(vague).find((why) => why !== undefined);
    if (s.type === undefined) return 'a schema without a type (anything)';
    const isObject = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'));
    if (isObject && Object.keys(s.properties ?? {}).length === 0)
      return 'an object that names no field (only additionalProperties)';
    return undefined;
  };

  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) =>
      item[method] === undefined ? [] : [{ name: `${method.toUpperCase()} ${path}`, path, op: item[method] }],
    ),
  );
  t.ok(operations.length >= 30, `${operations.length} operations documented`);
  for (const expected of [
    'GET /v1/positions',
    'GET /v1/issues/{issueId}/history',
    'GET /v1/audit/events',
    'POST /v1/audit/replay',
    'GET /v1/live',
    'GET /readyz',
    'GET /web/session',
  ]) {
    t.ok(
      operations.some((o) => o.name === expected),
      `${expected} is documented`,
    );
  }

  for (const { name, path, op } of operations) {
    const responses = Object.entries(op.responses ?? {});
    const success = responses.filter(([status]) => /^2\d\d$/.test(status));
    t.ok(success.length > 0, `${name} declares a 2xx reply`);
    for (const [status, reply] of success) {
      if (status === '204') continue; // No Content: nothing to describe
      const media = Object.entries(reply.content ?? {});
      t.ok(media.length > 0, `${name} ${status} declares what it sends`);
      for (const [type, { schema }] of media) {
        const why = type === 'text/event-stream' ? (schema === undefined ? 'no schema' : undefined) : vague(schema);
        t.equal(why, undefined, `${name} ${status} ${type} names the fields it sends`);
      }
    }
    if (path.startsWith('/v1/')) {
      t.ok(
        responses.some(([status]) => status === '401'),
        `${name} declares 401 (no or unknown bearer token)`,
      );
      t.ok(
        responses.some(([status]) => /^4\d\d$/.test(status) && status !== '401'),
        `${name} declares its other error replies`,
      );
    }
  }
});
