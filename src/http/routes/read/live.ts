// GET /v1/live: server-sent events, one per ledger event the read side has applied, so an open page
// re-reads what changed (the workspace, src/web). Each event says where it is (`id` = commit/prepare,
// as the audit cursor), its stream, type, both clocks and the read-index keys it is filed under
// (issue:<id>, consultation:<id>, ...); never its data, which the reads redact per reader.
//
// It is sent once the event is in the read index: a read made on receiving it sees the event. A
// browser reconnecting sends Last-Event-ID and gets every event after it first; a client more than
// RESUME_LIMIT events behind gets one `reset` event instead (re-read everything) and continues live.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logPositionFromJson } from '../../../../contracts/log-position.js';
import type { Checkpoint } from '../../../read/index-file.js';
import type { ReadSide } from '../../../read/read-side.js';
import { z } from 'zod';
import { HttpProblem, ProblemSchema } from '../../problem.js';

/** A reconnect this far behind gets a `reset` instead of the events it missed. */
export const RESUME_LIMIT = 1000;
/** Envelopes read from the index per page while sending. */
const PAGE = 200;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** How soon a browser reconnects after the stream breaks. */
const RETRY_MS = 1000;

const CURSOR = /^(\d{1,20})\/(\d{1,20})$/;

function cursorOf(request: FastifyRequest): Checkpoint | null | undefined {
  const header = request.headers['last-event-id'];
  if (header === undefined || header === '') return undefined;
  const match = typeof header === 'string' ? CURSOR.exec(header.trim()) : null;
  if (match === null) {
    throw HttpProblem.of('invalid_request', {
      detail: 'Last-Event-ID must be an id this stream sent (commit/prepare)',
      errors: [
        { in: 'headers', pointer: '/last-event-id', message: 'expected commit/prepare', code: 'invalid_format' },
      ],
    });
  }
  return { commit: BigInt(match[1] ?? '0'), prepare: BigInt(match[2] ?? '0') };
}

const frame = (id: string, event: string, data: unknown): string =>
  `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export async function liveReads(app: FastifyInstance, read: ReadSide): Promise<void> {
  const open = new Set<FastifyReply>();
  // A stream never ends by itself: end them all before the server waits for its connections.
  app.addHook('preClose', async () => {
    for (const reply of open) reply.raw.end();
    open.clear();
  });

  app.get(
    '/live',
    {
      schema: {
        summary:
          'Server-sent events: one per ledger event the read side has applied (stream, type, clocks, keys; no data). Resumes after Last-Event-ID',
        tags: ['read'],
        produces: ['text/event-stream'],
        response: {
          200: {
            description:
              'text/event-stream, open until the client leaves: `ready` (where it starts), `reset` (too far behind: re-read everything) and one `ledger` event per ledger event, its data a LiveEvent (contracts/read/live.ts)',
            content: {
              'text/event-stream': {
                schema: z
                  .string()
                  .describe('Server-sent events: `id: commit/prepare`, `event: ready | reset | ledger`, `data: JSON`'),
              },
            },
          },
          400: ProblemSchema.describe('Last-Event-ID is not an id this stream sent (invalid_request)'),
          401: ProblemSchema.describe('No or unknown bearer token'),
        },
      },
    },
    async (request, reply) => {
      const resumeFrom = cursorOf(request);
      const reached = read.status().position;
      const now: Checkpoint | null = reached === null ? null : logPositionFromJson(reached);
      let cursor: Checkpoint | null = resumeFrom ?? now;
      const behind = resumeFrom === undefined ? 0 : read.countAfter(resumeFrom);

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      open.add(reply);
      const idOf = (c: Checkpoint | null) => (c === null ? '0/0' : `${c.commit}/${c.prepare}`);
      let head = `retry: ${RETRY_MS}\n\n`;
      if (behind > RESUME_LIMIT) {
        cursor = now;
        head += frame(idOf(cursor), 'reset', { position: idOf(cursor), missed: behind });
      } else if (resumeFrom === undefined) {
        // The id a reconnect resumes from, even if nothing happens before the stream breaks.
        head += frame(idOf(cursor), 'ready', { position: idOf(cursor) });
      }
      raw.write(head);

      let sending = false;
      let waiting = false;
      const send = (): void => {
        if (sending || raw.writableEnded) return;
        sending = true;
        try {
          for (;;) {
            const page = read.liveEvents(cursor, PAGE);
            let text = '';
            for (const { at, event } of page) {
              cursor = at;
              text += frame(idOf(cursor), 'ledger', event);
            }
            if (text !== '' && !raw.write(text)) {
              // Wait for the client to take what was written before reading more.
              waiting = true;
              raw.once('drain', () => {
                waiting = false;
                send();
              });
              return;
            }
            if (page.length < PAGE) return;
          }
        } finally {
          sending = false;
        }
      };
      const stop = read.onProgress(() => {
        if (!waiting) send();
      });
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      raw.on('close', () => {
        stop();
        clearInterval(heartbeat);
        open.delete(reply);
      });
      send();
    },
  );
}
