// The signing key file: generated on first start (mode 0600) and read back the same afterwards, an
// operator's PEM Ed25519 key accepted under the configured name, anything else refused.
import t, { type Test } from 'tap';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNote, parseVerifierKey, signNote } from '../../src/integrity/signed-note.js';
import { loadOrCreateSigningKey, parseSigningKey } from '../../src/integrity/signing-key.js';

const NAME = 'ledger.example/positions';

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('the first start writes a new key only its owner can read; later starts read the same key', async (t) => {
  const file = join(tempDir(t), 'keys', 'checkpoint-signing.key');
  const first = loadOrCreateSigningKey(file, NAME);
  t.equal(first.created, true);
  t.equal(statSync(file).mode & 0o777, 0o600);
  t.equal(first.readableByOthers, false);
  t.match(readFileSync(file, 'utf8'), new RegExp(`^PRIVATE\\+KEY\\+${NAME}\\+[0-9a-f]{8}\\+\\S+\\n$`));
  const again = loadOrCreateSigningKey(file, NAME);
  t.equal(again.created, false);
  t.equal(again.key.verifierKey, first.key.verifierKey);
  const note = signNote('hello\n', [again.key]);
  t.same(
    openNote(note, [parseVerifierKey(first.key.verifierKey)]).ok,
    true,
    'what the reread key signs, the first verifier key opens',
  );
});

t.test('a key file named otherwise than the ledger is refused', async (t) => {
  const file = join(tempDir(t), 'k');
  loadOrCreateSigningKey(file, NAME);
  t.throws(() => loadOrCreateSigningKey(file, 'other.example/log'), { code: 'invalid_signing_key' });
});

t.test("an operator's PEM Ed25519 key signs under the configured name; other PEM keys are refused", async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'operator.pem');
  writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o644,
  });
  chmodSync(file, 0o644);
  const loaded = loadOrCreateSigningKey(file, NAME);
  t.equal(loaded.created, false);
  t.equal(loaded.key.name, NAME);
  t.equal(loaded.readableByOthers, true, 'a key file others can read is reported');
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  t.throws(() => parseSigningKey(ec, NAME), { code: 'invalid_signing_key' });
});

t.test('a key file that is not a key is refused, and nothing is written over it', async (t) => {
  const file = join(tempDir(t), 'k');
  writeFileSync(file, 'not a key\n');
  t.throws(() => loadOrCreateSigningKey(file, NAME), { code: 'invalid_signing_key' });
  t.equal(readFileSync(file, 'utf8'), 'not a key\n');
  const wrongId = 'PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
  t.throws(() => parseSigningKey(wrongId), { code: 'invalid_signing_key' }, 'a key ID that does not match the key');
});
