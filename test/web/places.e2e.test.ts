// The workspace's other places, as people use them in Debian's chromium on the demo data: the
// changes feed (since a date, since the last visit, new entries live), the sessions from which a
// brief is chosen with the negotiations' milestones, the search box, the auditor's integrity
// status and signed checkpoint, the convener's forms (convene, outcome, close) and the approver's
// withdrawal. axe-core on each page; screenshots go to artifacts/web/.
import t from 'tap';
import { WAIT, nextWrite, startWorkspace, untilCount } from './helpers/browser.js';
import { serve } from './helpers/server.js';

const served = await serve(t, { demo: true });
const { url } = served;
const negotiator = await served.token(['negotiator', 'approver'], 'MFA', 'secret');
const officer = await served.token(['agency-officer'], 'OAG', 'confidential');
const rtp = await served.token(['agency-officer'], 'RTP', 'unclassified');
const auditor = await served.token(['auditor'], 'OAG', 'top-secret');
const w = await startWorkspace(t, url);
const { open, go, shot, assertAccessible, api, apiWrite } = w;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());

t.test(
  'the changes feed shows what changed since a date, then since the last visit, and a new write appears live',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await go(page, '/changes');
    t.equal(await page.locator('main h1').textContent(), 'ความเคลื่อนไหวล่าสุด');
    t.match(
      await page.getByTestId('changes-since').textContent(),
      /ยังไม่เคยเข้ามาดูหน้านี้จากเบราว์เซอร์นี้/,
      'a first visit starts a week back',
    );
    const feed = page.getByTestId('changes');
    await feed.locator('li').first().waitFor({ timeout: WAIT });
    // The demo data was recorded today: the feed since a week ago holds all of it, as the API has it.
    const since = await page.locator('input[name=since]').inputValue();
    let expected = 0;
    for (let after: string | null = null, n = 0; n < 20; n++) {
      const pageOf: { changes: unknown[]; next: string | null } = await api(
        negotiator,
        `/v1/changes?since=${since}&limit=500${after === null ? '' : `&after=${after}`}`,
      );
      expected += pageOf.changes.length;
      after = pageOf.next;
      if (after === null) break;
    }
    t.equal(await feed.locator('> li').count(), expected, `every change since ${since} the API answers (${expected})`);
    t.match(await feed.locator('> li').first().textContent(), /โดย /, 'each entry says who made it');
    await shot(page, 'changes', { full: false });
    await assertAccessible(t, page, 'changes');

    // Narrowed to the drafts of one issue: what changed against the version before.
    await page.locator('select[name=issueId]').selectOption('ahc-scope');
    await page.getByLabel('ประเภทความเคลื่อนไหว').selectOption('drafted');
    await feed.locator('> li[data-kind=drafted]').first().waitFor({ timeout: WAIT });
    const drafts = (
      await api<{ changes: unknown[] }>(negotiator, `/v1/changes?since=${since}&issueId=ahc-scope&kind=drafted`)
    ).changes.length;
    t.equal(await untilCount(feed.locator('> li'), drafts), drafts, 'only the drafts of that issue');
    t.match(await feed.textContent(), /สิ่งที่เปลี่ยนจากฉบับที่ 1/, 'a later draft says what changed against the one before');

    // The next visit: only what is new since this one, and a write by someone else shows at once.
    await page.reload();
    await page
      .getByTestId('changes-since')
      .getByText('ครั้งล่าสุดที่เข้ามาดูหน้านี้จากเบราว์เซอร์นี้', { exact: false })
      .waitFor({ timeout: WAIT });
    t.equal(
      await page.getByLabel('ครั้งล่าสุดที่เข้ามาดู').isChecked(),
      true,
      'since my last visit, remembered by this browser',
    );
    await page.getByText('ไม่มีความเคลื่อนไหวในช่วงนี้').waitFor({ timeout: WAIT });
    await page.evaluate('window.notReloaded = true');
    await apiWrite(negotiator, '/v1/issues/ahc-protocol/position/drafts', {
      stance: 'reserve',
      summary: { th: 'สงวนท่าทีเรื่องพิธีสารไว้ก่อน (ทดสอบความเคลื่อนไหว)', en: 'Reserve on a protocol for now (changes test)' },
    });
    const fresh = feed.locator('> li.fresh', { hasText: 'สงวนท่าทีเรื่องพิธีสารไว้ก่อน (ทดสอบความเคลื่อนไหว)' });
    await fresh.waitFor({ timeout: WAIT });
    t.match(await fresh.textContent(), /ใหม่/, 'marked new');
    t.match(await fresh.textContent(), /ยกร่างท่าที/, 'as a draft');
    t.equal(await fresh.getByRole('link').first().getAttribute('href'), '/issues/ahc-protocol', 'linked to its issue');
    t.equal(await page.evaluate('window.notReloaded'), true, 'without a reload');
    t.equal(await feed.locator('> li').count(), 1, 'and nothing older');
    await shot(page, 'changes-live');

    // A reader without clearance: red lines in the feed say they are redacted, in Thai.
    const other = await open(rtp);
    t.teardown(() => other.context.close());
    await go(other.page, '/changes');
    await other.page.locator('select[name=issueId]').selectOption('ahc-scope');
    await other.page.getByLabel('ประเภทความเคลื่อนไหว').selectOption('drafted');
    await other.page.getByTestId('changes').getByText('ปกปิด (ต้องมีสิทธิ์เข้าถึงชั้นลับ)').first().waitFor({ timeout: WAIT });
    t.pass('redacted (needs confidential clearance), never an empty gap');
    await other.page.getByRole('button', { name: 'English' }).click();
    await other.page
      .getByTestId('changes')
      .getByText('redacted (needs confidential clearance)')
      .first()
      .waitFor({ timeout: WAIT });
    t.equal(await other.page.locator('main h1').textContent(), 'What changed');
  },
);

t.test(
  'a brief is chosen from the list of sessions, filtered by negotiation, time and venue, beside the milestones',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await go(page, '/briefs');
    const rows = page.locator('[data-testid=sessions] tbody tr');
    await rows.first().waitFor({ timeout: WAIT });
    const all = (await api<{ sessions: unknown[] }>(negotiator, '/v1/sessions')).sessions.length;
    t.equal(await rows.count(), all, 'every session the API lists');
    const processes = page.getByTestId('processes');
    await processes.locator('li[data-process=ahc] .milestones li').first().waitFor({ timeout: WAIT });
    const ahc = (await api<{ process: { milestones: unknown[] } }>(negotiator, '/v1/processes/ahc')).process.milestones
      .length;
    t.equal(await processes.locator('li[data-process=ahc] .milestones > li').count(), ahc, "the AHC's milestones");
    await shot(page, 'sessions');
    await assertAccessible(t, page, 'sessions');

    await page.getByLabel('สถานที่ (เมือง)').fill('Vienna');
    await page.getByRole('button', { name: 'กรอง' }).click();
    const vienna = (await api<{ sessions: unknown[] }>(negotiator, '/v1/sessions?venue=Vienna')).sessions.length;
    t.equal(await untilCount(rows, vienna), vienna, `the ${vienna} sessions in Vienna`);
    t.match(page.url(), /venue=Vienna/, 'kept in the URL');
    await page.getByLabel('ช่วงเวลา').selectOption('upcoming');
    const upcoming = (await api<{ sessions: unknown[] }>(negotiator, '/v1/sessions?venue=Vienna&when=upcoming'))
      .sessions.length;
    if (upcoming === 0) await page.getByText('ไม่มีสมัยประชุมที่ตรงกับตัวกรอง').waitFor({ timeout: WAIT });
    else await untilCount(rows, upcoming);
    t.pass(`upcoming in Vienna: ${upcoming}, as the API says`);
    await page.getByLabel('ช่วงเวลา').selectOption('past');
    await rows.first().waitFor({ timeout: WAIT });
    await rows.first().getByRole('link').click();
    await page.getByTestId('brief').waitFor({ timeout: WAIT });
    t.match(page.url(), /\/briefs\/ahc-/, 'the brief of the session chosen');
  },
);

t.test('the search box finds a Thai word inside a longer one and links each hit to where it was said', async (t) => {
  await apiWrite(negotiator, '/v1/issues', {
    issueId: 'ahc-jurisdiction',
    processId: 'ahc',
    code: 'ART-22',
    title: { th: 'ประเด็นเขตอำนาจศาล', en: 'Jurisdiction of courts' },
  });
  const { context, page } = await open(negotiator);
  t.teardown(() => context.close());
  const box = page.getByRole('search', { name: 'ค้นหาในระบบ' }).getByLabel('ค้นหาในระบบ');
  await box.fill('เขตอำนาจ');
  await box.press('Enter');
  const hits = page.getByTestId('search-hits');
  await hits.locator('li').first().waitFor({ timeout: WAIT });
  t.equal(await page.locator('main h1').textContent(), 'ผลการค้นหา “เขตอำนาจ”');
  t.match(await hits.locator('mark').first().textContent(), /เขตอำนาจ/, 'the match is marked');
  const link = hits.getByRole('link', { name: 'ART-22 ประเด็นเขตอำนาจศาล' }).first();
  t.equal(await link.getAttribute('href'), '/issues/ahc-jurisdiction');

  // A word with classified texts among its hits: those the reader may read are marked with their level.
  await box.fill('ขอบเขต');
  await box.press('Enter');
  await page.locator('main h1', { hasText: 'ขอบเขต' }).waitFor({ timeout: WAIT });
  await hits.locator('li').first().waitFor({ timeout: WAIT });
  const count = (await api<{ hits: unknown[] }>(negotiator, `/v1/search?q=${encodeURIComponent('ขอบเขต')}`)).hits
    .length;
  t.equal(await hits.locator('> li').count(), count, 'every hit the API answers');
  t.ok((await hits.getByText('ข้อความชั้นลับ', { exact: true }).count()) > 0, 'a confidential text, marked as one');
  await shot(page, 'search');
  await assertAccessible(t, page, 'search');
  await hits
    .getByRole('link', { name: /ชื่อและขอบเขตของอนุสัญญา/ })
    .first()
    .click();
  await page.getByTestId('in-force').waitFor({ timeout: WAIT });
  t.match(page.url(), /\/issues\/ahc-scope$/, 'a hit opens its issue');

  // The reader without clearance never gets the classified hit.
  const other = await open(rtp);
  t.teardown(() => other.context.close());
  await go(other.page, `/search?q=${encodeURIComponent('ขอบเขต')}`);
  await other.page.getByTestId('search-hits').locator('li').first().waitFor({ timeout: WAIT });
  t.equal(
    await other.page.getByText('ข้อความชั้นลับ', { exact: true }).count(),
    0,
    'no classified text matches for an unclassified reader',
  );
});

t.test('an auditor sees the integrity status and the latest signed checkpoint', async (t) => {
  type Latest = {
    checkpoint: { treeSize: number; rootHash: string; origin: string; verifierKey: string; note: string };
  };
  const signed = async (): Promise<Latest> => {
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${url}/v1/audit/checkpoints/latest`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      if (res.status === 200) return (await res.json()) as Latest;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('no checkpoint was signed');
  };
  const latest = await signed();
  const { context, page } = await open(auditor);
  t.teardown(() => context.close());
  await go(page, '/audit');
  const status = page.getByTestId('integrity-status');
  await status.waitFor({ timeout: WAIT });
  t.equal(await status.getAttribute('data-ok'), 'true');
  t.match(await status.textContent(), /ถูกต้อง/, 'intact, in Thai');
  const checkpoint = page.getByTestId('checkpoint');
  await checkpoint.waitFor({ timeout: WAIT });
  const shown = await checkpoint.textContent();
  t.ok(shown?.includes(latest.checkpoint.origin), 'its origin');
  const now = (
    await api<{ checkpoint: { treeSize: number; rootHash: string } }>(auditor, '/v1/audit/checkpoints/latest')
  ).checkpoint;
  t.ok(shown?.includes(now.rootHash), 'its root hash, as the API has it');
  t.equal(
    await page.getByTestId('verifier-key').textContent(),
    latest.checkpoint.verifierKey,
    'the public key that verifies it',
  );
  t.match(
    await page.getByTestId('checkpoint-note').textContent(),
    /\n— position-ledger \S+/,
    'the signed note with its signature line',
  );
  await shot(page, 'audit-integrity');
  await assertAccessible(t, page, 'audit with integrity');
});

t.test(
  'an officer of the convening agency convenes a consultation, records its outcome and closes it; a bad entry shows on its field',
  async (t) => {
    const { context, page } = await open(officer);
    t.teardown(() => context.close());
    await go(page, '/consultations');
    await page.locator('summary', { hasText: 'เรียกประชุมหารือ' }).click();
    const form = page.getByRole('form', { name: 'เรียกประชุมหารือ' });
    t.equal(await form.getByLabel('ผู้เรียกประชุม').inputValue(), 'สำนักงานอัยการสูงสุด', 'the convener is their own agency');
    await t.resolves(form.getByRole('group', { name: 'หน่วยงานที่เข้าร่วม' }).waitFor({ timeout: WAIT }));
    await assertAccessible(t, page, 'consultations with the convene form');

    // No title: the API refuses, the form shows it on the title, and nothing is convened.
    const before = (await api<{ consultations: unknown[] }>(negotiator, '/v1/consultations')).consultations.length;
    await form.getByLabel('วันที่ประชุม').fill(today);
    await form.getByRole('group', { name: 'หน่วยงานที่เข้าร่วม' }).locator('input[value=RTP]').check();
    await form.getByRole('group', { name: 'ประเด็นที่หารือ' }).getByText('ชื่อและขอบเขตของอนุสัญญา', { exact: false }).click();
    await form.getByRole('button', { name: 'เรียกประชุม' }).click();
    const thai = form.getByRole('group', { name: 'ชื่อการประชุม' }).getByLabel('ภาษาไทย');
    await form.locator('.field-error').first().waitFor({ timeout: WAIT });
    t.equal(await thai.getAttribute('aria-invalid'), 'true', 'the Thai title is marked');
    t.equal(
      (await api<{ consultations: unknown[] }>(negotiator, '/v1/consultations')).consultations.length,
      before,
      'nothing was convened',
    );
    await shot(page, 'convene-field-error');

    await thai.fill('ประชุมหารือของ อส. (ทดสอบ)');
    await form.getByRole('group', { name: 'ชื่อการประชุม' }).getByLabel('ภาษาอังกฤษ').fill('OAG consultation (test)');
    await form.getByRole('button', { name: 'เรียกประชุม' }).click();
    await page.locator('main h1', { hasText: 'ประชุมหารือของ อส. (ทดสอบ)' }).waitFor({ timeout: WAIT });
    const consultationId = decodeURIComponent(page.url().split('/consultations/')[1] ?? '');
    const convened = (
      await api<{ consultation: { convener: string; participants: string[]; agenda: string[] } }>(
        negotiator,
        `/v1/consultations/${consultationId}`,
      )
    ).consultation;
    t.same(
      [convened.convener, convened.participants.sort(), convened.agenda],
      ['OAG', ['OAG', 'RTP'], ['ahc-scope']],
      'convened as the form said',
    );

    // The outcome, as the convening agency.
    const outcome = page.getByRole('form', { name: 'บันทึกผลการหารือ (หน่วยงานผู้เรียกประชุม)' });
    await outcome.getByLabel('ประเด็น').selectOption('ahc-scope');
    await outcome.getByLabel('ผล', { exact: true }).selectOption('consensus');
    await outcome.getByLabel('ท่าทีที่เสนอ').selectOption('support');
    await outcome.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาไทย').fill('เห็นพ้องให้สนับสนุน');
    await outcome.getByRole('group', { name: 'สาระสำคัญ' }).getByLabel('ภาษาอังกฤษ').fill('Consensus to support');
    await outcome.getByRole('button', { name: 'บันทึก' }).click();
    await page.locator('.outcomes').getByText('เห็นพ้องให้สนับสนุน').waitFor({ timeout: WAIT });

    // Closing before the day it was held is refused on the date; then it closes.
    const close = page.getByRole('form', { name: 'ปิดการประชุมหารือ (หน่วยงานผู้เรียกประชุม)' });
    const events = async () =>
      (await api<{ events: unknown[] }>(auditor, `/v1/audit/events?stream=consultation-${consultationId}`)).events
        .length;
    const eventsBefore = await events();
    await close.getByLabel('วันที่ปิด').fill('2020-01-01');
    await close.getByRole('button', { name: 'ปิดการประชุมหารือ' }).click();
    await close.getByText('วันที่ปิดต้องไม่ก่อนวันที่ประชุม').waitFor({ timeout: WAIT });
    t.equal(await close.getByLabel('วันที่ปิด').getAttribute('aria-invalid'), 'true', 'the date is marked');
    t.equal(await events(), eventsBefore, 'nothing was appended');
    await close.getByLabel('วันที่ปิด').fill(today);
    await close.getByLabel('เลขที่รายงานการประชุม (ไม่บังคับ)').fill('อส 0001/2569');
    await close.getByRole('button', { name: 'ปิดการประชุมหารือ' }).click();
    await page.getByText('การประชุมหารือนี้ปิดแล้ว ไม่สามารถบันทึกเพิ่มได้').waitFor({ timeout: WAIT });
    t.equal(await page.locator('form.write-form').count(), 0, 'a closed consultation offers no form');
    await shot(page, 'consultation-closed');
    await assertAccessible(t, page, 'closed consultation');

    // Another participant neither records the outcome nor closes.
    const { context: c2, page: p2 } = await open(rtp);
    t.teardown(() => c2.close());
    const other = await apiWrite(officer, '/v1/consultations', {
      title: { th: 'ประชุมหารือครั้งที่สอง (ทดสอบ)', en: 'Second consultation (test)' },
      heldOn: today,
      convener: 'OAG',
      participants: ['OAG', 'RTP'],
      agenda: ['ahc-scope'],
    });
    await go(p2, `/consultations/${other.streamName.replace(/^consultation-/, '')}`);
    await p2.locator('form.view-form').waitFor({ timeout: WAIT });
    t.equal(await p2.locator('form.close-form').count(), 0, 'no close form for a participant that did not convene');
    t.equal(
      await p2.getByRole('form', { name: 'บันทึกผลการหารือ (หน่วยงานผู้เรียกประชุม)' }).count(),
      0,
      'nor the outcome form',
    );
  },
);

t.test(
  'an approver withdraws the pending draft, and a negotiator without the approver role is not offered it',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await go(page, '/issues/amcc-capacity-building');
    await page.getByTestId('pending-draft').waitFor({ timeout: WAIT });
    await page.locator('summary', { hasText: 'ถอนท่าที' }).click();
    const form = page.getByRole('form', { name: 'ถอนท่าที' });
    const version = await form.getByLabel('ฉบับที่จะถอน').inputValue();
    await form.getByRole('button', { name: 'ถอน' }).click();
    await form.getByText('ต้องกรอก', { exact: false }).first().waitFor({ timeout: WAIT });
    t.equal(
      await form.getByRole('group', { name: 'เหตุผลในการถอน' }).getByLabel('ภาษาไทย').getAttribute('aria-invalid'),
      'true',
      'the reason is needed',
    );
    await form.getByRole('group', { name: 'เหตุผลในการถอน' }).getByLabel('ภาษาไทย').fill('ถอนร่างเพื่อปรับปรุง (ทดสอบ)');
    await form
      .getByRole('group', { name: 'เหตุผลในการถอน' })
      .getByLabel('ภาษาอังกฤษ')
      .fill('Withdrawn to be reworked (test)');
    await form.getByRole('button', { name: 'ถอน' }).click();
    await page.getByTestId('pending-draft').waitFor({ state: 'detached', timeout: WAIT });
    const position = (
      await api<{ position: { pendingDraft: unknown } }>(negotiator, '/v1/issues/amcc-capacity-building/position')
    ).position;
    t.equal(position.pendingDraft, null, `version ${version} is withdrawn, as the API says`);
    await page.locator('[data-testid=timeline]').getByText('ถอนร่างเพื่อปรับปรุง (ทดสอบ)').waitFor({ timeout: WAIT });
    await assertAccessible(t, page, 'issue after a withdrawal');

    const plain = await served.token(['negotiator'], 'MFA', 'secret');
    const other = await open(plain);
    t.teardown(() => other.context.close());
    await go(other.page, '/issues/ahc-scope');
    await other.page.getByTestId('in-force').waitFor({ timeout: WAIT });
    t.equal(
      await other.page.locator('summary', { hasText: 'ถอนท่าที' }).count(),
      0,
      'a negotiator who is no approver is not offered a withdrawal',
    );
  },
);

t.test(
  'a negotiator registers an issue from the board, records the status of its draft text, retitles and closes it, and records a final-text outcome',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await page.locator('[data-testid=board] tbody tr').first().waitFor({ timeout: WAIT });
    await page.locator('summary', { hasText: 'ลงทะเบียนประเด็นใหม่' }).click();
    const form = page.getByRole('form', { name: 'ลงทะเบียนประเด็นใหม่' });
    await form.getByLabel('กระบวนการเจรจา').selectOption('ahc');
    await form.getByLabel('รหัสประเด็นในระบบ').fill('ahc-liability');
    await form.getByLabel('รหัสประเด็น', { exact: true }).fill('art-18');
    await form.getByRole('group', { name: 'ชื่อประเด็น' }).getByLabel('ภาษาไทย').fill('ความรับผิดของนิติบุคคล');
    await form.getByRole('group', { name: 'ชื่อประเด็น' }).getByLabel('ภาษาอังกฤษ').fill('Liability of legal persons');
    await form.getByRole('button', { name: 'ลงทะเบียน' }).click();
    // A lower-case code: refused on the code, nothing registered.
    await form.locator('.field-error').first().waitFor({ timeout: WAIT });
    t.equal(
      await form.getByLabel('รหัสประเด็น', { exact: true }).getAttribute('aria-invalid'),
      'true',
      'the code is marked',
    );
    t.equal(await form.getByLabel('รหัสประเด็นในระบบ').getAttribute('aria-invalid'), null, 'the id is not');
    const registered = await fetch(`${url}/v1/issues/ahc-liability/position`, {
      headers: { authorization: `Bearer ${negotiator}` },
    });
    t.equal(registered.status, 404, 'nothing registered');
    await assertAccessible(t, page, 'board with the register form');
    await form.getByLabel('รหัสประเด็น', { exact: true }).fill('ART-18');
    await form.getByRole('button', { name: 'ลงทะเบียน' }).click();
    await page.locator('main h1', { hasText: 'ความรับผิดของนิติบุคคล' }).waitFor({ timeout: WAIT });
    t.match(page.url(), /\/issues\/ahc-liability$/, 'the new issue opens');

    await page.locator('summary', { hasText: 'บันทึกสถานะร่างข้อบท' }).click();
    const status = page.getByRole('form', { name: 'บันทึกสถานะร่างข้อบท' });
    await status.getByLabel('สถานะร่างข้อบท').selectOption('bracketed');
    await status.getByLabel('วันที่', { exact: true }).fill('2024-02-01');
    await status.getByRole('button', { name: 'บันทึก' }).click();
    await page.locator('.subtitle', { hasText: 'ยังอยู่ในวงเล็บ' }).waitFor({ timeout: WAIT });
    t.equal(
      (await api<{ issues: { issueId: string; textStatus: string }[] }>(negotiator, '/v1/issues')).issues.find(
        (i) => i.issueId === 'ahc-liability',
      )?.textStatus,
      'bracketed',
      'as the API has it',
    );

    await page.locator('summary', { hasText: 'เปลี่ยนชื่อประเด็น' }).click();
    const retitle = page.getByRole('form', { name: 'เปลี่ยนชื่อประเด็น' });
    await retitle.getByRole('group', { name: 'ชื่อใหม่' }).getByLabel('ภาษาไทย').fill('ความรับผิดของนิติบุคคลและบุคคลธรรมดา');
    await retitle
      .getByRole('group', { name: 'ชื่อใหม่' })
      .getByLabel('ภาษาอังกฤษ')
      .fill('Liability of legal and natural persons');
    await retitle.getByRole('button', { name: 'บันทึก' }).click();
    await page.locator('main h1', { hasText: 'ความรับผิดของนิติบุคคลและบุคคลธรรมดา' }).waitFor({ timeout: WAIT });

    await page.locator('summary', { hasText: 'ปิดประเด็น' }).click();
    const close = page.getByRole('form', { name: 'ปิดประเด็น' });
    await close.getByLabel('วันที่ปิด').fill(today);
    await close.getByRole('group', { name: 'เหตุผลในการปิดประเด็น' }).getByLabel('ภาษาไทย').fill('รวมกับประเด็นอื่น (ทดสอบ)');
    await close
      .getByRole('group', { name: 'เหตุผลในการปิดประเด็น' })
      .getByLabel('ภาษาอังกฤษ')
      .fill('Merged into another issue (test)');
    await close.getByRole('button', { name: 'ปิดประเด็น' }).click();
    await page.locator('.subtitle', { hasText: 'ปิดประเด็นเมื่อ' }).waitFor({ timeout: WAIT });
    t.equal(
      await page.locator('summary', { hasText: 'บันทึกสถานะร่างข้อบท' }).count(),
      0,
      'a closed issue offers no status form',
    );
    await assertAccessible(t, page, 'closed issue');

    // How the final text reflected a position in force.
    await go(page, '/issues/ahc-scope');
    await page.getByTestId('in-force').waitFor({ timeout: WAIT });
    await page.locator('summary', { hasText: 'บันทึกผลในข้อบทสุดท้าย' }).click();
    const final = page.getByRole('form', { name: 'บันทึกผลในข้อบทสุดท้าย' });
    await final.getByLabel('ผลในข้อบทสุดท้าย').selectOption('reflected');
    await final.getByLabel('ข้อบท (ไม่บังคับ)', { exact: true }).fill('1');
    const recorded = nextWrite(page, '/v1/issues/ahc-scope/position/outcomes');
    await final.getByRole('button', { name: 'บันทึก' }).click();
    await final.getByText('บันทึกแล้ว').waitFor({ timeout: WAIT });
    const history = (
      await api<{ history: { type: string; data: { result?: string } }[] }>(
        negotiator,
        `/v1/issues/ahc-scope/history?minPosition=${await recorded}`,
      )
    ).history;
    t.equal(
      history.filter((e) => e.type === 'PositionOutcomeRecorded').at(-1)?.data.result,
      'reflected',
      'as the API has it',
    );
  },
);

t.test(
  'a negotiator schedules a session, moves it and records how it ended, registers a negotiation and its milestone',
  async (t) => {
    const { context, page } = await open(negotiator);
    t.teardown(() => context.close());
    await go(page, '/briefs');
    await page.locator('summary', { hasText: 'กำหนดสมัยประชุมใหม่' }).click();
    const form = page.getByRole('form', { name: 'กำหนดสมัยประชุมใหม่' });
    await form.getByLabel('กระบวนการเจรจา').selectOption('ahc');
    await form.getByLabel('รหัสสมัยประชุมในระบบ').fill('ahc-test-1');
    await form.getByRole('group', { name: 'ชื่อสมัยประชุม' }).getByLabel('ภาษาไทย').fill('สมัยประชุมทดสอบ');
    await form.getByRole('group', { name: 'ชื่อสมัยประชุม' }).getByLabel('ภาษาอังกฤษ').fill('Test session');
    await form.getByLabel('เมือง').fill('Vienna');
    await form.getByLabel('เขตเวลาของสถานที่ประชุม').selectOption('Europe/Vienna');
    await form.getByLabel('วันเริ่มประชุม').fill('2026-01-20');
    await form.getByLabel('วันสิ้นสุดการประชุม').fill('2026-01-10');
    await form.getByRole('button', { name: 'กำหนดสมัยประชุม' }).click();
    await form.getByText('วันสิ้นสุดต้องไม่ก่อนวันเริ่มประชุม').waitFor({ timeout: WAIT });
    t.equal(await form.getByLabel('วันสิ้นสุดการประชุม').getAttribute('aria-invalid'), 'true', 'the end date is marked');
    const missing = await fetch(`${url}/v1/sessions/ahc-test-1`, {
      headers: { authorization: `Bearer ${negotiator}` },
    });
    t.equal(missing.status, 404, 'nothing scheduled');
    await assertAccessible(t, page, 'sessions with the schedule form');
    await form.getByLabel('วันสิ้นสุดการประชุม').fill('2026-01-30');
    await form.getByRole('button', { name: 'กำหนดสมัยประชุม' }).click();
    await page.getByTestId('brief').waitFor({ timeout: WAIT });
    t.match(page.url(), /\/briefs\/ahc-test-1$/, 'its brief opens');

    await page.locator('summary', { hasText: 'เลื่อนหรือเปลี่ยนวันประชุม' }).click();
    const move = page.getByRole('form', { name: 'เลื่อนหรือเปลี่ยนวันประชุม' });
    await move.getByLabel('วันเริ่มประชุม').fill('2026-01-21');
    await move.getByLabel('วันสิ้นสุดการประชุม').fill('2026-01-31');
    await move.getByRole('button', { name: 'บันทึกวันประชุมใหม่' }).click();
    await page.getByTestId('brief').getByText('21 มกราคม 2569', { exact: false }).waitFor({ timeout: WAIT });
    t.pass('the brief shows the new dates');

    await page.locator('summary', { hasText: 'บันทึกการปิดสมัยประชุม' }).click();
    const end = page.getByRole('form', { name: 'บันทึกการปิดสมัยประชุม' });
    await end.getByLabel('วันที่ปิดสมัยประชุม').fill('2026-01-31');
    await end.getByLabel('ผลของสมัยประชุม').selectOption('suspended');
    const concluded = nextWrite(page, '/v1/sessions/ahc-test-1/conclude');
    await end.getByRole('button', { name: 'บันทึกการปิดสมัยประชุม' }).click();
    await end.getByText('บันทึกแล้ว').waitFor({ timeout: WAIT });
    const session = (
      await api<{ session: { concluded: { result: string } | null } }>(
        negotiator,
        `/v1/sessions/ahc-test-1?minPosition=${await concluded}`,
      )
    ).session;
    t.same(session.concluded?.result, 'suspended', 'as the API has it');
    await go(page, '/briefs');
    await page.locator('tr[data-session=ahc-test-1]', { hasText: 'ปิดสมัยประชุม: พักการประชุม' }).waitFor({ timeout: WAIT });
    t.pass('the list says how it ended');

    // A new negotiation, and a milestone of it.
    await page.locator('summary', { hasText: 'ลงทะเบียนกระบวนการเจรจาใหม่' }).click();
    const process = page.getByRole('form', { name: 'ลงทะเบียนกระบวนการเจรจาใหม่' });
    await process.getByLabel('รหัสกระบวนการเจรจาในระบบ').fill('test-forum');
    await process.getByLabel('ประเภท').selectOption('working-group');
    await process.getByRole('group', { name: 'ชื่อกระบวนการเจรจา' }).getByLabel('ภาษาไทย').fill('คณะทำงานทดสอบ');
    await process.getByRole('group', { name: 'ชื่อกระบวนการเจรจา' }).getByLabel('ภาษาอังกฤษ').fill('Test working group');
    await process.getByLabel('เวที', { exact: true }).fill('Test forum');
    await process.getByRole('button', { name: 'ลงทะเบียน' }).click();
    const card = page.locator('li[data-process=test-forum]');
    await card.waitFor({ timeout: WAIT });
    t.match(page.url(), /processId=test-forum/, 'the list shows the new negotiation');
    await card.locator('summary', { hasText: 'บันทึกเหตุการณ์สำคัญ' }).click();
    const milestone = card.getByRole('form', { name: 'บันทึกเหตุการณ์สำคัญ' });
    await milestone.getByLabel('เหตุการณ์').selectOption('mandate-adopted');
    await milestone.getByLabel('วันที่', { exact: true }).fill('2026-01-05');
    await milestone.getByRole('button', { name: 'บันทึก' }).click();
    await card.locator('.milestones li', { hasText: 'ได้รับอาณัติ' }).waitFor({ timeout: WAIT });
    t.pass('its milestone shows, by date');
    await assertAccessible(t, page, 'sessions with a new negotiation');
  },
);

t.test('no page ran into a script error or the content security policy', async (t) => {
  t.same(w.pageProblems, []);
});
