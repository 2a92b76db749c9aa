// The workspace's benchmarks (issue 13): the positions board in Debian's chromium, on the demo data
// (first load: bytes transferred, fonts aside, and time until the board is drawn) and with 1,000
// issues more (time until all of them are drawn). The server runs as `npm start` runs it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Page } from 'playwright-core';
import { LedgerCommand, type Principal } from '../../contracts/index.js';
import { loadConfig } from '../../src/config.js';
import { startLedger } from '../../src/boot/server.js';
import type { Benchmark, BenchResult } from '../report.js';
import { median } from '../store/measure.js';

const CHROMIUM = '/usr/bin/chromium';
const ISSUES = 1000;
const RUNS = 5;
const desk: Principal = { id: 'bench-desk', agency: 'MFA', roles: ['negotiator', 'approver'], clearance: 'secret' };

/** ms from the navigation's start until `rows` rows of the board are drawn, and the bytes it moved (fonts aside). */
async function loadBoard(page: Page, url: string, rows: number): Promise<{ ms: number; bytes: number }> {
  await page.goto(`${url}/`);
  await page
    .locator('[data-testid=board] tbody tr')
    .nth(rows - 1)
    .waitFor({ timeout: 60_000 });
  const ms = Number(await page.evaluate('performance.now()'));
  const bytes = Number(
    await page.evaluate(`performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
      .filter((e) => !e.name.includes('/assets/fonts/')).reduce((n, e) => n + e.transferSize, 0)`),
  );
  return { ms, bytes };
}

async function boardBenchmark(log: (m: string) => void): Promise<BenchResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-thai-tlwg`);
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-web-'));
  const running = await startLedger(
    loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000' }),
    pino({ level: 'silent' }),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const { token } = await running.tokens.create(desk);
    const context = await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 900 } });
    const signIn = await context.request.post(`${running.url}/web/session`, { data: { token } });
    if (signIn.status() !== 201) throw new Error(`sign-in answered ${signIn.status()}`);
    const page = await context.newPage();
    const demoRows = (
      (await (
        await fetch(`${running.url}/v1/positions`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { positions: unknown[] }
    ).positions.length;

    // A new page per load: a cold cache, as a first visit.
    const demo: { ms: number; bytes: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 900 } });
      await fresh.request.post(`${running.url}/web/session`, { data: { token } });
      demo.push(await loadBoard(await fresh.newPage(), running.url, demoRows));
      await fresh.close();
    }
    log(
      `demo board (${demoRows} issues): ${demo.map((d) => `${d.ms.toFixed(0)} ms`).join(', ')}; ${demo[0]?.bytes ?? 0} bytes`,
    );

    log(`registering ${ISSUES} issues with a position each`);
    const execute = (command: unknown, key: string) =>
      running.ledger.execute(LedgerCommand.parse(command), {
        principal: desk,
        correlationId: key,
        idempotencyKey: key,
      });
    await execute(
      {
        type: 'RegisterProcess',
        processId: 'bench',
        kind: 'other',
        title: { th: 'กระบวนการทดสอบ', en: 'Bench negotiation' },
        forum: 'bench',
      },
      'bench-process',
    );
    let last = '';
    for (let i = 0; i < ISSUES; i++) {
      const issueId = `bench-issue-${i}`;
      await execute(
        {
          type: 'RegisterIssue',
          issueId,
          processId: 'bench',
          code: `B-${i}`,
          title: { th: `ประเด็นทดสอบที่ ${i}`, en: `Bench issue ${i}` },
        },
        `${issueId}-r`,
      );
      await execute(
        {
          type: 'DraftPosition',
          issueId,
          stance: i % 3 === 0 ? 'support' : 'reserve',
          summary: { th: 'สาระสำคัญ', en: 'Summary' },
        },
        `${issueId}-d`,
      );
      const written = await execute(
        {
          type: 'EndorsePosition',
          issueId,
          version: 1,
          authority: 'mfa',
          decisionRef: `กต ${i}`,
          decidedOn: '2026-01-01',
        },
        `${issueId}-e`,
      );
      last = written.position.commit;
    }
    await fetch(`${running.url}/v1/positions?minPosition=${last}`, { headers: { authorization: `Bearer ${token}` } });
    // The board's two reads alone, from here: what of the time is the server's.
    const api: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await Promise.all(
        ['/v1/positions', '/v1/alignment'].map(async (p) =>
          (await fetch(`${running.url}${p}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(),
        ),
      );
      api.push(performance.now() - t0);
    }
    log(`its two reads (positions, alignment): ${api.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
    const large: number[] = [];
    for (let i = 0; i < RUNS; i++) large.push((await loadBoard(page, running.url, demoRows + ISSUES)).ms);
    log(`board with ${demoRows + ISSUES} issues: ${large.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);

    const demoMs = median(demo.map((d) => d.ms).sort((a, b) => a - b));
    const demoBytes = Math.max(...demo.map((d) => d.bytes));
    const largeMs = median(large.sort((a, b) => a - b));
    return {
      id: 'board',
      title: 'Positions board in chromium: first load on the demo data, and with 1,000 issues more',
      figures: [
        { name: 'demo data: first load, bytes transferred (fonts aside)', value: demoBytes / 1024, unit: 'KiB' },
        { name: 'demo data: navigation to board drawn (median of 5, cold)', value: demoMs, unit: 'ms' },
        { name: `${ISSUES} issues more: navigation to every row drawn (median of 5)`, value: largeMs, unit: 'ms' },
        {
          name: `${ISSUES} issues more: the board's two API reads alone (median of 5)`,
          value: median(api),
          unit: 'ms',
        },
      ],
      verdicts: [
        { target: 'first load of the board under 300 KB transferred, fonts aside', met: demoBytes < 300 * 1024 },
        { target: 'board usable within 1 s on the demo data', met: demoMs < 1000 },
        { target: `board with ${ISSUES} issues drawn within 2 s`, met: largeMs < 2000 },
      ],
      notes: [
        'Sign-in happens before the clock starts (the session cookie is set first); each demo load is a fresh browser context.',
      ],
    };
  } finally {
    await browser.close();
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const webBenchmarks: Benchmark[] = [{ id: 'board', title: 'Positions board in chromium', run: boardBenchmark }];
