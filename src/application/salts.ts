// Salts for classified values (ADR 0020). Randomness belongs to the application, not the domain: the
// deciders emit `{ level, value }`, and the ledger seals each value with a salt of its own before it
// appends (contracts/redaction.ts sealEvent).
import { randomBytes } from 'node:crypto';

/** A fresh salt: 32 random bytes, base64url (43 characters). */
export function newSalt(): string {
  return randomBytes(32).toString('base64url');
}
