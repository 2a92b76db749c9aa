// Turns a ReadReq into a typed plan (what to read, from where, how much, with which filter).
import { streamsPb, type ReadReq } from '../proto.js';
import { InvalidRequestError } from '../errors.js';
import { parseU64, streamNameFrom } from './convert.js';

type Options = InstanceType<typeof streamsPb.ReadReq.Options>;
type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;

/** A revision or position as a JS number; values beyond the safe range saturate (nothing lives there). */
export type Point = { kind: 'start' } | { kind: 'end' } | { kind: 'at'; value: number };

export interface AllFilter {
  on: 'stream' | 'type';
  regex: RegExp | null;
  prefixes: string[];
  checkpointInterval: number;
}

export interface ReadPlan {
  source: { kind: 'stream'; stream: string; from: Point } | { kind: 'all'; from: Point };
  backwards: boolean;
  resolveLinks: boolean;
  /** null for a subscription */
  count: number | null;
  filter: AllFilter | null;
  structuredIds: boolean;
}

const DEFAULT_WINDOW = 32;

function saturate(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function streamSource(options: Options): ReadPlan['source'] {
  const stream = options.getStream();
  if (stream === undefined) throw new InvalidRequestError('Stream options are missing.');
  const name = streamNameFrom(stream.getStreamIdentifier());
  const C = streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase;
  switch (stream.getRevisionOptionCase()) {
    case C.START:
      return { kind: 'stream', stream: name, from: { kind: 'start' } };
    case C.END:
      return { kind: 'stream', stream: name, from: { kind: 'end' } };
    case C.REVISION:
      return {
        kind: 'stream',
        stream: name,
        from: { kind: 'at', value: saturate(parseU64(stream.getRevision(), 'Revision')) },
      };
    default:
      throw new InvalidRequestError('Stream read without a start, end or revision.');
  }
}

function allSource(options: Options): ReadPlan['source'] {
  const all = options.getAll();
  if (all === undefined) throw new InvalidRequestError('$all options are missing.');
  const C = streamsPb.ReadReq.Options.AllOptions.AllOptionCase;
  switch (all.getAllOptionCase()) {
    case C.START:
      return { kind: 'all', from: { kind: 'start' } };
    case C.END:
      return { kind: 'all', from: { kind: 'end' } };
    case C.POSITION: {
      const position = all.getPosition();
      if (position === undefined) throw new InvalidRequestError('Position is missing.');
      const commit = parseU64(position.getCommitPosition(), 'Commit position');
      parseU64(position.getPreparePosition(), 'Prepare position');
      return { kind: 'all', from: { kind: 'at', value: saturate(commit) } };
    }
    default:
      throw new InvalidRequestError('$all read without a start, end or position.');
  }
}

function parseFilter(filter: FilterOptions): AllFilter {
  const F = streamsPb.ReadReq.Options.FilterOptions.FilterCase;
  const expression =
    filter.getFilterCase() === F.STREAM_IDENTIFIER ? filter.getStreamIdentifier() : filter.getEventType();
  if (expression === undefined) throw new InvalidRequestError('Filter without a stream or event type expression.');
  const on = filter.getFilterCase() === F.STREAM_IDENTIFIER ? 'stream' : 'type';
  let regex: RegExp | null = null;
  const source = expression.getRegex();
  if (source.length > 0) {
    try {
      regex = new RegExp(source);
    } catch {
      throw new InvalidRequestError(`Filter regex '${source}' is not a valid regular expression.`);
    }
  }
  const W = streamsPb.ReadReq.Options.FilterOptions.WindowCase;
  const window = filter.getWindowCase() === W.MAX ? filter.getMax() : DEFAULT_WINDOW;
  const multiplier = filter.getCheckpointintervalmultiplier();
  if (window <= 0) throw new InvalidRequestError('Filter window must be positive.');
  return {
    on,
    regex,
    prefixes: expression.getPrefixList(),
    checkpointInterval: Math.max(1, multiplier > 0 ? multiplier : 1) * window,
  };
}

export function planRead(request: ReadReq): ReadPlan {
  const options = request.getOptions();
  if (options === undefined) throw new InvalidRequestError('Read request without options.');
  const S = streamsPb.ReadReq.Options.StreamOptionCase;
  const source =
    options.getStreamOptionCase() === S.STREAM
      ? streamSource(options)
      : options.getStreamOptionCase() === S.ALL
        ? allSource(options)
        : null;
  if (source === null) throw new InvalidRequestError('Read request names neither a stream nor $all.');

  const CO = streamsPb.ReadReq.Options.CountOptionCase;
  let count: number | null;
  if (options.getCountOptionCase() === CO.COUNT) count = saturate(parseU64(options.getCount(), 'Count'));
  else if (options.getCountOptionCase() === CO.SUBSCRIPTION) count = null;
  else throw new InvalidRequestError('Read request without count or subscription.');

  const FO = streamsPb.ReadReq.Options.FilterOptionCase;
  let filter: AllFilter | null = null;
  if (options.getFilterOptionCase() === FO.FILTER) {
    const f = options.getFilter();
    if (f === undefined) throw new InvalidRequestError('Filter is missing.');
    if (source.kind === 'stream') {
      throw new InvalidRequestError(
        'The combination of a stream read and a filter is invalid: filters apply to $all only.',
      );
    }
    filter = parseFilter(f);
  }

  const U = streamsPb.ReadReq.Options.UUIDOption.ContentCase;
  const uuid = options.getUuidOption();
  return {
    source,
    backwards: options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS,
    resolveLinks: options.getResolveLinks(),
    count,
    filter,
    structuredIds: uuid !== undefined && uuid.getContentCase() === U.STRUCTURED,
  };
}
