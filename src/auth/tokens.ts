// Bearer tokens. A token is "pl_" + 32 random bytes (base64url), shown once when created; the file
// keeps only its sha256 hash beside the principal it names. The file is rewritten atomically (temp
// file + rename, mode 0600) and re-read when another process (the CLI) changes it.
import { hash, randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Principal } from '../../contracts/principal.js';
import { tightenFile } from '../files/private.js';
import { statEachTurn } from '../files/stat-each-turn.js';

export const TOKEN_PREFIX = 'pl_';
const TOKEN_BYTES = 32;

const TokenRecord = z.object({
  id: z.string().min(1),
  /** sha256 of the whole token text, hex. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  principal: Principal,
  label: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
type TokenRecord = z.infer<typeof TokenRecord>;

const TokenFile = z.object({ version: z.literal(1), tokens: z.array(TokenRecord) });
type TokenFile = z.infer<typeof TokenFile>;

export interface TokenInfo {
  id: string;
  principal: Principal;
  label: string | undefined;
  createdAt: string;
  revokedAt: string | undefined;
}

export interface CreatedToken {
  /** The bearer token itself: shown once, never stored. */
  token: string;
  id: string;
}

export interface TokenStore {
  create(principal: Principal, label?: string): Promise<CreatedToken>;
  /**
   * The principal a valid, unrevoked token names; null for anything else. Without a promise when the token file is
   * unchanged since it was last read.
   */
  verify(token: string): Principal | null | Promise<Principal | null>;
  list(): Promise<TokenInfo[]>;
  /** Revokes a token by id; false when there is no such (unrevoked) token. */
  revoke(id: string): Promise<boolean>;
}

export class TokenStoreError extends Error {
  override readonly name = 'TokenStoreError';
  readonly code = 'token_store_unreadable';
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Token store ${file} cannot be used: ${reason}`, options);
  }
}

export class InvalidPrincipalError extends Error {
  override readonly name = 'InvalidPrincipalError';
  readonly code = 'invalid_principal';
  constructor(readonly issues: string[]) {
    super(`Invalid principal: ${issues.join('; ')}`);
  }
}

/** sha-256 of a token's text, hex (as the file keeps it); the one-shot `hash` costs a third of a Hash object. */
function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

interface LoadedFile {
  file: TokenFile;
  /** The unrevoked records by the hash of their token (each hash is unique: 256 random bits). */
  live: ReadonlyMap<string, TokenRecord>;
  /**
   * Tokens presented and found in this version of the file, so a client's next request is not hashed again (ADR
   * 0048): in memory only, forgotten with the version (a token created or revoked makes a new one) or past
   * VERIFIED_KEPT. A token not found is never kept.
   */
  verified: Map<string, Principal>;
}

const VERIFIED_KEPT = 1000;

function loaded(file: TokenFile): LoadedFile {
  const live = new Map<string, TokenRecord>();
  for (const record of file.tokens) if (record.revokedAt === undefined) live.set(record.hash, record);
  return { file, live, verified: new Map() };
}

const EMPTY: LoadedFile = loaded({ version: 1, tokens: [] });

function toInfo(record: TokenRecord): TokenInfo {
  return {
    id: record.id,
    principal: record.principal,
    label: record.label,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
}

export function createTokenStore(file: string, clock: () => Date = () => new Date()): TokenStore {
  let cache: { loaded: LoadedFile; mtimeMs: number; size: number; ino: number } | undefined;
  let writing: Promise<unknown> = Promise.resolve();

  // Asked on every request: a stat of a file in the page cache takes a few µs, while an async one (a trip through
  // libuv's thread pool and back) cost ~0.1 ms of the loop's time per request. The requests of one turn of the event
  // loop share one stat (ADR 0051): a token created or revoked by the CLI counts from the next turn on.
  const stat = statEachTurn(file);

  /** The file as this turn's stat finds it when nothing needs reading (EMPTY: no file); undefined: read it. */
  function current(): { loaded: LoadedFile; info?: undefined } | { loaded?: undefined; info: Stats } {
    let info;
    try {
      info = stat();
    } catch (err) {
      throw new TokenStoreError(file, 'cannot stat the file', { cause: err });
    }
    if (info === undefined) {
      cache = undefined;
      return { loaded: EMPTY };
    }
    if (cache !== undefined && cache.mtimeMs === info.mtimeMs && cache.size === info.size && cache.ino === info.ino) {
      return { loaded: cache.loaded };
    }
    return { info };
  }

  async function load(): Promise<LoadedFile> {
    const { loaded: now, info } = current();
    return now ?? read(info);
  }

  async function read(info: Stats): Promise<LoadedFile> {
    // A file written with a looser mode (by hand, or by an older version) is made 0600 when read.
    if ((info.mode & 0o077) !== 0) tightenFile(file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new TokenStoreError(file, 'not valid JSON', { cause: err });
    }
    const result = TokenFile.safeParse(parsed);
    if (!result.success) throw new TokenStoreError(file, result.error.issues.map((i) => i.message).join('; '));
    cache = { loaded: loaded(result.data), mtimeMs: info.mtimeMs, size: info.size, ino: info.ino };
    return cache.loaded;
  }

  /** The principal `token` names in `file`, keeping a token found (ADR 0048). */
  function lookUp({ live, verified }: LoadedFile, token: string): Principal | null {
    // Looked up by the hash of what was presented (ADR 0048): how long the lookup takes depends on that hash, which
    // tells a guesser nothing about any stored one's token.
    const known = verified.get(token);
    if (known !== undefined) return known;
    const principal = live.get(sha256(token))?.principal;
    if (principal === undefined) return null;
    if (verified.size >= VERIFIED_KEPT) verified.clear();
    verified.set(token, principal);
    return principal;
  }

  async function save(next: TokenFile): Promise<void> {
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, file);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw new TokenStoreError(file, 'cannot replace the file', { cause: err });
    }
    cache = undefined;
    stat.forget();
  }

  /** Serialises read-modify-write cycles within this process. */
  function update<T>(change: (current: TokenFile) => { next: TokenFile | undefined; result: T }): Promise<T> {
    const run = writing.then(async () => {
      const { next, result } = change((await load()).file);
      if (next !== undefined) await save(next);
      return result;
    });
    writing = run.catch(() => undefined);
    return run;
  }

  return {
    async create(principal, label) {
      const checked = Principal.safeParse(principal);
      if (!checked.success) {
        throw new InvalidPrincipalError(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
      }
      const token = `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
      const id = `tok_${randomBytes(8).toString('hex')}`;
      const record: TokenRecord = {
        id,
        hash: sha256(token),
        principal: checked.data,
        ...(label === undefined ? {} : { label }),
        createdAt: clock().toISOString(),
      };
      await update((current) => ({ next: { ...current, tokens: [...current.tokens, record] }, result: undefined }));
      return { token, id };
    },

    verify(token) {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return Promise.resolve(null);
      // Answered at once when the file is unchanged (no promise: this is on every request's path), else read first.
      let now;
      try {
        now = current();
      } catch (err) {
        return Promise.reject(err);
      }
      if (now.loaded !== undefined) return lookUp(now.loaded, token);
      return read(now.info).then((file) => lookUp(file, token));
    },

    async list() {
      const { file: current } = await load();
      return current.tokens.map(toInfo);
    },

    revoke(id) {
      return update((current) => {
        const target = current.tokens.find((t) => t.id === id && t.revokedAt === undefined);
        if (target === undefined) return { next: undefined, result: false };
        const revokedAt = clock().toISOString();
        return {
          next: { ...current, tokens: current.tokens.map((t) => (t.id === id ? { ...t, revokedAt } : t)) },
          result: true,
        };
      });
    },
  };
}
