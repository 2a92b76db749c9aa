// A histogram of kept series (ADR 0066) scrapes as prom-client's Histogram does for the same observations: the
// Prometheus text and the JSON of getMetricsAsJSON, series in the order first observed, sums to the last bit.
import t from 'tap';
import fc from 'fast-check';
import { Histogram, Registry } from 'prom-client';
import { SeriesHistogram } from '../../src/metrics/series-histogram.js';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const config = (registry: Registry) => ({
  name: 'test_request_duration_seconds',
  help: 'Requests by method, route and status, with "quotes" and a \\ backslash',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: BUCKETS,
  registers: [registry],
});

const labels = fc.record({
  method: fc.constantFrom('GET', 'POST'),
  route: fc.constantFrom('/v1/issues', '/v1/consultations/:consultationId/views', 'unmatched', 'a "quoted" \\ route'),
  status: fc.constantFrom('200', '201', '404'),
});
// Durations around and on the bounds, above them all, zero, and arbitrary ones.
const value = fc.oneof(
  fc.constantFrom(0, ...BUCKETS, 10.5, 1e-9),
  fc.double({ min: 0, max: 20, noNaN: true }),
  fc.integer({ min: 0, max: 12 }).map((i) => (BUCKETS[i] ?? 1) * (1 + Number.EPSILON)),
);

t.test('the same observations scrape to the same text and JSON as prom-client’s Histogram', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(labels, value), { maxLength: 60 }), async (observations) => {
      const theirs = new Registry();
      const ours = new Registry();
      const histogram = new Histogram(config(theirs));
      const kept = new SeriesHistogram(config(ours));
      for (const [l, v] of observations) {
        histogram.observe(l, v);
        kept.observe(l, v);
      }
      t.equal(await ours.metrics(), await theirs.metrics());
      t.same(await ours.getMetricsAsJSON(), await theirs.getMetricsAsJSON());
    }),
    { numRuns: 200 },
  );
});

t.test('a series kept by its caller counts into the same series as observing by labels', async (t) => {
  const registry = new Registry();
  const kept = new SeriesHistogram(config(registry));
  const series = kept.series({ method: 'POST', route: '/v1/issues', status: '201' });
  series.observe(0.003);
  kept.observe({ method: 'POST', route: '/v1/issues', status: '201' }, 0.2);
  const text = await registry.metrics();
  t.match(text, /^test_request_duration_seconds_count\{method="POST",route="\/v1\/issues",status="201"\} 2$/m);
  t.match(
    text,
    /^test_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/v1\/issues",status="201"\} 1$/m,
  );
});

t.test('a value that is not a finite number is refused, as prom-client refuses it', async (t) => {
  const kept = new SeriesHistogram(config(new Registry()));
  t.throws(() => kept.observe({ method: 'GET', route: '/', status: '200' }, Number.NaN), TypeError);
  t.throws(() => kept.observe({ method: 'GET', route: '/', status: '200' }, Infinity), TypeError);
});

t.test('reset forgets every series', async (t) => {
  const registry = new Registry();
  const kept = new SeriesHistogram(config(registry));
  kept.observe({ method: 'GET', route: '/', status: '200' }, 1);
  kept.reset();
  t.notMatch(await registry.metrics(), /_count/);
});
