// Read answers kept serialized (ADR 0045). A hot read (a position polled by every browser, the list of
// positions) is asked again and again of an index that has not changed: folding, redacting, giving
// instants in Bangkok time, checking the reply schema, serializing, hashing the ETag and walking the
// answer for the audit of classified reads each time cost several times what sending the bytes does.
// An answer is kept, per URL and clearance (the only thing of the reader an answer depends on:
// questions.ts), as its bytes after the frame's fields that change from request to request (asOf,
// asOfDate, axis, validAt, knownAt, the read side's position), with its ETag and what it shows above
// unclassified. It is used again only while it is still the answer:
// - the index has filed no event since (`size` unchanged): a write is seen by the next read, and a read
//   with minPosition has waited for its event to be filed before it looks here;
// - for a question about "now" (no asOf, or no validAt), only while "now" has not reached the next
//   valid or recorded time of any event in the index after the instant the answer was made for (an
//   upcoming session's, say): the answers of these routes depend on the point asked only through the
//   events' clocks, so between two clocks the answer is the same, whatever "now" is.
// Anything else (a miss, a frame the schema lays out otherwise) takes the path it always took, with
// the same bytes; test/http/read/answer-cache.e2e.test.ts compares the two.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClassifiedShown } from '../../../read/read-audit.js';

/** The fields of a read answer's frame that change from request to request, in the reply schemas' order. */
const FRAME = ['asOf', 'asOfDate', 'axis', 'validAt', 'knownAt', 'position'] as const;

/** The frame's fields the ETag leaves out: where the read side is, and when "now" was. */
const UNSTABLE: ReadonlySet<string> = new Set(['position', 'asOf', 'asOfDate', 'validAt', 'knownAt']);

export interface KeptAnswer {
  /** The index's size when the answer was made. */
  readonly indexSize: number;
  /** Whether it answers "now": then it holds for an instant in [from, until) (until null: any later one). */
  readonly aboutNow: boolean;
  readonly from: string;
  readonly until: string | null;
  /** The frame's fields the answer leaves to the request (a field of the answer with the same name replaces one). */
  readonly frame: readonly string[];
  /**
   * The serialized answer after those fields (`"field":...}`), as UTF-8 bytes: a string put together per request would
   * be measured again (its UTF-8 length for Content-Length) on every send.
   */
  readonly rest: Buffer;
  readonly etag: string;
  readonly shown: ClassifiedShown | null;
}

export interface AnswerCacheOptions {
  /** Answers kept at most (default 1000), and their bytes at most (default 64 MiB); least recently used go first. */
  maxAnswers?: number;
  maxBytes?: number;
}

/** Kept answers of one app (created with its routes: no module state). */
export class AnswerCache {
  readonly #answers = new Map<string, KeptAnswer>();
  readonly #maxAnswers: number;
  readonly #maxBytes: number;
  #bytes = 0;
  /** The key used last: asked again (a hot read), it is already where least-recently-used order puts it. */
  #newest: string | undefined;

  constructor(options: AnswerCacheOptions = {}) {
    this.#maxAnswers = options.maxAnswers ?? 1000;
    this.#maxBytes = options.maxBytes ?? 64 * 2 ** 20;
  }

  /** The answer kept for `key`, if it is still the answer for an index of `indexSize`, asked at `instant`. */
  get(key: string, indexSize: number, instant: string): KeptAnswer | undefined {
    const kept = this.#answers.get(key);
    if (kept === undefined) return undefined;
    const outside = instant < kept.from || (kept.until !== null && instant >= kept.until);
    if (kept.indexSize !== indexSize || (kept.aboutNow && outside)) {
      this.#forget(key, kept);
      return undefined;
    }
    if (key !== this.#newest) {
      this.#answers.delete(key);
      this.#answers.set(key, kept);
      this.#newest = key;
    }
    return kept;
  }

  set(key: string, answer: KeptAnswer): void {
    const before = this.#answers.get(key);
    if (before !== undefined) this.#forget(key, before);
    if (answer.rest.length > this.#maxBytes) return;
    this.#answers.set(key, answer);
    this.#newest = key;
    this.#bytes += answer.rest.length;
    for (const [oldest, kept] of this.#answers) {
      if (this.#answers.size <= this.#maxAnswers && this.#bytes <= this.#maxBytes) break;
      this.#forget(oldest, kept);
    }
  }

  get size(): number {
    return this.#answers.size;
  }

  #forget(key: string, kept: KeptAnswer): void {
    if (key === this.#newest) this.#newest = undefined;
    this.#answers.delete(key);
    this.#bytes -= kept.rest.length;
  }
}

/** The ETag of an answer: over what the reader sees, not the frame's fields that change per request. */
export function etagOf(body: Record<string, unknown>, payload: Record<string, unknown>): string {
  const stable = Object.fromEntries(Object.entries(body).filter(([key]) => key in payload || !UNSTABLE.has(key)));
  return `W/"${createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 27)}"`;
}

/** The frame's fields a request fills in, for an answer with `payload`'s fields. */
export function frameOf(payload: Record<string, unknown>): string[] {
  return FRAME.filter((field) => !(field in payload));
}

/** `"asOf":"...","asOfDate":...,` for the fields named, as JSON.stringify writes them. */
export function frameText(frame: readonly string[], values: Record<string, unknown>): string {
  let text = '';
  for (const field of frame) text += `${JSON.stringify(field)}:${JSON.stringify(values[field] ?? null)},`;
  return text;
}

/**
 * The part of `serialized` (the reply schema's serialization of a body with `values` in its frame) after the frame's
 * fields, or null when the schema lays the frame out otherwise (then the answer is not kept).
 */
export function restAfterFrame(
  serialized: string,
  frame: readonly string[],
  values: Record<string, unknown>,
): Buffer | null {
  const head = `{${frameText(frame, values)}`;
  return serialized.startsWith(head) && serialized.length > head.length + 1
    ? Buffer.from(serialized.slice(head.length))
    : null;
}

/** Sends a kept answer: the frame of this request, then the kept bytes; 304 when If-None-Match has its ETag. */
export function sendKept(
  request: FastifyRequest,
  reply: FastifyReply,
  kept: KeptAnswer,
  frame: Record<string, unknown>,
): FastifyReply {
  reply.header('etag', kept.etag).header('cache-control', 'private, no-cache').header('vary', 'authorization');
  if (matches(request.headers['if-none-match'], kept.etag)) return reply.code(304).send();
  if (request.method === 'GET') request.server.readAudit?.record(request, kept.shown);
  return reply.type('application/json; charset=utf-8').send(bytesOf(kept, headOf(kept.frame, frame)));
}

/** The last answer's bytes: the same kept answer after the same head is the same bytes, sent again as they are. */
let lastSent: { readonly kept: KeptAnswer; readonly head: Buffer; readonly bytes: Buffer } | undefined;

function bytesOf(kept: KeptAnswer, head: Buffer): Buffer {
  if (lastSent?.kept === kept && lastSent.head === head) return lastSent.bytes;
  const bytes = Buffer.allocUnsafe(head.length + kept.rest.length);
  head.copy(bytes, 0);
  kept.rest.copy(bytes, head.length);
  lastSent = { kept, head, bytes };
  return bytes;
}

/** The last head sent: consecutive requests mostly ask about the same millisecond, the read side at one position. */
let last: { readonly frame: readonly string[]; readonly values: readonly unknown[]; readonly head: Buffer } | undefined;

/** `{` and the frame's fields of `values`, as bytes. */
function headOf(frame: readonly string[], values: Record<string, unknown>): Buffer {
  if (last !== undefined && sameHead(last, frame, values)) return last.head;
  const head = Buffer.from(`{${frameText(frame, values)}`);
  last = { frame, values: frame.map((field) => values[field]), head };
  return head;
}

function sameHead(head: NonNullable<typeof last>, frame: readonly string[], values: Record<string, unknown>): boolean {
  if (head.frame !== frame) return false;
  for (let i = 0; i < frame.length; i += 1) if (values[frame[i] ?? ''] !== head.values[i]) return false;
  return true;
}

export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  return (
    ifNoneMatch !== undefined &&
    ifNoneMatch
      .split(',')
      .map((s) => s.trim())
      .includes(etag)
  );
}
