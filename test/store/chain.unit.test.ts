import t from 'tap';
import { canonicalJson } from '../../src/store/canonical-json.js';
import { chainMetadata, checkLink } from '../../src/store/chain.js';

t.test('canonical JSON does not depend on key order or undefined members', async (t) => {
  const a = canonicalJson({ b: 1, a: { d: [1, 'x', null], c: 'ไทย' }, skipped: undefined });
  const b = canonicalJson({ a: { c: 'ไทย', d: [1, 'x', null] }, b: 1 });
  t.equal(a, b);
  t.equal(a, '{"a":{"c":"ไทย","d":[1,"x",null]},"b":1}');
});

t.test('canonical JSON survives a round trip through JSON text', async (t) => {
  const value = { n: 1.5, s: 'a"b\\c', nested: { z: true, y: [{ q: 0 }] } };
  t.equal(canonicalJson(JSON.parse(JSON.stringify(value))), canonicalJson(value));
});

t.test('canonical JSON refuses values JSON cannot hold', async (t) => {
  t.throws(() => canonicalJson({ n: Number.NaN }), { code: 'not_canonicalisable' });
  t.throws(() => canonicalJson({ n: 1n }), { code: 'not_canonicalisable' });
});

t.test('a chained event verifies against the hash before it', async (t) => {
  const first = chainMetadata(null, 'IssueRegistered', { code: 'A1' }, { actor: 'x' });
  t.notOk('prev' in first, 'the first event has no predecessor');
  t.match(first['hash'], /^[0-9a-f]{64}$/);
  t.same(checkLink(null, 'IssueRegistered', { code: 'A1' }, first), { ok: true });
  const second = chainMetadata(String(first['hash']), 'IssueRetitled', { code: 'A2' }, { actor: 'x' });
  t.same(checkLink(String(first['hash']), 'IssueRetitled', { code: 'A2' }, second), { ok: true });
});

t.test('an edited event or a missing predecessor breaks the chain', async (t) => {
  const first = chainMetadata(null, 'IssueRegistered', { code: 'A1' }, { actor: 'x' });
  t.match(checkLink(null, 'IssueRegistered', { code: 'B1' }, first), { ok: false, reason: /hash/ });
  t.match(checkLink(null, 'IssueRegistered', { code: 'A1' }, { ...first, actor: 'y' }), { ok: false });
  const second = chainMetadata(String(first['hash']), 'IssueRetitled', {}, {});
  t.match(checkLink(null, 'IssueRetitled', {}, second), { ok: false, reason: /prev/ });
  t.match(checkLink(null, 'IssueRegistered', {}, {}), { ok: false, reason: /no hash/ });
});
