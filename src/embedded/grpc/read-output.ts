// Writes ReadResp messages to a server-streaming call: events (with link resolution), confirmation,
// caught-up, checkpoints; respects back-pressure (waits for 'drain') and cancellation.
import { once } from 'node:events';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { streamsPb, type ReadReq, type ReadResp } from '../proto.js';
import type { StoreCore } from '../core.js';
import { isTombstoneRevision, type StoredRecord } from '../model.js';
import { recordedEvent, streamIdentifier, type EncodeContext } from './convert.js';
import { toRpcError } from './rpc-errors.js';

const LINK_TYPE = '$>';
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
  end(): void;
}

export function createReadOutput(
  core: StoreCore,
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: { resolveLinks: boolean; structuredIds: boolean },
): ReadOutput {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
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

  function readEvent(record: StoredRecord): ReadResp {
    const readEvt = new streamsPb.ReadResp.ReadEvent();
    if (options.resolveLinks && record.type === LINK_TYPE && !isTombstoneRevision(record.revision)) {
      const target = resolveLink(record);
      if (target === 'not-a-link') readEvt.setEvent(recordedEvent(record, encode));
      else {
        if (target !== null) readEvt.setEvent(recordedEvent(target, encode));
        readEvt.setLink(recordedEvent(record, encode));
      }
    } else {
      readEvt.setEvent(recordedEvent(record, encode));
    }
    readEvt.setCommitPosition(String(record.position));
    const response = new streamsPb.ReadResp();
    response.setEvent(readEvt);
    return response;
  }

  const write = (response: ReadResp): void => {
    if (finished || controller.signal.aborted) return;
    call.write(response);
  };

  return {
    signal: controller.signal,
    async sendRecords(records) {
      for (const record of records) {
        if (controller.signal.aborted) return;
        write(readEvent(record));
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
      controller.abort();
    },
    end() {
      if (finished) return;
      finished = true;
      // Trailers go out on a later turn than the last events, as on the real server, so a client that
      // stops reading at the last event cancels the call instead of leaving a finished but unread stream.
      setImmediate(() => {
        if (!controller.signal.aborted) call.end();
        controller.abort();
      });
    },
  };
}
