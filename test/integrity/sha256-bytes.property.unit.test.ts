// SHA-256 as bytes through a latin1 string (src/integrity/sha256-bytes.ts, ADR 0064) against createHash's own
// digest, kept here as the definition: every byte of the answer survives the trip, for any bytes and any string
// (hashed as its UTF-8, lone surrogates included).
import t from 'tap';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { sha256Bytes } from '../../src/integrity/sha256-bytes.js';

const definition = (input: string | Uint8Array): Buffer => createHash('sha256').update(input).digest();

t.test('the digest of any bytes is createHash digest, 32 bytes', async (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const got = sha256Bytes(bytes);
      t.equal(got.length, 32);
      t.ok(got.equals(definition(bytes)));
    }),
    { numRuns: 2000 },
  );
});

t.test('the digest of any string is that of its UTF-8', async (t) => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
      t.ok(sha256Bytes(text).equals(definition(text)));
    }),
    { numRuns: 2000 },
  );
});

t.test('digests whose bytes are over 0x7f come back as those bytes, not their UTF-8', async (t) => {
  // Most digests hold such bytes; this one is known: SHA-256 of "abc".
  t.equal(sha256Bytes('abc').toString('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
