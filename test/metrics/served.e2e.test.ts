// The ledger as `npm start` assembles it exports its metrics: requests, appends and their conflicts, the
// projector, the warm-up, the integrity status and the embedded store's fsyncs (from its worker thread),
// on METRICS_PORT without a token (the API then has no /metrics), or on the API behind a bearer token.
import t from 'tap';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';
import { bodies } from '../http/helpers/writes.js';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

t.test('with METRICS_PORT, GET /metrics on that port shows the write path, the read side and the store', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-metrics-'));
  const running = await startLedger(
    loadConfig({ DATA_DIR: dataDir, PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' }),
    pino({ level: 'silent' }),
  );
  t.teardown(async () => {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const { token } = await running.tokens.create(
    { id: 'metrics-test', agency: 'MFA', roles: ['admin'], clearance: 'secret' },
    'metrics test',
  );
  const post = (url: string, body: object) =>
    fetch(`${running.url}${url}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
  const processId = `proc-${randomUUID().slice(0, 8)}`;
  const created = await post('/v1/processes', bodies.process(processId));
  t.equal(created.status, 201, await created.clone().text());
  const position = ((await created.json()) as { position: { commit: string } }).position.commit;
  t.equal(
    (
      await fetch(`${running.url}/v1/positions?minPosition=${position}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).status,
    200,
  );

  t.ok(running.metricsUrl, 'the metrics have a URL of their own');
  const res = await fetch(running.metricsUrl ?? '');
  t.equal(res.status, 200, 'no token needed on the metrics port');
  const text = await res.text();
  t.equal(
    sample(text, 'ledger_http_request_duration_seconds_count{method="POST",route="/v1/processes",status="201"}'),
    1,
    'the write, by route pattern',
  );
  t.ok(
    (sample(text, 'ledger_store_append_duration_seconds_count{category="process",result="ok"}') ?? 0) >= 1,
    'its append, timed',
  );
  t.ok((sample(text, 'ledger_store_appended_events_total{category="process"}') ?? 0) >= 1, 'the events it appended');
  t.ok((sample(text, 'ledger_projector_position') ?? 0) >= Number(position), 'the projector has reached the write');
  t.equal(sample(text, 'ledger_projector_caught_up'), 1);
  t.equal(sample(text, 'ledger_projector_subscription_restarts_total'), 0);
  // The count is the store's head against the projector's: an event appended meanwhile (a timed
  // checkpoint) puts it at 1 for a moment on a busy machine, so ask until it has caught up again.
  let behind = sample(text, 'ledger_projector_events_behind');
  for (let tries = 0; behind !== 0 && tries < 50; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    behind = sample(await (await fetch(running.metricsUrl ?? '')).text(), 'ledger_projector_events_behind');
  }
  t.equal(behind, 0, 'no ledger event left behind once the projector has caught up');
  t.equal(sample(text, 'ledger_integrity_ok{source="projector"}'), 1, 'nothing wrong found');
  t.not(sample(text, 'ledger_read_warmup_issues{state="total"}'), undefined, 'the warm-up is reported');
  t.ok(
    (sample(text, 'ledger_store_fsync_duration_seconds_count') ?? 0) >= 1,
    "the embedded store's fsyncs, from its worker thread",
  );
  t.ok((sample(text, 'ledger_store_commit_batch_writes_count') ?? 0) >= 1, 'and its commits');
  t.match(text, /^process_cpu_user_seconds_total /m, "and the process's own metrics");

  const onApi = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  t.equal(onApi.status, 404, 'the API serves no /metrics then');
  t.equal(
    (await fetch(`${running.metricsUrl?.replace('/metrics', '/other') ?? ''}`)).status,
    404,
    'nor the metrics port anything else',
  );
});
