// Shared helpers for the conformance suite: unique names, collecting reads, watching subscriptions,
// and raw gRPC calls through the generated stubs the client package ships (for wire details the
// official client hides: both WrongExpectedVersion oneofs, Status/Any details, trailers).
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import timestampPb from 'google-protobuf/google/protobuf/timestamp_pb.js';
import type {
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb.js';
import type { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import { jsonEvent } from '@eventstore/db-client';
import type { EventStoreDBClient, ReadableSubscription } from '@eventstore/db-client';
import { openTestStore, type TestStore } from '../../helpers/esdb.js';

export { grpc, streamsPb, sharedPb, emptyPb };

/** A stream name no other test (or earlier run against a shared server) uses. */
export function uniqueStream(prefix: string): string {
  return `${prefix}-${randomUUID().replaceAll('-', '')}`;
}

/** The store one test file talks to, with raw gRPC clients beside the official client. */
export interface ConformanceStore extends TestStore {
  raw: RawClients;
}

/** Opens the store under test (see openTestStore) and raw clients to it; all closed when the file's tests end. */
export async function openConformanceStore(t: HasTeardown): Promise<ConformanceStore> {
  const store = await openTestStore();
  const raw = rawClients(store.connectionString);
  t.teardown(async () => {
    raw.close();
    await store.close();
  });
  return { ...store, raw };
}

/** A new stream (named from `prefix`) holding `n` events of type Counted with data {i: 0..n-1}. */
export async function countedStream(client: EventStoreDBClient, prefix: string, n: number): Promise<string> {
  const stream = uniqueStream(prefix);
  if (n > 0)
    await client.appendToStream(
      stream,
      Array.from({ length: n }, (_, i) => jsonEvent({ type: 'Counted', data: { i } })),
    );
  return stream;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Collects a read and returns the error it ended with instead of throwing. */
export async function collectSettled<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true or the time is up; returns the last answer. */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await sleep(10);
  }
  return check();
}

export type SubscriptionItem<E> =
  { kind: 'confirmation' } | { kind: 'caughtUp'; eventsBefore: number } | { kind: 'event'; event: E };

/**
 * Records what a subscription delivers, in order. `caughtUp` is emitted synchronously by the client while
 * earlier events may still sit in the readable buffer, so the count before it includes that buffer.
 */
export interface Watched<E> {
  items: SubscriptionItem<E>[];
  events: E[];
  caughtUps: number[];
  confirmations: number;
  errors: unknown[];
  stop(): Promise<void>;
}

export function watch<E>(subscription: ReadableSubscription<E>): Watched<E> {
  const watched: Watched<E> = {
    items: [],
    events: [],
    caughtUps: [],
    confirmations: 0,
    errors: [],
    stop: () => subscription.unsubscribe(),
  };
  subscription.on('confirmation', () => {
    watched.confirmations += 1;
    watched.items.push({ kind: 'confirmation' });
  });
  subscription.on('caughtUp', () => {
    const eventsBefore = watched.events.length + subscription.readableLength;
    watched.caughtUps.push(eventsBefore);
    watched.items.push({ kind: 'caughtUp', eventsBefore });
  });
  subscription.on('data', (event: E) => {
    watched.events.push(event);
    watched.items.push({ kind: 'event', event });
  });
  subscription.on('error', (error: unknown) => {
    watched.errors.push(error);
  });
  return watched;
}

// ---------------------------------------------------------------- raw gRPC

export interface RawClients {
  streams: StreamsClient;
  features: ServerFeaturesClient;
  address: string;
  close(): void;
}

export function addressOf(connectionString: string): string {
  const url = new URL(connectionString);
  return url.host;
}

export function rawClients(connectionString: string): RawClients {
  const address = addressOf(connectionString);
  const options = { 'grpc.max_receive_message_length': 17 * 1024 * 1024 };
  const streams = new streamsGrpc.StreamsClient(address, grpc.credentials.createInsecure(), options);
  const features = new featuresGrpc.ServerFeaturesClient(address, grpc.credentials.createInsecure(), options);
  return {
    streams,
    features,
    address,
    close: () => {
      streams.close();
      features.close();
    },
  };
}

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && 'code' in error && 'metadata' in error;
}

export type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface Proposed {
  id?: string;
  type?: string;
  contentType?: string;
  data: Uint8Array | string;
  customMetadata?: Uint8Array;
}

export function proposed(type: string, data: unknown = {}): Proposed {
  return { id: randomUUID(), type, contentType: 'application/json', data: JSON.stringify(data) };
}

function uuidString(id: string): InstanceType<typeof sharedPb.UUID> {
  const uuid = new sharedPb.UUID();
  uuid.setString(id);
  return uuid;
}

function streamIdentifier(name: string): InstanceType<typeof sharedPb.StreamIdentifier> {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
}

function appendMessage(p: Proposed): InstanceType<typeof streamsPb.AppendReq.ProposedMessage> {
  const message = new streamsPb.AppendReq.ProposedMessage();
  if (p.id !== undefined) message.setId(uuidString(p.id));
  if (p.type !== undefined) message.getMetadataMap().set('type', p.type);
  if (p.contentType !== undefined) message.getMetadataMap().set('content-type', p.contentType);
  message.setData(typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data);
  message.setCustomMetadata(p.customMetadata ?? new Uint8Array());
  return message;
}

export interface RawAppendOutcome {
  response?: AppendResp;
  error?: grpc.ServiceError;
}

/** Unary Streams.Append: options first, then each proposed message, then half-close. */
export function rawAppend(
  streams: StreamsClient,
  stream: string,
  expected: Expected,
  events: Proposed[],
  { optionsFirst = true }: { optionsFirst?: boolean } = {},
): Promise<RawAppendOutcome> {
  return new Promise((resolve) => {
    const call = streams.append(new grpc.Metadata(), { deadline: Date.now() + 30_000 }, (error, response) => {
      if (error) resolve({ error });
      else resolve(response === undefined ? {} : { response });
    });
    const options = new streamsPb.AppendReq.Options();
    options.setStreamIdentifier(streamIdentifier(stream));
    if (expected === 'any') options.setAny(new sharedPb.Empty());
    else if (expected === 'no_stream') options.setNoStream(new sharedPb.Empty());
    else if (expected === 'stream_exists') options.setStreamExists(new sharedPb.Empty());
    else options.setRevision(expected.toString());
    const first = new streamsPb.AppendReq();
    first.setOptions(options);
    const messages = events.map((p) => {
      const req = new streamsPb.AppendReq();
      req.setProposedMessage(appendMessage(p));
      return req;
    });
    if (optionsFirst) {
      call.write(first);
      for (const m of messages) call.write(m);
    } else {
      for (const m of messages) call.write(m);
      call.write(first);
    }
    call.end();
  });
}

export interface BatchChunk {
  correlationId: string;
  stream?: string;
  expected?: Expected;
  deadline?: Date;
  events: Proposed[];
  isFinal: boolean;
}

export function batchRequest(chunk: BatchChunk): BatchAppendReq {
  const req = new streamsPb.BatchAppendReq();
  req.setCorrelationId(uuidString(chunk.correlationId));
  if (chunk.stream !== undefined) {
    const options = new streamsPb.BatchAppendReq.Options();
    options.setStreamIdentifier(streamIdentifier(chunk.stream));
    const expected = chunk.expected ?? 'any';
    if (expected === 'any') options.setAny(new emptyPb.Empty());
    else if (expected === 'no_stream') options.setNoStream(new emptyPb.Empty());
    else if (expected === 'stream_exists') options.setStreamExists(new emptyPb.Empty());
    else options.setStreamPosition(expected.toString());
    if (chunk.deadline !== undefined) {
      const ts = new timestampPb.Timestamp();
      ts.fromDate(chunk.deadline);
      options.setDeadline(ts);
    }
    req.setOptions(options);
  }
  for (const p of chunk.events) {
    const message = new streamsPb.BatchAppendReq.ProposedMessage();
    if (p.id !== undefined) message.setId(uuidString(p.id));
    if (p.type !== undefined) message.getMetadataMap().set('type', p.type);
    if (p.contentType !== undefined) message.getMetadataMap().set('content-type', p.contentType);
    message.setData(typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data);
    message.setCustomMetadata(p.customMetadata ?? new Uint8Array());
    req.addProposedMessages(message);
  }
  req.setIsFinal(chunk.isFinal);
  return req;
}

/** Opens one BatchAppend stream, writes the requests, and waits for `expectedResponses` answers. */
export function rawBatchAppend(
  streams: StreamsClient,
  requests: BatchAppendReq[],
  expectedResponses: number,
  timeoutMs = 15_000,
): Promise<{ responses: BatchAppendResp[]; error?: grpc.ServiceError; timedOut: boolean }> {
  return new Promise((resolve) => {
    const responses: BatchAppendResp[] = [];
    const call = streams.batchAppend(new grpc.Metadata());
    let done = false;
    const finish = (error?: grpc.ServiceError, timedOut = false): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      call.cancel();
      resolve(error === undefined ? { responses, timedOut } : { responses, error, timedOut });
    };
    const timer = setTimeout(() => finish(undefined, true), timeoutMs);
    call.on('data', (resp: BatchAppendResp) => {
      responses.push(resp);
      if (responses.length >= expectedResponses) finish();
    });
    call.on('error', (error: grpc.ServiceError) => {
      if (error.code === grpc.status.CANCELLED && done) return;
      finish(error);
    });
    call.on('end', () => finish());
    for (const r of requests) call.write(r);
  });
}

export interface RawReadOutcome {
  responses: ReadResp[];
  error?: grpc.ServiceError;
}

/** A finite Streams.Read of a stream, collected with the final status. */
export function rawReadStream(
  streams: StreamsClient,
  stream: string,
  {
    from = 'start',
    direction = 'forwards',
    count = 1000n,
    resolveLinks = false,
  }: {
    from?: 'start' | 'end' | bigint;
    direction?: 'forwards' | 'backwards';
    count?: bigint;
    resolveLinks?: boolean;
  } = {},
): Promise<RawReadOutcome> {
  const options = new streamsPb.ReadReq.Options();
  const streamOptions = new streamsPb.ReadReq.Options.StreamOptions();
  streamOptions.setStreamIdentifier(streamIdentifier(stream));
  if (from === 'start') streamOptions.setStart(new sharedPb.Empty());
  else if (from === 'end') streamOptions.setEnd(new sharedPb.Empty());
  else streamOptions.setRevision(from.toString());
  options.setStream(streamOptions);
  options.setReadDirection(
    direction === 'forwards'
      ? streamsPb.ReadReq.Options.ReadDirection.FORWARDS
      : streamsPb.ReadReq.Options.ReadDirection.BACKWARDS,
  );
  options.setResolveLinks(resolveLinks);
  options.setCount(count.toString());
  options.setNoFilter(new sharedPb.Empty());
  const uuidOption = new streamsPb.ReadReq.Options.UUIDOption();
  uuidOption.setString(new sharedPb.Empty());
  options.setUuidOption(uuidOption);
  const req = new streamsPb.ReadReq();
  req.setOptions(options);
  return new Promise((resolve) => {
    const responses: ReadResp[] = [];
    const call = streams.read(req, new grpc.Metadata());
    call.on('data', (resp: ReadResp) => responses.push(resp));
    call.on('error', (error: grpc.ServiceError) => resolve({ responses, error }));
    call.on('end', () => resolve({ responses }));
  });
}

/** The trailer value of `key`, as a string (or undefined). */
export function trailer(error: grpc.ServiceError, key: string): string | undefined {
  const values = error.metadata.get(key);
  const first = values[0];
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** The bytes of a value the client returned as binary (data or metadata); fails loudly otherwise. */
export function bytesOf(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new TypeError(`expected bytes, got ${typeof value}`);
}

/** The part of a tap test the helpers need (to close what they open). */
export interface HasTeardown {
  teardown(fn: () => unknown): void;
}

/**
 * What a promise rejected with (undefined if it resolved). tap's `t.rejects(p, Class)` does not accept the
 * client's error classes, so tests assert `t.type(await thrown(p), Class)` instead.
 */
export async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}
