// Debian's chromium driven by playwright-core, for the workspace's browser tests: sign in with a
// token, open a page, take a screenshot into artifacts/web/, check a page with axe-core, and
// collect script errors and policy violations no assertion looks at.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Test } from 'tap';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../../artifacts/web');
export const WAIT = 15_000;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Waits until the locator finds `n` elements (the page's policy forbids waitForFunction's string
 * evaluation); resolves with the count last seen.
 */
export async function untilCount(locator: Locator, n: number, timeout = WAIT): Promise<number> {
  const end = Date.now() + timeout;
  let seen = await locator.count();
  while (seen !== n && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await locator.count();
  }
  return seen;
}

/**
 * The log position (commit) the page's next POST to `pathname` answers with: a test that checks a write made through
 * the page against the API reads at it (`minPosition`), as the page itself does, instead of racing the read side.
 */
export async function nextWrite(page: Page, pathname: string): Promise<string> {
  const answer = await page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === pathname,
    { timeout: WAIT },
  );
  return ((await answer.json()) as { position: { commit: string } }).position.commit;
}

export interface Workspace {
  readonly browser: Browser;
  /** Script errors and policy violations seen on any page. */
  readonly pageProblems: string[];
  /** A new browser context signed in with the token (Thai, Bangkok), on the board. */
  open(token: string): Promise<{ context: BrowserContext; page: Page }>;
  go(page: Page, pathname: string): Promise<void>;
  /** A screenshot of the whole page, or (`full: false`) of what the window shows. */
  shot(page: Page, name: string, options?: { full?: boolean }): Promise<void>;
  assertAccessible(t: Test, page: Page, name: string): Promise<void>;
  api<T>(token: string, pathname: string): Promise<T>;
  apiWrite(
    token: string,
    pathname: string,
    body: unknown,
  ): Promise<{ streamName: string; eventIds: string[]; position: { commit: string; prepare: string } }>;
}

export async function startWorkspace(t: Test, url: string): Promise<Workspace> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-thai-tlwg (.ci/run does it)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  t.teardown(() => browser.close());
  const pageProblems: string[] = [];

  const go = async (page: Page, pathname: string) => {
    await page.goto(`${url}${pathname}`);
    await page.locator('main h1').first().waitFor({ timeout: WAIT });
  };

  return {
    browser,
    pageProblems,
    async open(token) {
      const context = await browser.newContext({
        locale: 'th-TH',
        timezoneId: 'Asia/Bangkok',
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) pageProblems.push(`console: ${m.text()}`);
      });
      await page.goto(`${url}/`);
      await page.getByLabel('โทเค็นเข้าใช้งาน').fill(token);
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
      await page.locator('header.top').waitFor({ timeout: WAIT });
      return { context, page };
    },
    go,
    async shot(page, name, options = {}) {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: options.full ?? true });
    },
    async assertAccessible(t, page, name) {
      await page.evaluate(axeSource);
      const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
        r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      t.same(serious, [], `${name}: axe-core finds no serious or critical violation`);
    },
    async api<T>(token: string, pathname: string): Promise<T> {
      const res = await fetch(`${url}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async apiWrite(token, pathname, body) {
      const res = await fetch(`${url}${pathname}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
      return (await res.json()) as {
        streamName: string;
        eventIds: string[];
        position: { commit: string; prepare: string };
      };
    },
  };
}
