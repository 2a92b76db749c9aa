// GET /v1/vocabulary: every agency and every value of the ledger named in Thai and English, so that no
// client hard-codes them; the same table the workspace's bundle carries.
import t from 'tap';
import { openApi } from './helpers/api.js';
import { AGENCY_CODES, LEDGER_EVENT_TYPES, SOURCE_KINDS, STANCES } from '../../contracts/index.js';
import { vocabulary } from '../../src/web/vocabulary.js';

t.test('the vocabulary', async (t) => {
  const api = await openApi(t);

  t.test('names every agency, stance, authority and source kind in Thai and English', async (t) => {
    const res = await api.get('/v1/vocabulary', await api.tokenFor('agency-officer', 'OAG'));
    t.equal(res.statusCode, 200, res.body);
    const v = res.json().vocabulary;
    t.same(
      v.agencies.map((a: { id: string }) => a.id),
      [...AGENCY_CODES],
    );
    t.match(
      v.agencies.find((a: { id: string }) => a.id === 'NCSA'),
      {
        th: 'สำนักงานคณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ',
        en: 'National Cyber Security Agency',
        abbrev: 'สกมช.',
      },
    );
    t.same(
      v.stances.map((s: { id: string }) => s.id),
      [...STANCES],
    );
    t.match(
      v.stances.find((s: { id: string }) => s.id === 'reserve'),
      { th: 'สงวนท่าที', en: 'Reserve' },
    );
    t.match(
      v.authorities.find((a: { id: string }) => a.id === 'cabinet'),
      { th: 'คณะรัฐมนตรี' },
    );
    t.same(
      v.sourceKinds.map((s: { id: string }) => s.id),
      [...SOURCE_KINDS],
    );
    t.match(
      v.sourceKinds.find((s: { id: string }) => s.id === 'illustrative'),
      { th: 'ตัวอย่าง', en: 'Illustrative' },
    );
    t.same(
      v.eventTypes.map((e: { id: string }) => e.id),
      [...LEDGER_EVENT_TYPES],
    );
    for (const [kind, list] of Object.entries<Array<{ id: string; th: string; en: string }>>(v)) {
      for (const value of list) t.ok(value.th !== '' || kind === 'urgencies', `${kind}.${value.id} th`);
      for (const value of list) t.ok(value.en !== '', `${kind}.${value.id} en`);
    }
  });

  t.test("answers the workspace's own names: the bundle and the API agree", async (t) => {
    const served = (await api.get('/v1/vocabulary', await api.tokenFor('negotiator'))).json().vocabulary;
    const bundled = vocabulary().labels;
    for (const f of served.flexibilities) t.same({ th: f.th, en: f.en }, bundled.flexibility[f.id], f.id);
    for (const e of served.eventTypes) t.same({ th: e.th, en: e.en }, bundled.eventType[e.id], e.id);
  });

  t.test('needs a token', async (t) => {
    t.equal((await api.get('/v1/vocabulary')).statusCode, 401);
  });
});
