// What Append and BatchAppend requests share: the expected revision in their options, and collecting
// proposed messages into one append with the max append size enforced as they arrive.
import { InvalidRequestError, MaxAppendSizeExceededError } from '../errors.js';
import { MAX_APPEND_SIZE, eventSize, type ExpectedRevision, type ProposedEvent } from '../model.js';
import { parseU64, proposedEvent, type ProposedLike } from './convert.js';

/** The expected-revision oneof of AppendReq.Options and BatchAppendReq.Options. */
interface ExpectedOneof {
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
}

/** `exact` is the oneof's revision field when it is the one set (revision / stream_position). */
export function expectedRevisionOf(options: ExpectedOneof, exact: string | null, what: string): ExpectedRevision {
  if (exact !== null) return { kind: 'exact', revision: parseU64(exact, what) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  throw new InvalidRequestError(`${what} is missing.`);
}

/** The events of one append as its proposed messages arrive; throws once they exceed the max append size. */
export class ProposedEvents {
  readonly events: ProposedEvent[] = [];
  private size = 0;

  add(message: ProposedLike): void {
    const event = proposedEvent(message);
    this.size += eventSize(event);
    if (this.size > MAX_APPEND_SIZE) throw new MaxAppendSizeExceededError(MAX_APPEND_SIZE);
    this.events.push(event);
  }
}
