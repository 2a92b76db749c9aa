// One line of the HTTP benchmark's table: a request, what the ledger did under the load, its floor.
import type { LoadResult } from './load.js';

export interface Row {
  name: string;
  kind: 'read' | 'write';
  /** Body bytes of the ledger's answer (reads). */
  bytes: number | undefined;
  ledger: LoadResult;
  /** The bare Fastify server's rate (reads), or the store's append rate over the request's appends (writes). */
  floorRate: number;
  floorP99: number | undefined;
  /** The bare server's CPU per request (reads), µs. */
  floorCpuUs?: number;
  /** Share of a core the load generator used, the larger of the ledger's and the floor's load. */
  generatorBusy: number;
}
