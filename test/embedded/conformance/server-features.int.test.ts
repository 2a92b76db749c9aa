// esdb-protocol.md §2: ServerFeatures.GetSupportedMethods and what the client gates on it.
import t from 'tap';
import { EventStoreDBClient, jsonEvent, WrongExpectedVersionError } from '@eventstore/db-client';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import persistentGrpc from '@eventstore/db-client/generated/persistent_grpc_pb.js';
import projectionsGrpc from '@eventstore/db-client/generated/projections_grpc_pb.js';
import operationsGrpc from '@eventstore/db-client/generated/operations_grpc_pb.js';
import usersGrpc from '@eventstore/db-client/generated/users_grpc_pb.js';
import monitoringGrpc from '@eventstore/db-client/generated/monitoring_grpc_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import { usesExternalStore } from '../../helpers/esdb.js';
import { addressOf, grpc, isServiceError, openConformanceStore, sharedPb, thrown, uniqueStream } from './support.js';

const store = await openConformanceStore(t);
const { raw } = store;

interface MethodDef {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
}

function methodsOf(service: object): MethodDef[] {
  return Object.values(service).flatMap((value: unknown) => {
    if (typeof value !== 'object' || value === null) return [];
    const path: unknown = Reflect.get(value, 'path');
    const requestStream: unknown = Reflect.get(value, 'requestStream');
    const responseStream: unknown = Reflect.get(value, 'responseStream');
    if (typeof path !== 'string' || typeof requestStream !== 'boolean' || typeof responseStream !== 'boolean')
      return [];
    return [{ path, requestStream, responseStream }];
  });
}

const allServices = [
  streamsGrpc.StreamsService,
  persistentGrpc.PersistentSubscriptionsService,
  featuresGrpc.ServerFeaturesService,
  projectionsGrpc.ProjectionsService,
  operationsGrpc.OperationsService,
  usersGrpc.UsersService,
  monitoringGrpc.MonitoringService,
  gossipGrpc.GossipService,
];
const allMethods = allServices.flatMap(methodsOf);

function supportedMethods(): Promise<SupportedMethods> {
  return new Promise((resolve, reject) => {
    raw.features.getSupportedMethods(new sharedPb.Empty(), (error, response) => {
      if (error) reject(error);
      else if (response === undefined) reject(new Error('no response'));
      else resolve(response);
    });
  });
}

function keyOf(service: string, method: string): string {
  return `/${service}/${method}`.toLowerCase();
}

/** Calls `method` with an empty message and reports the status code, or 'open' if the call stays open. */
function probe(method: MethodDef): Promise<grpc.status | 'open'> {
  const client = new grpc.Client(raw.address, grpc.credentials.createInsecure());
  const empty = Buffer.alloc(0);
  const identity = (b: Buffer): Buffer => b;
  const options = { deadline: Date.now() + 5_000 };
  return new Promise<grpc.status | 'open'>((resolve) => {
    const settle = (code: grpc.status | 'open'): void => {
      clearTimeout(timer);
      resolve(code);
    };
    const onError = (error: unknown): void => settle(isServiceError(error) ? error.code : grpc.status.UNKNOWN);
    let cancel = (): void => {};
    const timer = setTimeout(() => {
      cancel();
      settle('open');
    }, 1_500);
    if (!method.requestStream && !method.responseStream) {
      const call = client.makeUnaryRequest(
        method.path,
        identity,
        identity,
        empty,
        new grpc.Metadata(),
        options,
        (error) => (error ? onError(error) : settle(grpc.status.OK)),
      );
      cancel = () => call.cancel();
    } else if (method.requestStream && !method.responseStream) {
      const call = client.makeClientStreamRequest(
        method.path,
        identity,
        identity,
        new grpc.Metadata(),
        options,
        (error) => (error ? onError(error) : settle(grpc.status.OK)),
      );
      call.write(empty);
      call.end();
      cancel = () => call.cancel();
    } else {
      let call: grpc.ClientReadableStream<Buffer>;
      if (method.requestStream) {
        const duplex = client.makeBidiStreamRequest(method.path, identity, identity, new grpc.Metadata(), options);
        duplex.write(empty);
        call = duplex;
      } else {
        call = client.makeServerStreamRequest(method.path, identity, identity, empty, new grpc.Metadata(), options);
      }
      call.on('data', () => undefined);
      call.on('error', onError);
      call.on('end', () => settle(grpc.status.OK));
      cancel = () => call.cancel();
    }
  }).finally(() => client.close());
}

t.test('GetSupportedMethods reports a server version of at least 23.10', async (t) => {
  const answer = await supportedMethods();
  const match = /^(\d+)\.(\d+)/.exec(answer.getEventStoreServerVersion());
  t.ok(match, `version "${answer.getEventStoreServerVersion()}" is YY.MM.P`);
  if (!match) return;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  t.ok(major > 23 || (major === 23 && minor >= 10), 'version >= 23.10');
});

t.test('the Streams methods are advertised with the features the real server lists', async (t) => {
  const answer = await supportedMethods();
  const byKey = new Map(
    answer.getMethodsList().map((m) => [keyOf(m.getServiceName(), m.getMethodName()), m.getFeaturesList()]),
  );
  for (const method of ['read', 'append', 'delete', 'tombstone', 'batchappend']) {
    t.ok(byKey.has(keyOf('event_store.client.streams.streams', method)), `streams/${method} is advertised`);
  }
  t.same(new Set(byKey.get('/event_store.client.streams.streams/read')), new Set(['position', 'events']));
  t.same(byKey.get('/event_store.client.streams.streams/batchappend'), ['deadline_duration']);
});

t.test('every advertised method names a method of the client protocol and is implemented', async (t) => {
  const answer = await supportedMethods();
  const known = new Map(allMethods.map((m) => [m.path.toLowerCase(), m]));
  for (const m of answer.getMethodsList()) {
    const key = keyOf(m.getServiceName(), m.getMethodName());
    const def = known.get(key);
    t.ok(def, `${key} is a method the client knows`);
    // Probing arbitrary methods of a real node could shut it down (Operations); probe only Streams there.
    if (!def || (usesExternalStore() && !key.startsWith('/event_store.client.streams.'))) continue;
    const code = await probe(def);
    t.not(code, grpc.status.UNIMPLEMENTED, `${key} answers something other than UNIMPLEMENTED (got ${String(code)})`);
  }
});

t.test(
  'every method that is not advertised answers UNIMPLEMENTED',
  {
    skip: usesExternalStore()
      ? 'a real node implements methods it does not advertise (gossip, users, operations)'
      : false,
  },
  async (t) => {
    const answer = await supportedMethods();
    const advertised = new Set(answer.getMethodsList().map((m) => keyOf(m.getServiceName(), m.getMethodName())));
    advertised.add('/event_store.client.server_features.serverfeatures/getsupportedmethods');
    const unadvertised = allMethods.filter((m) => !advertised.has(m.path.toLowerCase()));
    t.ok(
      unadvertised.length > 20,
      'persistent subscriptions, projections, users, operations, monitoring and gossip are not advertised',
    );
    for (const method of unadvertised) {
      t.equal(await probe(method), grpc.status.UNIMPLEMENTED, `${method.path} answers UNIMPLEMENTED`);
    }
  },
);

t.test('the official client appends through BatchAppend when it is advertised', async (t) => {
  // 6.2.1 quirk only the BatchAppend path has: with throwOnAppendFailure false, a wrong expected
  // version reports nextExpectedRevision = BigInt(hasCurrentStreamRevision()) = 1n, not the revision.
  const client = new EventStoreDBClient(
    { endpoint: addressOf(store.connectionString), throwOnAppendFailure: false },
    { insecure: true },
  );
  t.teardown(() => client.dispose());
  const stream = uniqueStream('batchpath');
  const events = Array.from({ length: 6 }, (_, i) => jsonEvent({ type: 'Counted', data: { i } }));
  await client.appendToStream(stream, events);
  const result = await client.appendToStream(stream, jsonEvent({ type: 'Counted', data: {} }), {
    expectedRevision: 2n,
  });
  t.equal(result.success, false);
  t.equal(result.nextExpectedRevision, 1n, 'BatchAppend path (quirk value 1n)');
});

t.test('with per-call credentials the official client falls back to unary Append', async (t) => {
  const client = new EventStoreDBClient(
    { endpoint: addressOf(store.connectionString), throwOnAppendFailure: false },
    { insecure: true },
  );
  t.teardown(() => client.dispose());
  const stream = uniqueStream('unarypath');
  const events = Array.from({ length: 6 }, (_, i) => jsonEvent({ type: 'Counted', data: { i } }));
  await client.appendToStream(stream, events);
  const credentials = { username: 'admin', password: 'changeit' };
  const result = await client.appendToStream(stream, jsonEvent({ type: 'Counted', data: {} }), {
    expectedRevision: 2n,
    credentials,
  });
  t.equal(result.success, false);
  t.equal(result.nextExpectedRevision, 5n, 'unary Append path reports the current revision');
  t.type(
    await thrown(
      store.client.appendToStream(stream, jsonEvent({ type: 'Counted', data: {} }), {
        expectedRevision: 2n,
        credentials,
      }),
    ),
    WrongExpectedVersionError,
  );
});
