// `npm run bench -- http` (issue 15): what an officer's browser or a script meets, an HTTP request to
// the ledger running as its own process, beside its floors measured in the same run: a bare Fastify
// server answering each read with the ledger's own bytes, and the store's 32-writer append rate.
import { cpus } from 'node:os';
import type { Benchmark, BenchResult, Figure, Table, Verdict } from '../report.js';
import { format } from '../report.js';
import { measureSize, type SizeResult } from './measure-size.js';
import type { Row } from './row.js';
import {
  CONNECTIONS,
  DURATION_SECONDS,
  WARM_UP_SECONDS,
  FIRST_WRITE_WARM_UP_SECONDS,
  benchSizes,
  sizeLabel,
} from './settings.js';

const MiB = 2 ** 20;
const n = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? '—' : format(value, ''));
/** Two decimals, or two significant digits below 0.01 (a ratio of 0.002 is not 0). */
const ratio = (value: number): string =>
  Number.isNaN(value) ? '—' : value > 0 && value < 0.01 ? value.toPrecision(2) : value.toFixed(2);

function table(size: SizeResult): Table {
  const other = (row: Row): string => {
    const statuses = Object.entries(row.ledger.otherStatuses).map(([status, count]) => `${count} × ${status}`);
    if (row.ledger.errors > 0) statuses.push(`${row.ledger.errors} no answer`);
    return statuses.join(', ') || '0';
  };
  return {
    title: `${sizeLabel(size.events)} events (+ demo data), ${CONNECTIONS} connections, ${DURATION_SECONDS} s each`,
    header: [
      'request',
      'answer bytes',
      'ledger /s',
      'p50 ms',
      'p99 ms',
      'floor /s',
      'floor p99 ms',
      'ledger / floor',
      'ledger CPU per request µs',
      'answered / sent',
      'answers not 2xx',
    ],
    rows: size.rows.map((row) => [
      row.name,
      n(row.bytes),
      n(row.ledger.rate),
      n(row.ledger.p50),
      n(row.ledger.p99),
      n(row.floorRate),
      n(row.floorP99),
      ratio(row.ledger.rate / row.floorRate),
      n(row.ledger.serverCpuUs),
      `${row.ledger.answered} / ${row.ledger.sent}`,
      other(row),
    ]),
  };
}

function row(size: SizeResult, name: string): Row {
  const found = size.rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
}

function figures(size: SizeResult): Figure[] {
  const label = sizeLabel(size.events);
  const one = row(size, 'GET one position');
  const all = row(size, 'GET all positions');
  const views = size.rows.find((r) => r.kind === 'write');
  return [
    {
      name: `${label}: store floor, single-event durable appends from ${CONNECTIONS} writers`,
      value: size.storeFloor,
      unit: 'events/s',
    },
    {
      name: `${label}: keyed-write floor (two appends: the key claim, then the event)`,
      value: size.storeFloor / 2,
      unit: 'writes/s',
    },
    {
      name: `${label}: GET one position / bare Fastify with the same bytes`,
      value: one.ledger.rate / one.floorRate,
      unit: '×',
    },
    {
      name: `${label}: GET all positions / bare Fastify with the same bytes`,
      value: all.ledger.rate / all.floorRate,
      unit: '×',
    },
    ...(views === undefined
      ? []
      : [
          {
            name: `${label}: keyed views, a consultation per connection / keyed-write floor`,
            value: views.ledger.rate / views.floorRate,
            unit: '×',
          },
          { name: `${label}: keyed views, a consultation per connection: p99`, value: views.ledger.p99, unit: 'ms' },
        ]),
    {
      name: `${label}: ledger RSS after warm-up (ready, every issue folded, before any load)`,
      value: size.rssAfterWarmUp / MiB,
      unit: 'MiB',
    },
    { name: `${label}: ledger peak RSS (VmHWM) after every load`, value: size.peakRss / MiB, unit: 'MiB' },
    {
      name: `${label}: restart on the prepared data (spawn, Node and tsx included) to ready (caught up)`,
      value: size.readySeconds,
      unit: 's',
    },
    {
      name: `${label}: restart on the prepared data to warmed (every issue folded)`,
      value: size.restartSeconds,
      unit: 's',
    },
  ];
}

function verdicts(size: SizeResult): Verdict[] {
  const label = sizeLabel(size.events);
  const one = row(size, 'GET one position');
  const all = row(size, 'GET all positions');
  const views = size.rows.find((r) => r.kind === 'write');
  return [
    {
      target: `${label}: a hot single-subject read (GET one position) >= 0.5 × bare Fastify`,
      met: one.ledger.rate >= 0.5 * one.floorRate,
    },
    { target: `${label}: GET /v1/positions >= 0.4 × bare Fastify`, met: all.ledger.rate >= 0.4 * all.floorRate },
    {
      target: `${label}: keyed writes at ${CONNECTIONS} connections >= 0.3 × keyed-write floor, p99 < 50 ms`,
      met: views !== undefined && views.ledger.rate >= 0.3 * views.floorRate && views.ledger.p99 < 50,
    },
  ];
}

export const httpRequests: Benchmark = {
  id: 'requests',
  title: 'Reads and writes over HTTP',
  async run(log): Promise<BenchResult> {
    const sizes: SizeResult[] = [];
    for (const events of benchSizes()) sizes.push(await measureSize(events, log));
    const generatorBusy = Math.max(...sizes.flatMap((s) => s.rows.map((r) => r.generatorBusy)));
    const keyless = sizes.every((s) => s.keylessAccepted);
    return {
      id: 'requests',
      title: 'Reads and writes over HTTP',
      figures: sizes.flatMap(figures),
      tables: sizes.map(table),
      verdicts: sizes.flatMap(verdicts),
      notes: [
        `the ledger runs as \`npm start\` does (node --max-semi-space-size=64, src/cli/main.ts serve), file mode on its own DATA_DIR: the demo data, then ${sizes.map((s) => sizeLabel(s.events)).join(' and ')} generated position events (HTTP_BENCH_EVENTS) appended through the official client to its embedded store; it is restarted on that directory and loaded only once /readyz says it is caught up and every issue is folded; LOG_LEVEL=warn, rate limit raised out of reach (it still runs)`,
        `load: autocannon in a process of its own (ADR 0072), ${CONNECTIONS} connections on loopback, ${WARM_UP_SECONDS} s uncounted warm-up (${FIRST_WRITE_WARM_UP_SECONDS} s before the first write load: V8 compiles the write path meanwhile) then ${DURATION_SECONDS} s measured per request; rate = 2xx answers per second; p50/p99 over the 2xx answers; the load generator used up to ${generatorBusy.toFixed(2)} of a core (the machine has ${cpus().length} cores shared by generator, server and anything else running)`,
        "read floor: a bare Fastify server in its own process answering each read's path with the status, headers and body bytes the ledger sent for it (captured once), no auth; each read is measured against the ledger, then against the floor, with the same settings",
        `write floor: the embedded store alone (its own process, file mode, fresh directory) taking single-event appends (400-byte data) from ${CONNECTIONS} writers, measured right before the writes of each size (the ledger idle meanwhile); a keyed write appends twice (the key claim, then its events: ADR 0006), so its floor is half that rate, a keyless write's the whole rate`,
        'views are recorded by an OAG agency officer on a demo issue in consultations convened for the benchmark: a consultation per connection (no two requests meet on a stream), or all on one consultation (writers race for one stream; the ledger decides again up to twice, then answers 409); each view supersedes the last, so the streams grow during the load',
        keyless
          ? 'statements: without Idempotency-Key (one append each), each connection on its own registered issue, session ahc-concluding'
          : 'statements: the ledger refuses a POST without Idempotency-Key (400 idempotency_key_required), so the statement load sends a fresh key with each request (two appends each); each connection on its own registered issue, session ahc-concluding',
        'before each load (warm-up and measured) the server must be idle (under a tenth of a core for 0.5 s): the client abandons the requests in flight when a load ends, the server runs their handlers on',
        'ledger CPU per request: user + system time of the ledger process (API, read side and embedded store worker) from /proc/<pid>/stat, from the start of the measured load until the ledger is idle again, divided by the requests sent in it (answered or abandoned in flight); RSS from /proc/<pid>/status',
        'some reads only: `npx tsx bench/http/reads.ts <dir> one [all history alignment brief consultation]` runs those against the ledger and the floor as here, with the CPU per request of both, on a DATA_DIR prepared by `npx tsx bench/http/profile.ts <dir> one` (which profiles that load: ADR 0041, 0048)',
        "GET one position's answer shows the reader no classified value (the issue's red lines and fallbacks are empty), so it leaves no audit record of a classified read (ADR 0037); GET all positions does",
      ],
    };
  },
};

export const httpBenchmarks: Benchmark[] = [httpRequests];
