// Writes ReadResp messages to a server-streaming call: events (with link resolution), confirmation,
// caught-up, checkpoints; respects back-pressure (waits for 'drain') and cancellation.
import { once } from 'node:events';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { streamsPb, type ReadReq, type ReadResp } from '../proto.js';
import type { StoreCore } from '../core.js';
import { isTombstoneRevision, type StoredRecord } from '../model.js';
import { recordedEvent, streamIdentifier, type EncodeContext } from './convert.js';
import { encodeReadEvent, encodeReadEventFrames, type ReadItem } from './wire.js';
import { framedWriter } from './framed-writes.js';
import type { MalformedRequest } from './service-definitions.js';
import { toRpcError } from './rpc-errors.js';

const LINK_TYPE = '$>';
/** A fixed abort reason: abort() without one builds a DOMException (with a stack) per call. */
const DONE = Symbol('read finished');
const LINK_RE = /^(\d+)@(.+)$/s;

export interface ReadOutput {
  readonly signal: AbortSignal;
  /** Sends the records; resolves once the transport can take more (back-pressure). */
  sendRecords(records: StoredRecord[]): Promise<void>;
  confirmation(id: string): void;
  caughtUp(): void;
  checkpoint(position: number): void;
  streamNotFound(stream: string): void;
  fail(error: unknown): void;
  /** `exhausted`: the read ran out of records (rather than reaching its count). */
  end(exhausted: boolean): void;
}

export function createReadOutput(
  core: StoreCore,
  call: ServerWritableStream<ReadReq | MalformedRequest, Buffer>,
  options: { resolveLinks: boolean; structuredIds: boolean },
): ReadOutput {
  const controller = new AbortController();
  const abort = (): void => controller.abort(DONE);
  call.on('cancelled', abort);
  call.on('close', abort);
  call.on('error', abort);
  core.closing.addEventListener('abort', abort, { once: true });
  controller.signal.addEventListener('abort', () => core.closing.removeEventListener('abort', abort), { once: true });
  const encode: EncodeContext = { structuredIds: options.structuredIds, streamIds: new Map() };
  let finished = false;

  function resolveLink(link: StoredRecord): StoredRecord | null | 'not-a-link' {
    const match = LINK_RE.exec(Buffer.from(link.data).toString('utf8'));
    if (match === null || match[1] === undefined || match[2] === undefined) return 'not-a-link';
    const revision = Number(match[1]);
    const stream = match[2];
    const view = core.log.view(stream, Date.now());
    if (view.kind !== 'visible' || revision < view.minRevision || revision > view.last) return null;
    const target = core.log.recordAt(stream, revision);
    if (target === undefined || target.createdMs < view.minCreatedMs) return null;
    return target;
  }

  const streamCache = new Map<string, Buffer>();

  /** The generated classes, for the rare structured-id reads. */
  function readEventMessage(event: StoredRecord | null, link: StoredRecord | null, position: number): Buffer {
    const readEvt = new streamsPb.ReadResp.ReadEvent();
    if (event !== null) readEvt.setEvent(recordedEvent(event, encode));
    if (link !== null) readEvt.setLink(recordedEvent(link, encode));
    readEvt.setCommitPosition(String(position));
    const response = new streamsPb.ReadResp();
    response.setEvent(readEvt);
    return Buffer.from(response.serializeBinary());
  }

  /** The record as sent: itself, or the target of a link it resolves to with the link. */
  function readItem(record: StoredRecord): ReadItem {
    if (options.resolveLinks && record.type === LINK_TYPE && !isTombstoneRevision(record.revision)) {
      const target = resolveLink(record);
      if (target !== 'not-a-link') return { event: target, link: record, commitPosition: record.position };
    }
    return { event: record, link: null, commitPosition: record.position };
  }

  function readEvent(item: ReadItem): Buffer {
    return options.structuredIds
      ? readEventMessage(item.event, item.link, item.commitPosition)
      : encodeReadEvent(item.event, item.link, item.commitPosition, streamCache);
  }

  const write = (response: Buffer | ReadResp): void => {
    if (finished || controller.signal.aborted) return;
    call.write(Buffer.isBuffer(response) ? response : Buffer.from(response.serializeBinary()));
  };

  const framed = framedWriter(call);

  return {
    signal: controller.signal,
    async sendRecords(records) {
      if (framed?.idle() === true && !options.structuredIds && records.length > 1 && !finished) {
        const items = records.map(readItem);
        if (controller.signal.aborted) return;
        const { frames, largest } = encodeReadEventFrames(items, streamCache);
        if (await framed.write(frames, largest, controller.signal)) return;
        for (const item of items) write(readEvent(item));
      } else {
        for (const record of records) {
          if (controller.signal.aborted) return;
          write(readEvent(readItem(record)));
        }
      }
      if (call.writableNeedDrain && !controller.signal.aborted) {
        try {
          await once(call, 'drain', { signal: controller.signal });
        } catch {
          // aborted: the caller checks the signal
        }
      }
    },
    confirmation(id) {
      const c = new streamsPb.ReadResp.SubscriptionConfirmation();
      c.setSubscriptionId(id);
      const response = new streamsPb.ReadResp();
      response.setConfirmation(c);
      write(response);
    },
    caughtUp() {
      const response = new streamsPb.ReadResp();
      response.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
      write(response);
    },
    checkpoint(position) {
      const c = new streamsPb.ReadResp.Checkpoint();
      c.setCommitPosition(String(position));
      c.setPreparePosition(String(position));
      const response = new streamsPb.ReadResp();
      response.setCheckpoint(c);
      write(response);
    },
    streamNotFound(stream) {
      const nf = new streamsPb.ReadResp.StreamNotFound();
      nf.setStreamIdentifier(streamIdentifier(stream));
      const response = new streamsPb.ReadResp();
      response.setStreamNotFound(nf);
      write(response);
    },
    fail(error) {
      if (finished) return;
      finished = true;
      if (!controller.signal.aborted) call.emit('error', toRpcError(error));
      controller.abort(DONE);
    },
    end(exhausted) {
      if (finished) return;
      finished = true;
      const finish = (): void => {
        if (!controller.signal.aborted) call.end();
        controller.abort(DONE);
      };
      // A read that ran out of records ends on a later turn than its last event, as on the real
      // server (which reads once more before completing): a client that stops at the last event then
      // cancels the call instead of leaving a finished-but-unread stream (6.2.1's dispose would wait on
      // it forever). A read that reached its count ends at once.
      if (exhausted) setImmediate(finish);
      else finish();
    },
  };
}
