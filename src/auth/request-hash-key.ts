// The ledger's request-hash key (ADR 0020): request hashes are HMAC-SHA256 under a secret only the
// ledger holds, so a reader cannot recompute one from a guess of a redacted value. Like the token file,
// it is a secret kept on disk: `<DATA_DIR>/request-hash.key` (created 0600 on first start), or a file
// named by REQUEST_HASH_KEY_FILE, which every ledger process writing to the same store must share.
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config.js';
import { tightenFile } from '../files/private.js';

export interface RequestHashKeySource {
  /** Path of the key file. */
  readonly file: string;
  /** Create it (0600) when it does not exist: true for the default path under DATA_DIR. */
  readonly createIfMissing: boolean;
}

const VARIABLE = 'REQUEST_HASH_KEY_FILE';
/** 32 to 128 bytes, as hex (what `openssl rand -hex 32` prints). */
const KEY_TEXT = /^(?:[0-9a-f]{2}){32,128}$/;

function bad(message: string): ConfigError {
  return new ConfigError([{ variable: VARIABLE, message }]);
}

async function readKey(file: string): Promise<KeyObject | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw bad(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const hex = text.trim().toLowerCase();
  if (!KEY_TEXT.test(hex))
    throw bad(`${file} must hold 32 to 128 random bytes as hex (e.g. from \`openssl rand -hex 32\`)`);
  return createSecretKey(Buffer.from(hex, 'hex'));
}

/**
 * Writes a new key to `file` whole or not at all: into a temporary file first, fsynced, then linked to
 * its name. A start that fails half way (a full disk) or a crash right after leaves no empty or partial
 * key behind, which every later start would refuse. `link` fails when the name exists: two processes
 * starting at once cannot both create it; the loser reads the winner's key.
 */
async function createKeyFile(file: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${randomBytes(32).toString('hex')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, file).catch((error: unknown) => {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  // The new name is durable once its directory is.
  const dir = await open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/**
 * The key from its file, creating the file first when allowed and missing. Throws ConfigError naming
 * REQUEST_HASH_KEY_FILE.
 */
export async function loadRequestHashKey(source: RequestHashKeySource): Promise<KeyObject> {
  // A key under DATA_DIR left readable by others (an older version, a copy) loses those permissions.
  if (source.createIfMissing) tightenFile(source.file);
  const existing = await readKey(source.file);
  if (existing !== undefined) return existing;
  if (!source.createIfMissing)
    throw bad(
      `${source.file} does not exist: create it with \`openssl rand -hex 32 > ${source.file}\` (mode 0600) and give every ledger process the same file`,
    );
  await mkdir(path.dirname(source.file), { recursive: true, mode: 0o700 });
  await createKeyFile(source.file);
  const created = await readKey(source.file);
  if (created === undefined) throw bad(`${source.file} vanished while it was being created`);
  return created;
}
