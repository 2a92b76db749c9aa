// A Prometheus histogram whose series are kept as handles (ADR 0066). prom-client's Histogram.observe, on every
// observation, builds the series' key from its labels object, validates the labels and finds the bucket's count by the
// bound turned into a string: ~3-4 µs an observation in the serving process's profile, three observations a keyed
// write (the request, the claim's append, the event's). Here a series is found once by its label values and observing
// it is a bucket search and three additions. Registered in a prom-client Registry as a metric of its own: `get` and
// `getForPromString` answer what prom-client's Histogram answers for the same observations (same series in the same
// order, the same sums added in the same order), so the scrape and the JSON of getMetricsAsJSON are unchanged
// (test/metrics/series-histogram.unit.test.ts compares them).
import type { LabelValues, Metric, MetricValue, MetricValueWithName, Registry } from 'prom-client';

export interface SeriesHistogramConfig<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  /** Upper bounds, increasing. */
  buckets: readonly number[];
  registers: readonly Registry[];
}

/** One series: the counts of one set of label values. */
export interface HistogramSeries {
  observe(value: number): void;
}

class Series implements HistogramSeries {
  /** Observations per bucket (not cumulative); the last place counts those above every bound. */
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${String(value)}`);
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i += 1;
    (this.counts[i] as number) += 1;
    this.sum += value;
    this.count += 1;
  }
}

type Exported = MetricValueWithName<string> & {
  sharedLabels: Readonly<Record<string, string>>;
  exemplar: null | undefined;
};

export class SeriesHistogram<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #labelNames: readonly L[];
  readonly #bounds: readonly number[];
  /** By label values joined with NUL, in the order they were first observed (prom-client's order too). */
  readonly #series = new Map<string, Series>();

  constructor(config: SeriesHistogramConfig<L>) {
    this.name = config.name;
    this.help = config.help;
    this.#labelNames = [...config.labelNames];
    this.#bounds = [...config.buckets];
    for (let i = 1; i < this.#bounds.length; i += 1)
      if ((this.#bounds[i] as number) <= (this.#bounds[i - 1] as number))
        throw new Error(`${config.name}: buckets must increase`);
    // The registry asks a metric only for its name, type, and values (get/getForPromString): this is one.
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The series of these label values (every label named), made on its first use. */
  series(labels: Readonly<Record<L, string>>): HistogramSeries {
    let key = '';
    for (const name of this.#labelNames) key += `${labels[name]}\u0000`;
    let series = this.#series.get(key);
    if (series === undefined) {
      series = new Series({ ...labels }, this.#bounds);
      this.#series.set(key, series);
    }
    return series;
  }

  /** prom-client's `observe(labels, value)`. */
  observe(labels: Readonly<Record<L, string>>, value: number): void {
    this.series(labels).observe(value);
  }

  /** What prom-client's Histogram.getForPromString answers: each series' labels beside its values. */
  getForPromString(): Promise<{
    name: string;
    help: string;
    type: 'histogram';
    values: Exported[];
    aggregator: 'sum';
  }> {
    const values: Exported[] = [];
    const bucket = `${this.name}_bucket`;
    for (const series of this.#series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.#bounds.length; i += 1) {
        cumulative += series.counts[i] as number;
        values.push({
          labels: { le: this.#bounds[i] as number },
          sharedLabels: series.labels,
          value: cumulative,
          metricName: bucket,
          exemplar: null,
        });
      }
      const shared = series.labels;
      values.push(
        { labels: { le: '+Inf' }, sharedLabels: shared, value: series.count, metricName: bucket, exemplar: null },
        { labels: {}, sharedLabels: shared, value: series.sum, metricName: `${this.name}_sum`, exemplar: undefined },
        {
          labels: {},
          sharedLabels: shared,
          value: series.count,
          metricName: `${this.name}_count`,
          exemplar: undefined,
        },
      );
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }

  /** What prom-client's Histogram.get answers: each value's labels with its series' labels. */
  async get(): Promise<{
    name: string;
    help: string;
    type: 'histogram';
    values: MetricValue<string>[];
    aggregator: 'sum';
  }> {
    const data = await this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ sharedLabels, labels, ...value }) => ({
        ...value,
        labels: { ...labels, ...sharedLabels } as LabelValues<string>,
      })),
    };
  }

  reset(): void {
    this.#series.clear();
  }
}
