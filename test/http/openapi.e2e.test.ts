// The OpenAPI document is generated from the same zod schemas that validate requests: every write route
// is in it, with its body, headers, answers and security; /docs is a browsable reference.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { COMMAND_TYPES } from '../../contracts/index.js';
import { openApi } from './helpers/api.js';
import { writeCases } from './helpers/writes.js';

t.test('the OpenAPI document', async (t) => {
  const api = await openApi(t);
  const res = await api.get('/openapi.json');
  t.equal(res.statusCode, 200);
  const doc = res.json();

  t.test('is OpenAPI 3 with bearer security', async (t) => {
    t.equal(doc.openapi, '3.0.3');
    t.match(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' });
    t.same(doc.security, [{ bearerAuth: [] }]);
  });

  t.test('has a write route for every command', async (t) => {
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
    );
    for (const type of COMMAND_TYPES) t.ok(operations.includes(type), `${type} is documented`);
  });

  for (const write of writeCases) {
    t.test(`documents POST ${write.path}`, async (t) => {
      const op = doc.paths[write.path]?.post;
      t.ok(op, 'listed');
      if (!op) return;
      t.equal(op.operationId, write.type);
      t.ok(op.summary);
      t.match(op.requestBody.content['application/json'].schema, { type: 'object', additionalProperties: false });
      const key = op.parameters.find(
        (p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key',
      );
      t.match(key, { required: true });
      t.ok(
        op.parameters.find((p: { name: string }) => p.name === 'if-match'),
        'If-Match is documented',
      );
      for (const status of ['201', '400', '401', '403', '409', '412', '413', '429', '503']) {
        t.ok(op.responses[status], `answer ${status} documented`);
      }
      t.ok(op.responses['409'].content['application/problem+json'].schema, 'errors are documented as problem+json');
      t.ok(op.responses['201'].content['application/json'].schema, 'the write result as JSON');
      for (const name of ['ETag', 'Location', 'Idempotent-Replayed'])
        t.ok(op.responses['201'].headers?.[name], `the ${name} header of a 201 is documented`);
    });
  }

  t.test("every write route shows an example body that passes the route's own validation", async (t) => {
    const token = await api.tokenFor('admin', 'MFA', 'top-secret');
    const sample: Record<string, string> = {
      processId: 'ahc',
      sessionId: 'ahc-1',
      issueId: 'ahc-scope',
      consultationId: randomUUID(),
      followUpId: 'commitment-4',
    };
    for (const write of writeCases) {
      const media = doc.paths[write.path]?.post?.requestBody?.content?.['application/json'];
      const example: unknown = media?.example ?? media?.schema?.example;
      t.type(example, 'object', `${write.type} has an example`);
      if (typeof example !== 'object' || example === null) continue;
      const url = write.path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name] ?? name);
      const res = await api.post(url, example, { token });
      t.not(
        res.statusCode,
        400,
        `${write.type}: the example is a valid body (${res.statusCode} ${res.json().code ?? ''})`,
      );
    }
  });

  t.test(
    'the If-Match description shows the ETag to send, not an empty ("") that /docs made of "<revision>"',
    async (t) => {
      const op = doc.paths['/v1/issues']?.post;
      const ifMatch = op?.parameters.find((p: { name: string }) => p.name === 'if-match');
      t.match(ifMatch?.description, /"3"/, 'an example ETag in the text');
      // /docs renders descriptions as Markdown, where <word> outside backticks is an HTML tag and vanishes.
      const descriptions = [...JSON.stringify(doc).matchAll(/"description":"((?:[^"\\]|\\.)*)"/g)].map(
        (m) => m[1] ?? '',
      );
      const swallowed = descriptions.filter((d) => /<[A-Za-z!/]/.test(d.replace(/`[^`]*`/g, '')));
      t.same(swallowed, [], 'no description holds an angle-bracket word outside backticks');
    },
  );

  t.test('documents the health routes without security', async (t) => {
    t.same(doc.paths['/healthz'].get.security, []);
    t.same(doc.paths['/readyz'].get.security, []);
  });

  t.test('/docs serves the browsable reference', async (t) => {
    const first = await api.get('/docs');
    const page =
      first.statusCode >= 300 && first.statusCode < 400 ? await api.get(String(first.headers.location)) : first;
    t.equal(page.statusCode, 200);
    t.match(page.headers['content-type'], /text\/html/);
    t.match(page.body, /swagger-ui/i);
    const init = await api.get('/docs/static/swagger-initializer.js');
    t.equal(init.statusCode, 200);
  });
});
