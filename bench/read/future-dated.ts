// Figure: reads of one issue with many agency views when an entry on it is dated in the future (a
// consultation convened for next year with the issue on its agenda). Such an entry puts the issue's
// latest valid time after "now"; the fold for "now" must still be kept between reads (issue 9 item 6:
// 2 ms became 300 ms when every read folded the issue again, and a fold copied every input per view).
import { randomUUID } from 'node:crypto';
import type { Benchmark, BenchResult } from '../report.js';
import { median, percentile } from '../store/measure.js';
import { createMemoryIndex } from '../../src/read/read-index.js';
import { createReadModels } from '../../src/read/read-models.js';
import { toEnvelope } from '../../src/read/to-envelope.js';
import { createInterning } from '../../src/read/interning.js';
import { currentSchemaVersion, type EventData, type LedgerEventType } from '../../contracts/events/index.js';
import { asOfFor, type Envelope } from '../../projections/index.js';

const VIEWS = 1200;
const SAMPLES = 2000;
const DAY = 86_400_000;
/** The fixture's envelopes share what they repeat, as the read side's do. */
const interning = createInterning();

function envelopeOf<T extends LedgerEventType>(
  type: T,
  data: EventData<T>,
  streamName: string,
  position: number,
  occurredAt: string,
  defaulted = false,
): Envelope {
  const parsed = toEnvelope(
    {
      id: randomUUID(),
      type,
      streamName,
      revision: BigInt(position),
      position: { commit: BigInt(position), prepare: BigInt(position) },
      recordedAt: new Date(occurredAt),
      data,
      metadata: {
        actor: { principalId: 'bench', agency: 'MFA', role: 'negotiator' },
        occurredAt,
        ...(defaulted ? { occurredAtDefaulted: true } : {}),
        correlationId: randomUUID(),
        causationId: randomUUID(),
        schema: currentSchemaVersion(type),
      },
    },
    interning,
  );
  if (!parsed.ok) throw parsed.error;
  return parsed.envelope;
}

function convened(consultationId: string, issueId: string, heldOn: string): EventData<'ConsultationConvened'> {
  return {
    consultationId,
    title: { th: 'ประชุม', en: 'meeting' },
    heldOn,
    convener: 'MFA',
    format: 'in-person',
    participants: ['MFA', 'OAG', 'RTP'],
    agenda: [issueId],
    urgency: 'normal',
    classification: 'unclassified',
  };
}

/**
 * An issue with VIEWS agency views from one past consultation; with `future`, a consultation convened for next year on
 * it too.
 */
function issueIndex(future: boolean) {
  const issueId = 'bench-issue';
  const past = randomUUID();
  const index = createMemoryIndex();
  let position = 0;
  const add = (e: Envelope) => index.add(e);
  add(
    envelopeOf(
      'IssueRegistered',
      { issueId, processId: 'bench', code: 'B-1', title: { th: 'ประเด็น', en: 'issue' }, refs: { articles: [] } },
      `issue-${issueId}`,
      (position += 1),
      '2024-01-01T00:00:00.000Z',
    ),
  );
  add(
    envelopeOf(
      'ConsultationConvened',
      convened(past, issueId, '2024-06-01'),
      `consultation-${past}`,
      (position += 1),
      '2024-06-01T00:00:00.000Z',
    ),
  );
  const agencies = ['MFA', 'OAG', 'RTP'] as const;
  for (let i = 0; i < VIEWS; i += 1) {
    const data: EventData<'AgencyViewRecorded'> = {
      consultationId: past,
      issueId,
      agency: agencies[i % 3] ?? 'MFA',
      stance: 'support',
      summary: { th: 'ความเห็น', en: `view ${i}` },
      domesticLawRefs: [],
      attestation: 'agency',
    };
    add(
      envelopeOf('AgencyViewRecorded', data, `consultation-${past}`, (position += 1), '2024-06-02T00:00:00.000Z', true),
    );
  }
  if (future) {
    const next = randomUUID();
    const heldOn = new Date(Date.now() + 365 * DAY).toISOString().slice(0, 10);
    add(
      envelopeOf(
        'ConsultationConvened',
        convened(next, issueId, heldOn),
        `consultation-${next}`,
        position + 1,
        new Date().toISOString(),
      ),
    );
  }
  return { index, issueId };
}

const FIRSTS = 7;

/**
 * The first read (a fold from scratch, ms; median of FIRSTS fresh indexes) and then SAMPLES reads "now", each a moment
 * later (µs).
 */
function measure(future: boolean): { first: number; p50: number; p99: number } {
  const now = (): ReturnType<typeof asOfFor> => asOfFor('valid', new Date().toISOString());
  const firsts: number[] = [];
  let models = createReadModels(createMemoryIndex());
  let issueId = '';
  for (let i = 0; i < FIRSTS; i += 1) {
    const built = issueIndex(future);
    models = createReadModels(built.index);
    issueId = built.issueId;
    const t0 = performance.now();
    if (models.position(issueId, now()) === null) throw new Error('no position');
    firsts.push(performance.now() - t0);
  }
  const first = median(firsts);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const t0 = performance.now();
    models.position(issueId, now());
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { first, p50: percentile(samples, 50) * 1000, p99: percentile(samples, 99) * 1000 };
}

export const futureDated: Benchmark = {
  id: 'future-dated',
  title: 'Reads of an issue with an entry dated in the future',
  async run(log): Promise<BenchResult> {
    measure(true); // the compiler's warm-up, not measured
    const without = measure(false);
    const withFuture = measure(true);
    log(
      `without a future entry: first ${without.first.toFixed(1)} ms, then p50 ${without.p50.toFixed(1)} µs; with one: first ${withFuture.first.toFixed(1)} ms, then p50 ${withFuture.p50.toFixed(1)} µs`,
    );
    const ratio = withFuture.p50 / without.p50;
    return {
      id: 'future-dated',
      title: 'Reads of an issue with an entry dated in the future',
      figures: [
        {
          name: `first read of an issue with ${VIEWS} views (a fold from scratch; median of ${FIRSTS}), no future entry`,
          value: without.first,
          unit: 'ms',
        },
        { name: 'the same, with a consultation convened for next year on it', value: withFuture.first, unit: 'ms' },
        { name: 'reads after it, no future entry: p50', value: without.p50, unit: 'µs' },
        { name: 'reads after it, no future entry: p99', value: without.p99, unit: 'µs' },
        { name: 'reads after it, with the future entry: p50', value: withFuture.p50, unit: 'µs' },
        { name: 'reads after it, with the future entry: p99', value: withFuture.p99, unit: 'µs' },
        { name: 'p50 with the future entry / without', value: ratio, unit: '×' },
      ],
      verdicts: [
        {
          target: 'a future-dated entry leaves reads of its issue within 2 × of the same reads without it (p50)',
          met: ratio <= 2,
        },
      ],
      notes: [
        `one issue, ${VIEWS} agency views from one consultation, read in memory; ${SAMPLES} reads of the position "now", each at a later instant than the one before`,
      ],
    };
  },
};
