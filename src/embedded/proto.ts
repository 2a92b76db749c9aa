// Typed access to the protobuf classes and gRPC service definitions shipped by @eventstore/db-client.
// The generated files are CommonJS; they are loaded once per module graph through createRequire and
// typed by the .d.ts files next to them, so request handling needs no casts.
import { createRequire } from 'node:module';
import type * as StreamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type * as StreamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type * as SharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type * as StatusPb from '@eventstore/db-client/generated/status_pb.js';
import type * as CodePb from '@eventstore/db-client/generated/code_pb.js';
import type * as FeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type * as FeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type * as AnyPb from 'google-protobuf/google/protobuf/any_pb.js';
import type * as EmptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

const require = createRequire(import.meta.url);

export const streamsPb: typeof StreamsPb = require('@eventstore/db-client/generated/streams_pb.js');
export const streamsGrpc: typeof StreamsGrpc = require('@eventstore/db-client/generated/streams_grpc_pb.js');
export const sharedPb: typeof SharedPb = require('@eventstore/db-client/generated/shared_pb.js');
export const statusPb: typeof StatusPb = require('@eventstore/db-client/generated/status_pb.js');
export const codePb: typeof CodePb = require('@eventstore/db-client/generated/code_pb.js');
export const featuresPb: typeof FeaturesPb = require('@eventstore/db-client/generated/serverfeatures_pb.js');
export const featuresGrpc: typeof FeaturesGrpc = require('@eventstore/db-client/generated/serverfeatures_grpc_pb.js');
export const anyPb: typeof AnyPb = require('google-protobuf/google/protobuf/any_pb.js');
export const emptyPb: typeof EmptyPb = require('google-protobuf/google/protobuf/empty_pb.js');

export type ReadReq = StreamsPb.ReadReq;
export type ReadResp = StreamsPb.ReadResp;
export type AppendReq = StreamsPb.AppendReq;
export type AppendResp = StreamsPb.AppendResp;
export type BatchAppendReq = StreamsPb.BatchAppendReq;
export type BatchAppendResp = StreamsPb.BatchAppendResp;
export type DeleteReq = StreamsPb.DeleteReq;
export type DeleteResp = StreamsPb.DeleteResp;
export type TombstoneReq = StreamsPb.TombstoneReq;
export type TombstoneResp = StreamsPb.TombstoneResp;
export type RecordedEventMsg = StreamsPb.ReadResp.ReadEvent.RecordedEvent;
export type UUIDMsg = SharedPb.UUID;
export type StreamIdentifierMsg = SharedPb.StreamIdentifier;
export type SupportedMethods = FeaturesPb.SupportedMethods;
