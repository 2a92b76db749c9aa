// ServerFeatures.GetSupportedMethods: exactly the methods this store implements (esdb-protocol.md §2).
import type { ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { featuresPb, type SupportedMethods } from '../proto.js';

export const SERVER_VERSION = '24.10.0';

const STREAMS = 'event_store.client.streams.streams';
const IMPLEMENTED: ReadonlyArray<[service: string, method: string, features: string[]]> = [
  [STREAMS, 'read', ['position', 'events']],
  [STREAMS, 'append', []],
  [STREAMS, 'batchappend', ['deadline_duration']],
  [STREAMS, 'delete', []],
  [STREAMS, 'tombstone', []],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods', []],
];

export function supportedMethods(): SupportedMethods {
  const response = new featuresPb.SupportedMethods();
  response.setEventStoreServerVersion(SERVER_VERSION);
  response.setMethodsList(
    IMPLEMENTED.map(([service, method, features]) => {
      const m = new featuresPb.SupportedMethod();
      m.setServiceName(service);
      m.setMethodName(method);
      m.setFeaturesList(features);
      return m;
    }),
  );
  return response;
}

export function featuresHandler() {
  return (_call: ServerUnaryCall<unknown, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void => {
    callback(null, supportedMethods());
  };
}
