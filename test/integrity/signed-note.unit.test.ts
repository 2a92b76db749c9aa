// Signed notes against the published examples: the C2SP signed-note specification's verifier key
// and note, and the example key, text and note of Go's golang.org/x/mod/sumdb/note (Ed25519 is
// deterministic, so signing that text with that key must give that note byte for byte).
import t from 'tap';
import { generateSigningKey, parseSigningKey } from '../../src/integrity/signing-key.js';
import { openNote, parseVerifierKey, signNote, type NoteSigner } from '../../src/integrity/signed-note.js';

const C2SP_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const C2SP_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const otherSigner = (name: string): NoteSigner => generateSigningKey(name).key;

t.test("the C2SP specification's example note opens with its verifier key", async (t) => {
  t.same(openNote(C2SP_NOTE, [parseVerifierKey(C2SP_VKEY)]), {
    ok: true,
    text: 'This is an example message.\n',
    signedBy: ['example.com/foo'],
  });
  t.same(openNote(Buffer.from(C2SP_NOTE, 'utf8'), [parseVerifierKey(C2SP_VKEY)]).ok, true, 'also as bytes');
});

t.test("Go's example key has Go's verifier key and signs Go's example text into Go's note", async (t) => {
  const key = parseSigningKey(GO_SKEY);
  t.equal(key.verifierKey, GO_VKEY);
  t.equal(signNote(GO_TEXT, [key]), GO_NOTE);
  t.same(openNote(GO_NOTE, [parseVerifierKey(GO_VKEY)]), { ok: true, text: GO_TEXT, signedBy: ['PeterNeumann'] });
});

t.test('a changed text, a forged signature or a stranger key does not open', async (t) => {
  const go = parseVerifierKey(GO_VKEY);
  t.match(openNote(GO_NOTE.replace('answer', 'Answer'), [go]), { ok: false, reason: /PeterNeumann does not verify/ });
  t.match(openNote(GO_NOTE, [parseVerifierKey(C2SP_VKEY)]), { ok: false, reason: /no known key/ });
  t.match(openNote(GO_NOTE, []), { ok: false, reason: /no known key/ });
  const impostor = otherSigner('PeterNeumann');
  t.match(
    openNote(signNote(GO_TEXT, [impostor]), [go]),
    { ok: false, reason: /no known key/ },
    'same name, another key ID: ignored',
  );
  const forged = signNote(GO_TEXT, [{ ...impostor, keyId: go.keyId }]);
  t.match(openNote(forged, [go]), { ok: false, reason: /does not verify/ }, 'same name and key ID, wrong key: refused');
});

t.test('signatures by unknown keys are ignored beside a known one', async (t) => {
  const witness = otherSigner('witness.example/w1');
  const note = signNote(GO_TEXT, [witness, parseSigningKey(GO_SKEY)]);
  t.same(openNote(note, [parseVerifierKey(GO_VKEY)]), { ok: true, text: GO_TEXT, signedBy: ['PeterNeumann'] });
});

t.test('malformed notes are refused', async (t) => {
  const go = [parseVerifierKey(GO_VKEY)];
  const sig = GO_NOTE.slice(GO_TEXT.length + 1);
  for (const [what, note] of [
    ['no blank line before the signatures', GO_TEXT + sig],
    ['no final newline', GO_NOTE.slice(0, -1)],
    ['a hyphen for the em dash', GO_NOTE.replace('—', '-')],
    ['padding garbage in the base64', GO_NOTE.replace('nAM=', 'nAM==')],
    ['a carriage return', GO_NOTE.replace('problem,\n', 'problem,\r\n')],
    ['a trailing space', GO_NOTE.replace('nAM=\n', 'nAM= \n')],
  ] as const) {
    t.equal(openNote(note, go).ok, false, what);
  }
  t.equal(
    openNote(Buffer.concat([Buffer.from(GO_NOTE), Buffer.from([0xff])]), go).ok,
    false,
    'bytes that are not UTF-8',
  );
});

t.test('verifier keys that do not follow the format are refused', async (t) => {
  for (const vkey of [
    'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
    'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+c74f20a3',
  ]) {
    t.throws(() => parseVerifierKey(vkey), { code: 'invalid_signed_note' }, vkey);
  }
});

t.test('a text that cannot be signed is refused', async (t) => {
  const key = parseSigningKey(GO_SKEY);
  t.throws(() => signNote('no final newline', [key]), { code: 'invalid_signed_note' });
  t.throws(() => signNote('a bell \u0007\n', [key]), { code: 'invalid_signed_note' });
  t.throws(() => signNote(GO_TEXT, []), { code: 'invalid_signed_note' });
});
