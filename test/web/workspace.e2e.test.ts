// The workspace as people use it, in Debian's chromium driven by playwright-core, on the demo data:
// a negotiator reads the board and an issue in Thai and moves the date back; an agency officer
// records a view that another open page shows live; a bad entry is shown on its field and appends
// nothing; an auditor runs a replay; the session brief prints on A4 with its marking; axe-core finds
// no serious or critical violation on any page. Screenshots go to artifacts/web/.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { ARTIFACTS, WAIT, startWorkspace } from './helpers/browser.js';
import { serve } from './helpers/server.js';

const served = await serve(t, { demo: true });
const { url } = served;
const negotiator = await served.token(['negotiator', 'approver'], 'MFA', 'secret');
const officer = await served.token(['agency-officer'], 'OAG', 'confidential');
const auditor = await served.token(['auditor'], 'OAG', 'top-secret');
const reader = await served.token(['agency-officer'], 'RTP', 'unclassified');

const { pageProblems, open, go, shot, assertAccessible, api, apiWrite } = await startWorkspace(t, url);

t.test(
  'a negotiator signs in, reads the board in Thai with Buddhist-Era dates, opens an issue and moves the date back to 28 Dec 2021',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await page.locator('[data-testid=board] tbody tr').first().waitFor({ timeout: WAIT });
    t.equal(await page.getAttribute('html', 'lang'), 'th');
    t.equal(await page.locator('main h1').textContent(), 'กระดานท่าทีของไทย');
    const scope = page.locator('[data-testid=board] tr[data-issue="ahc-scope"]');
    t.match(await scope.textContent(), /สนับสนุนโดยมีข้อแก้ไข/, 'the stance in force, in Thai');
    t.match(await scope.textContent(), /23 ม\.ค\. 2567/, 'in force from 23 Jan 2024, in the Buddhist Era');
    t.match(await scope.textContent(), /คณะรัฐมนตรี/, 'its authority');
    const issues = (await api<{ positions: unknown[] }>(negotiator, '/v1/positions')).positions.length;
    t.equal(await page.locator('[data-testid=board] tbody tr').count(), issues, 'one row per issue the API answers');
    // Everything this page loaded so far (shell, bundle, stylesheet, sign-in, the board's reads), fonts aside.
    const transferred = Number(
      await page.evaluate(`performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
      .filter((e) => !e.name.includes('/assets/fonts/')).reduce((n, e) => n + e.transferSize, 0)`),
    );
    t.ok(
      transferred > 0 && transferred < 300_000,
      `the board's first load transferred ${transferred} bytes (under 300 KB, fonts aside)`,
    );
    await shot(page, 'board');
    await assertAccessible(t, page, 'board');

    await page.getByLabel('ค้นหา (รหัสหรือชื่อประเด็น)').fill('ขอบเขตของอนุสัญญา');
    t.equal(await page.locator('[data-testid=board] tbody tr').count(), 1, 'the search leaves one issue');

    await page.getByRole('link', { name: 'ชื่อและขอบเขตของอนุสัญญา' }).click();
    const inForce = page.locator('[data-testid=in-force]');
    await inForce.getByText('ฉบับที่ 2').waitFor({ timeout: WAIT });
    t.match(await inForce.textContent(), /สนับสนุนโดยมีข้อแก้ไข/);
    t.match(
      await inForce.locator('[data-source=illustrative]').first().textContent(),
      /ตัวอย่าง/,
      'a version no source gives is marked illustrative, not by its text',
    );
    await page.locator('[data-testid=timeline] li').first().waitFor({ timeout: WAIT });
    t.match(
      await page.locator('[data-testid=timeline]').textContent(),
      /สิ่งที่เปลี่ยนจากฉบับที่ 1/,
      'the timeline says what changed between versions',
    );
    await shot(page, 'issue');
    await assertAccessible(t, page, 'issue');

    // The date picker, on the valid clock: what was in force on 28 Dec 2021, as the API answers it.
    await page.getByLabel('วันที่', { exact: true }).fill('2021-12-28');
    await inForce.getByText('ฉบับที่ 1').waitFor({ timeout: WAIT });
    const then = await api<{ position: { inForce: { version: number; decisionRef: string } } }>(
      negotiator,
      '/v1/issues/ahc-scope/position?asOf=2021-12-28&axis=valid',
    );
    t.equal(then.position.inForce.version, 1);
    t.match(await inForce.textContent(), /รับฟังท่าที/, 'the stance then: listening');
    t.ok(
      (await inForce.textContent())?.includes(then.position.inForce.decisionRef),
      'the decision then, as the API has it',
    );
    t.equal(await page.getByTestId('as-of-showing').textContent(), 'แสดงท่าทีที่มีผล ณ 28 ธันวาคม 2564');
    t.match(page.url(), /asOf=2021-12-28/, 'the URL keeps the date, so the page can be shared');
    await shot(page, 'issue-2021-12-28');

    // The other clock: the demo data was typed in today, so on 28 Dec 2021 the ledger showed nothing.
    await page.getByLabel('ตามที่ระบบบันทึกไว้ในวันนั้น').check();
    await page.getByText('ไม่พบรายการนี้ ณ วันที่ที่เลือก').waitFor({ timeout: WAIT });
    const recorded = await fetch(`${url}/v1/issues/ahc-scope/position?asOf=2021-12-28&axis=recorded`, {
      headers: { authorization: `Bearer ${negotiator}` },
    });
    t.equal(recorded.status, 404, 'as the API says');

    // English is one click away, dates included.
    await page.getByLabel('ท่าทีที่มีผลในวันนั้น').check();
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByTestId('as-of-showing')
      .getByText('Showing what was in force on 28 Dec 2021')
      .waitFor({ timeout: WAIT });
    t.equal(await page.getAttribute('html', 'lang'), 'en');
    t.match(await inForce.textContent(), /Listening/);
    await shot(page, 'issue-en');
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await page.getByTestId('as-of-showing').getByText('28 ธันวาคม 2564', { exact: false }).waitFor({ timeout: WAIT });

    // Thai digits, as a setting.
    await page.getByLabel('ใช้เลขไทย').check();
    t.equal(await page.getByTestId('as-of-showing').textContent(), 'แสดงท่าทีที่มีผล ณ ๒๘ ธันวาคม ๒๕๖๔');
    await page.getByLabel('ใช้เลขไทย').uncheck();
  },
);

t.test(
  'a year typed in the Buddhist Era (28/12/2564) reads as 28 Dec 2021, and a link with a date the ledger does not take says why',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await go(page, '/issues/ahc-scope');
    const inForce = page.locator('[data-testid=in-force]');
    await inForce.getByText('ฉบับที่ 2').waitFor({ timeout: WAIT });
    // The browser's field counts years in the common era; a Thai reader types 2564.
    const field = page.getByLabel('วันที่', { exact: true });
    await field.fill('2564-12-28');
    await inForce.getByText('ฉบับที่ 1').waitFor({ timeout: WAIT });
    t.match(page.url(), /asOf=2021-12-28/, 'the page asks the ledger about 28 Dec 2021');
    t.equal(await field.inputValue(), '2021-12-28', 'the field now holds the common-era date');
    t.equal(
      await page.getByTestId('as-of-showing').textContent(),
      'แสดงท่าทีที่มีผล ณ 28 ธันวาคม 2564',
      'the page says which day it shows, in the Buddhist Era',
    );
    t.equal(
      await page.getByRole('status').filter({ hasText: 'พุทธศักราช' }).textContent(),
      'อ่านปี 2564 เป็นพุทธศักราช: 28 ธันวาคม 2564',
      'a note says how the year was read',
    );
    await shot(page, 'issue-buddhist-year');

    // A shared link is not typed: a year the ledger does not take is explained, not shown as a code.
    await go(page, '/?asOf=2564-12-28');
    const problem = page.getByRole('alert').filter({ hasText: 'โหลดข้อมูลไม่สำเร็จ' });
    await problem.waitFor({ timeout: WAIT });
    t.match(
      await problem.textContent(),
      /วันที่อยู่นอกช่วงที่ระบบรับ: ตั้งแต่ 1 ม\.ค\. 2488 ถึง 31 ธ\.ค\. 2642/,
      'the dates the ledger takes, in the Buddhist Era',
    );
  },
);

t.test('an officer records a view through the form, and another open page shows it without a reload', async (t) => {
  const heldOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());
  const convened = await apiWrite(negotiator, '/v1/consultations', {
    title: { th: 'ประชุมหารือเรื่องขอบเขต (ทดสอบ)', en: 'Consultation on scope (test)' },
    heldOn,
    convener: 'MFA',
    participants: ['MFA', 'OAG', 'RTP'],
    agenda: ['ahc-scope'],
  });
  const consultationId = convened.streamName.replace(/^consultation-/, '');

  // The negotiator has the issue open.
  const watcher = await open(negotiator);
  t.teardown(() => watcher.context.close());
  await go(watcher.page, '/issues/ahc-scope');
  const strip = watcher.page.getByTestId('alignment');
  await strip.waitFor({ timeout: WAIT });
  t.notMatch(await strip.textContent(), /อส\./, 'no view of OAG yet');
  await watcher.page.evaluate('window.notReloaded = true');

  const { context, page } = await open(officer);
  t.teardown(() => context.close());
  await go(page, '/consultations');
  t.equal(await page.locator('main h1').textContent(), 'การประชุมหารือที่ อส. เข้าร่วม');
  await shot(page, 'consultations');
  await assertAccessible(t, page, 'consultations');
  await page.getByRole('link', { name: 'ประชุมหารือเรื่องขอบเขต (ทดสอบ)' }).click();
  const form = page.locator('form.view-form');
  await form.waitFor({ timeout: WAIT });
  t.equal(
    await page.getByRole('button', { name: 'บันทึกผลการหารือ (หน่วยงานผู้เรียกประชุม)' }).count(),
    0,
    'the outcome form is only for the convening agency',
  );
  await form.getByLabel('ประเด็น').selectOption('ahc-scope');
  await form.getByLabel('ท่าที', { exact: true }).selectOption('oppose');
  await form.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาไทย').fill('คัดค้านขอบเขตที่กว้างเกินไป');
  await form.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาอังกฤษ').fill('Opposes a scope that is too wide');
  await form.getByRole('button', { name: 'บันทึก' }).click();
  await form.getByRole('status').getByText('บันทึกแล้ว').waitFor({ timeout: WAIT });
  await page.getByTestId('my-entries').getByText('คัดค้านขอบเขตที่กว้างเกินไป').waitFor({ timeout: WAIT });
  await shot(page, 'consultation');
  await assertAccessible(t, page, 'consultation');

  // The other page: the new view diverges from the position in force.
  const oag = strip.locator('li', { hasText: 'อส.' });
  await oag.waitFor({ timeout: WAIT });
  t.match(await oag.textContent(), /คัดค้าน/);
  t.match(await oag.textContent(), /เห็นต่าง/);
  t.equal(await watcher.page.evaluate('window.notReloaded'), true, 'the page was not reloaded');
  t.equal(await watcher.page.locator('[data-live]').getAttribute('data-live'), 'open');

  // A bad entry: no Thai summary. The field says so, and nothing is appended.
  const views = async () =>
    (await api<{ consultation: { views: unknown[] } }>(negotiator, `/v1/consultations/${consultationId}`)).consultation
      .views.length;
  const events = async () =>
    (await api<{ events: unknown[] }>(auditor, `/v1/audit/events?stream=consultation-${consultationId}`)).events.length;
  const [viewsBefore, eventsBefore] = [await views(), await events()];
  await form.getByLabel('ประเด็น').selectOption('ahc-scope');
  await form.getByLabel('ท่าที', { exact: true }).selectOption('support');
  await form
    .getByRole('group', { name: 'สาระสำคัญ' })
    .getByLabel('ภาษาอังกฤษ')
    .fill('Supports, but the Thai text is missing');
  await form.getByRole('button', { name: 'บันทึก' }).click();
  const thai = form.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาไทย');
  await form.getByText('ต้องกรอกหรือเลือกอย่างน้อยหนึ่งรายการ').waitFor({ timeout: WAIT });
  t.equal(await thai.getAttribute('aria-invalid'), 'true', 'the Thai summary is marked');
  const described = (await thai.getAttribute('aria-describedby')) ?? '';
  t.match(
    await page.locator(`[id="${described.split(' ').at(-1)}"]`).textContent(),
    /ต้องกรอก/,
    'and its error is read out with it',
  );
  t.equal(
    await form.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาอังกฤษ').getAttribute('aria-invalid'),
    null,
    'the English one is not',
  );
  t.equal(await views(), viewsBefore, 'no view was recorded');
  t.equal(await events(), eventsBefore, 'nothing was appended');
  await shot(page, 'consultation-field-error');

  // Retraction of the agency's own entry.
  const mine = page.getByTestId('my-entries');
  await mine.locator('summary', { hasText: 'เพิกถอนรายการนี้' }).click();
  const retract = mine.locator('form.retract-form');
  await retract.getByLabel('ภาษาไทย').fill('บันทึกผิดประเด็น');
  await retract.getByLabel('ภาษาอังกฤษ').fill('Recorded against the wrong issue');
  await retract.getByRole('button', { name: 'เพิกถอน' }).click();
  await page.getByText('ยังไม่มีรายการ').waitFor({ timeout: WAIT });
  t.equal(await views(), viewsBefore - 1, 'the view is retracted');
  await strip.locator('li', { hasText: 'อส.' }).waitFor({ state: 'detached', timeout: WAIT });
  t.pass('and the open issue page drops it live');
});

t.test('an auditor browses the raw events and runs a replay', async (t) => {
  const { context, page } = await open(auditor);
  t.teardown(() => context.close());
  await go(page, '/audit');
  await page.getByLabel('สตรีม').fill('position-ahc-scope');
  await page.getByRole('button', { name: 'กรอง' }).click();
  const rows = page.locator('[data-testid=events] tbody tr');
  await rows.first().waitFor({ timeout: WAIT });
  const raw = (
    await api<{ events: { eventId: string; metadata: { hash: string } }[] }>(
      auditor,
      '/v1/audit/events?stream=position-ahc-scope&limit=50',
    )
  ).events;
  await rows.nth(raw.length - 1).waitFor({ timeout: WAIT });
  t.equal(await rows.count(), raw.length, 'the events the API answers for that stream');
  await rows.first().getByText('บันทึกดิบ').click();
  t.ok(
    (await rows.first().textContent())?.includes(raw[0]?.metadata.hash ?? 'no hash'),
    'the raw record shows the chain hash',
  );
  await page.getByRole('button', { name: 'เริ่มสร้างใหม่และเปรียบเทียบ' }).click();
  await page
    .getByTestId('replay-result')
    .getByText('ตรงกัน: ข้อมูลที่สร้างใหม่เหมือนกับข้อมูลที่ใช้งานอยู่')
    .waitFor({ timeout: 60_000 });
  t.match(await page.getByTestId('replay-result').textContent(), /ปฏิเสธ 0/);
  await shot(page, 'audit');
  await assertAccessible(t, page, 'audit');
});

t.test('the session brief prints on A4 with the classification marking on every page', async (t) => {
  const { context, page } = await open(negotiator);
  t.teardown(() => context.close());
  await go(page, '/briefs');
  await assertAccessible(t, page, 'briefs');
  await shot(page, 'briefs');
  await page.getByRole('link', { name: 'สมัยประชุมสรุปผล', exact: true }).click();
  const brief = page.getByTestId('brief');
  await brief.waitFor({ timeout: WAIT });
  t.equal(
    await page.getByTestId('marking-top').textContent(),
    'ลับมาก',
    'secret red lines are in this copy: marked secret (ลับมาก)',
  );
  t.equal(await page.getByTestId('marking-bottom').textContent(), 'ลับมาก');
  await shot(page, 'brief');
  await assertAccessible(t, page, 'brief');

  // Print: the page margins carry the marking on every page; nothing is wider than A4's text width.
  const pageRules = String(
    await page.evaluate(
      "document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\\n')",
    ),
  );
  t.match(pageRules, /@top-center[^}]*ลับมาก/);
  t.match(pageRules, /@bottom-center[^}]*ลับมาก/);
  await page.emulateMedia({ media: 'print' });
  const a4TextWidth = Math.floor(((210 - 2 * 18) / 25.4) * 96);
  await page.setViewportSize({ width: a4TextWidth, height: 1000 });
  const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  t.equal(overflow, 0, 'nothing runs past the A4 text width');
  t.equal(await page.locator('header.top').isVisible(), false, 'the menu is not printed');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  writeFileSync(path.join(ARTIFACTS, 'brief.pdf'), pdf);
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
    Math.round(Number(m[1])),
    Math.round(Number(m[2])),
  ]);
  t.ok(boxes.length >= 2, `the brief takes ${boxes.length} pages`);
  t.ok(
    boxes.every(([w, h]) => w === 595 && h === 842),
    'every page is A4 (595 x 842 pt)',
  );

  // A reader without clearance: the red lines are said to be redacted, and the copy carries no secret marking.
  const other = await open(reader);
  t.teardown(() => other.context.close());
  await go(other.page, '/briefs/ahc-concluding');
  await other.page.getByTestId('brief').waitFor({ timeout: WAIT });
  t.ok(
    (await other.page.getByText('ปกปิด (ต้องมีสิทธิ์เข้าถึงชั้นลับมาก)').count()) > 0,
    "redacted, in the reader's language, never an empty gap",
  );
  t.equal(await other.page.getByTestId('marking-top').count(), 0);
  await shot(other.page, 'brief-redacted');
});

t.test('controls show only for what the signed-in token may do', async (t) => {
  const { context, page } = await open(negotiator);
  t.teardown(() => context.close());
  await go(page, '/issues/amcc-capacity-building');
  await page.getByTestId('pending-draft').waitFor({ timeout: WAIT });
  t.equal(await page.locator('summary', { hasText: 'ยกร่างท่าทีฉบับใหม่' }).count(), 1, 'a negotiator may draft');
  t.equal(
    await page.locator('summary', { hasText: 'ให้ความเห็นชอบร่างท่าที' }).count(),
    1,
    'an approver may endorse the pending draft',
  );
  t.equal(await page.getByRole('link', { name: 'ตรวจสอบ' }).count(), 0, 'no audit for a negotiator');

  const audit = await open(auditor);
  t.teardown(() => audit.context.close());
  await go(audit.page, '/issues/amcc-capacity-building');
  await audit.page.getByTestId('pending-draft').waitFor({ timeout: WAIT });
  t.equal(await audit.page.locator('form.write-form').count(), 0, 'an auditor writes nothing');
  t.equal(await audit.page.getByRole('link', { name: 'ตรวจสอบ' }).count(), 1);

  const agency = await open(officer);
  t.teardown(() => agency.context.close());
  await go(agency.page, '/issues/amcc-capacity-building');
  await agency.page.getByTestId('pending-draft').waitFor({ timeout: WAIT });
  t.equal(await agency.page.locator('form.write-form').count(), 0, 'an agency officer neither drafts nor endorses');
  await go(agency.page, '/audit');
  t.equal(await agency.page.getByText('บัญชีนี้ไม่มีสิทธิ์ดูหน้านี้').count(), 1);
});

t.test(
  'a negotiator drafts a new version through the form, the approver endorses it, a statement is recorded',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await go(page, '/issues/ahc-protocol');
    await page.getByTestId('in-force').waitFor({ timeout: WAIT });
    await page.locator('summary', { hasText: 'ยกร่างท่าทีฉบับใหม่' }).click();
    const form = page.getByRole('form', { name: 'ยกร่างท่าทีฉบับใหม่' });
    await form.getByLabel('ท่าที', { exact: true }).selectOption('oppose');
    await form.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาไทย').fill('คัดค้านการเจรจาพิธีสารเพิ่มเติมในขณะนี้');
    await form
      .getByRole('group', { name: 'สาระสำคัญ' })
      .getByLabel('ภาษาอังกฤษ')
      .fill('Oppose negotiating a protocol now');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    const pending = page.getByTestId('pending-draft');
    await pending.getByText('คัดค้านการเจรจาพิธีสารเพิ่มเติมในขณะนี้').waitFor({ timeout: WAIT });
    await page.locator('summary', { hasText: 'ให้ความเห็นชอบร่างท่าที' }).click();
    const endorse = page.getByRole('form', { name: 'ให้ความเห็นชอบร่างท่าที (ฉบับที่ 2)' });
    await endorse.getByLabel('ผู้ให้ความเห็นชอบ').selectOption('cabinet');
    await endorse.getByLabel('เลขที่หรืออ้างอิงมติ').fill('มติคณะรัฐมนตรี (ทดสอบ)');
    await endorse.getByLabel('วันที่มีมติ').fill('2026-12-01');
    await endorse.getByRole('button', { name: 'ให้ความเห็นชอบ' }).click();
    await page.getByTestId('in-force').getByText('มติคณะรัฐมนตรี (ทดสอบ)').waitFor({ timeout: WAIT });
    t.equal(await page.getByTestId('pending-draft').count(), 0, 'the draft is now in force');
    await assertAccessible(t, page, 'issue with forms');

    await page.locator('summary', { hasText: 'บันทึกถ้อยแถลง' }).click();
    const statement = page.getByRole('form', { name: 'บันทึกถ้อยแถลง' });
    await statement.getByLabel('สมัยประชุม').selectOption('ahc-concluding-resumed');
    // Typed with its Buddhist Era year, as a Thai officer writes it: the form sends 1 Aug 2024.
    await statement.getByLabel('วันที่กล่าว').fill('2567-08-01');
    t.equal(await statement.getByLabel('วันที่กล่าว').inputValue(), '2024-08-01', 'the year 2567 is read as 2024');
    t.equal(
      await statement.getByRole('status').filter({ hasText: 'พุทธศักราช' }).textContent(),
      'อ่านปี 2567 เป็นพุทธศักราช: 1 สิงหาคม 2567',
      'and the form says so',
    );
    await statement.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาไทย').fill('ไทยขอสงวนท่าทีเรื่องพิธีสาร');
    await statement
      .getByRole('group', { name: 'สาระสำคัญ' })
      .getByLabel('ภาษาอังกฤษ')
      .fill('Thailand reserves on a protocol');
    await statement.getByRole('button', { name: 'บันทึก' }).click();
    await page.locator('.statements').getByText('ไทยขอสงวนท่าทีเรื่องพิธีสาร').waitFor({ timeout: WAIT });
    t.pass('the statement shows among the statements at sessions');
  },
);

t.test('signing out returns to the sign-in form, and the cookie no longer reads anything', async (t) => {
  const { context, page } = await open(negotiator);
  t.teardown(() => context.close());
  await assertAccessible(t, page, 'board, signed in');
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await page.getByLabel('โทเค็นเข้าใช้งาน').waitFor({ timeout: WAIT });
  await shot(page, 'sign-in');
  await assertAccessible(t, page, 'sign-in');
  await page.reload();
  await page.getByLabel('โทเค็นเข้าใช้งาน').waitFor({ timeout: WAIT });
  const cookies = await context.cookies();
  const res = await fetch(`${url}/v1/positions`, {
    headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  t.equal(res.status, 401);
  await page.getByLabel('โทเค็นเข้าใช้งาน').fill('pl_wrong');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.getByText('ไม่พบโทเค็นนี้ หรือโทเค็นถูกเพิกถอนแล้ว').waitFor({ timeout: WAIT });
  t.equal(
    await page.getByLabel('โทเค็นเข้าใช้งาน').getAttribute('aria-invalid'),
    'true',
    'a wrong token is shown on the field',
  );
});

t.test('no page ran into a script error or the content security policy', async (t) => {
  t.same(pageProblems, []);
});
