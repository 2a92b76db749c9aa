// The one body parser: `application/json` in UTF-8 and nothing else (docs/adr/0017-text-hygiene.md).
// Fastify's own parser decodes any charset as UTF-8 and turns invalid bytes into U+FFFD, and answers a
// `__proto__` key as malformed JSON; this one answers each case with its own code, before the body
// reaches a schema, so nothing is read or appended:
// - a charset other than UTF-8: 415 unsupported_charset;
// - bytes that are not UTF-8: 400 invalid_utf8;
// - not JSON (or empty): 400 malformed_json;
// - a key `__proto__` or `constructor` anywhere: 400 forbidden_json_key;
// - a string (anywhere) with a control character, a bidi control or a lone surrogate, or a title with
//   a line break or tab: 400 invalid_text, each field named by its JSON pointer.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { unsafeCharacterIn } from '../../../contracts/text.js';
import { HttpProblem, type ValidationIssue } from '../problem.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);
const UTF8_NAMES = new Set(['utf-8', 'utf8']);
/** Issues listed in one answer; the rest are counted. */
const MAX_ISSUES = 20;

/** The charset parameter of a Content-Type, lower-cased and unquoted; undefined without one. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  for (const parameter of contentType.split(';').slice(1)) {
    const [name = '', ...value] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset')
      return value
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
  }
  return undefined;
}

function pointerOf(path: readonly (string | number)[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

const describe: Record<string, string> = {
  control_character: 'a control character',
  bidi_control: 'a bidi control (embedding, override or isolate)',
  lone_surrogate: 'half of a surrogate pair (not a character)',
  line_break: 'a line break or tab (a title is one line)',
};

const MAYBE_REFUSED = /[\\\u007F-\u009F\u202A-\u202E\u2066-\u2069]|__proto__|constructor/;

/**
 * Whether the text of a body may hold what `refusedIn` refuses: a key `__proto__` or `constructor`, or a character
 * `unsafeCharacterIn` refuses. In a parsed body such a key or character comes either from an escape (a backslash in
 * the text) or from the text as it is; raw C0 controls (TAB and LF too) cannot be in a JSON string (JSON.parse
 * refuses them) and are only whitespace outside one, and a lone surrogate cannot come out of UTF-8. A body whose text
 * holds none of them needs no walk (ADR 0066: ~5 µs a keyed view); test/http/plugins/json-body.unit.test.ts checks
 * it.
 */
export function mayHoldRefused(text: string): boolean {
  return MAYBE_REFUSED.test(text);
}

/** Every key and string of a parsed body, checked without recursion (a deep body cannot overflow the stack). */
export function refusedIn(value: unknown): { forbidden: ValidationIssue[]; text: ValidationIssue[] } {
  const forbidden: ValidationIssue[] = [];
  const text: ValidationIssue[] = [];
  const stack: Array<{ value: unknown; path: (string | number)[] }> = [{ value, path: [] }];
  while (forbidden.length + text.length < MAX_ISSUES) {
    const item = stack.pop();
    if (item === undefined) break;
    const { value: node, path } = item;
    if (typeof node === 'string') {
      const found = unsafeCharacterIn(node, path.includes('title'));
      if (found !== undefined) {
        text.push({
          in: 'body',
          pointer: pointerOf(path),
          code: found.code,
          message: `contains ${describe[found.code] ?? 'a character that is not allowed'} (${found.codePoint}) at index ${found.index}`,
        });
      }
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], path: [...path, i] });
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      for (const key of keys.reverse()) {
        const child = [...path, key];
        if (FORBIDDEN_KEYS.has(key)) {
          forbidden.push({
            in: 'body',
            pointer: pointerOf(child),
            code: 'forbidden_key',
            message: `the key "${key}" is not accepted anywhere in a body`,
          });
          continue;
        }
        const keyProblem = unsafeCharacterIn(key, true);
        if (keyProblem !== undefined) {
          text.push({
            in: 'body',
            pointer: pointerOf(path),
            code: keyProblem.code,
            message: `a key contains ${describe[keyProblem.code] ?? 'a character that is not allowed'} (${keyProblem.codePoint})`,
          });
          continue;
        }
        stack.push({ value: (node as Record<string, unknown>)[key], path: child });
      }
    }
  }
  return { forbidden, text };
}

function summary(issues: readonly ValidationIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `body${i.pointer}: ${i.message}`)
    .join('; ');
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The body as a JSON value, or an HttpProblem thrown for each way it can be refused. */
export function parseJsonBody(contentType: string | undefined, body: Buffer): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && !UTF8_NAMES.has(charset)) {
    throw HttpProblem.of('unsupported_charset', {
      detail: `Send the body as JSON in UTF-8 (Content-Type: application/json; charset=utf-8), not ${charset}`,
    });
  }
  if (body.length === 0) throw HttpProblem.of('malformed_json', { detail: 'The body is empty' });
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw HttpProblem.of('invalid_utf8', { detail: 'The body holds bytes that are not UTF-8; send JSON in UTF-8' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw HttpProblem.of('malformed_json', {
      detail: `The body is not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}`,
    });
  }
  if (!mayHoldRefused(text)) return value;
  const { forbidden, text: textIssues } = refusedIn(value);
  if (forbidden.length > 0)
    throw HttpProblem.of('forbidden_json_key', { detail: summary(forbidden), errors: forbidden });
  if (textIssues.length > 0) throw HttpProblem.of('invalid_text', { detail: summary(textIssues), errors: textIssues });
  return value;
}

async function jsonBodyPlugin(app: FastifyInstance): Promise<void> {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request.headers['content-type'], typeof body === 'string' ? Buffer.from(body) : body));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined);
    }
  });
}

export default fp(jsonBodyPlugin, { name: 'ledger-json-body', fastify: '5.x' });
