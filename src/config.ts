// Configuration is read once, at start, from the environment. A bad value stops the start with a
// ConfigError naming every bad variable; nothing else in the app reads process.env.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { AGENCY_CODES, type Agency } from '../contracts/index.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;

/** `auto`: readable lines on a terminal, JSON lines otherwise. */
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface Config {
  /** HTTP port of the API (0 picks a free port). */
  port: number;
  host: string;
  /** Connection string of an external EventStoreDB/KurrentDB; undefined = run the embedded store. */
  esdbUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Path of the JSON file holding token hashes. */
  tokenStore: string;
  /** Port of the embedded store's gRPC listener (0 = a free port). */
  embeddedStorePort: number;
  /** Requests per principal (with a valid token), or per client address (without one), per window. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Failed authentications per client address per window (a budget of their own, ADR 0016). */
  authFailureLimitMax: number;
  authFailureWindowMs: number;
  /**
   * Which peers' X-Forwarded-For to believe for the client's address: false (none, the default), a list
   * of addresses/CIDRs of the proxies (or proxy-addr's names loopback, linklocal, uniquelocal), or true
   * (any peer: only when nothing but the proxy can reach the port).
   */
  trustProxy: TrustProxy;
  bodyLimitBytes: number;
  /** Load the demo data when the store holds no ledger events yet. */
  seedDemo: boolean;
  /** How long a graceful close may take before the process gives up. */
  shutdownTimeoutMs: number;
  requestTimeoutMs: number;
  /** The request-hash key's file (ADR 0020); created when it is the default under DATA_DIR. */
  requestHashKey: { file: string; createIfMissing: boolean };
  /** The agency whose principals may act for other agencies (docs/adr/0014-coordinating-agency.md). */
  coordinatingAgency: Agency;
  /**
   * Port of a listener of its own for GET /metrics, without a token; undefined: /metrics on the API behind a bearer
   * token (ADR 0037).
   */
  metricsPort: number | undefined;
  /** Address the metrics listener binds to. */
  metricsHost: string;
  /** The Merkle log's checkpoints (ADR 0022, ADR 0034). */
  checkpoints: CheckpointConfig;
}

export interface CheckpointConfig {
  /** The log's name: the checkpoint's first line and the signing key's name. */
  origin: string;
  /** The Ed25519 key file; created (0600) when it is the default under DATA_DIR, else it must exist. */
  signingKey: { file: string; createIfMissing: boolean };
  /** Sign a checkpoint after this many new ledger events... */
  everyEvents: number;
  /** ...or this long after the last one, when at least one arrived. */
  everyMs: number;
}

export type TrustProxy = boolean | string[];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
  }
}

/** Empty strings count as "not set", so `PORT=` in a .env file falls back to the default. */
const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .default(fallback),
  );

const boolean = (fallback: boolean) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(fallback),
  );

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR range or one of proxy-addr's names. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const trustProxy = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .transform((value, ctx): TrustProxy => {
      const v = value.trim();
      if (v === 'false') return false;
      if (v === 'true') return true;
      const entries = v.split(',').map((e) => e.trim());
      const bad = entries.filter((e) => !isProxyEntry(e));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must be false, true, or the proxies' addresses/CIDRs separated by commas (not: ${bad.join(', ')})`,
        });
        return z.NEVER;
      }
      return entries;
    })
    .default(false),
);

const envSchema = z.object({
  PORT: integer(0, 65535, 3000),
  HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  ESDB_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^esdb(\+discover)?:\/\/\S+$/, 'must be an esdb:// or esdb+discover:// connection string')
      .optional(),
  ),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().min(1).default('./data')),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  LOG_FORMAT: z.preprocess(
    unsetIfEmpty,
    z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }).default('auto'),
  ),
  TOKEN_STORE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  EMBEDDED_STORE_PORT: integer(0, 65535, 0),
  RATE_LIMIT_MAX: integer(1, 1_000_000, 300),
  RATE_LIMIT_WINDOW_MS: integer(1, 86_400_000, 60_000),
  AUTH_FAILURE_LIMIT_MAX: integer(1, 1_000_000, 20),
  AUTH_FAILURE_WINDOW_MS: integer(1, 86_400_000, 300_000),
  TRUST_PROXY: trustProxy,
  BODY_LIMIT_BYTES: integer(1024, 16 * 1024 * 1024, 1024 * 1024),
  SEED_DEMO: boolean(true),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 10_000),
  REQUEST_TIMEOUT_MS: integer(1, 600_000, 30_000),
  REQUEST_HASH_KEY_FILE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  METRICS_PORT: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(0, 'must be at least 0').max(65535, 'must be at most 65535'))
      .optional(),
  ),
  METRICS_HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  SIGNING_KEY_FILE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  LOG_ORIGIN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[^\s+]+$/, 'must be one word without spaces or plus signs')
      .max(200)
      .default('position-ledger'),
  ),
  CHECKPOINT_EVERY_EVENTS: integer(1, 100_000_000, 1000),
  CHECKPOINT_EVERY_SECONDS: integer(1, 86_400, 60),
  COORDINATING_AGENCY: z.preprocess(
    unsetIfEmpty,
    z.enum(AGENCY_CODES, { error: `must be one of ${AGENCY_CODES.join(', ')}` }).default('MFA'),
  ),
});

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(environment)'),
      message: issue.message,
    }));
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    esdbUrl: e.ESDB_URL,
    dataDir,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    tokenStore: path.resolve(e.TOKEN_STORE ?? path.join(dataDir, 'tokens.json')),
    embeddedStorePort: e.EMBEDDED_STORE_PORT,
    rateLimitMax: e.RATE_LIMIT_MAX,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
    authFailureLimitMax: e.AUTH_FAILURE_LIMIT_MAX,
    authFailureWindowMs: e.AUTH_FAILURE_WINDOW_MS,
    trustProxy: e.TRUST_PROXY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    seedDemo: e.SEED_DEMO,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    requestHashKey:
      e.REQUEST_HASH_KEY_FILE === undefined
        ? { file: path.join(dataDir, 'request-hash.key'), createIfMissing: true }
        : { file: path.resolve(e.REQUEST_HASH_KEY_FILE), createIfMissing: false },
    coordinatingAgency: e.COORDINATING_AGENCY,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    checkpoints: {
      origin: e.LOG_ORIGIN,
      signingKey:
        e.SIGNING_KEY_FILE === undefined
          ? { file: path.join(dataDir, 'checkpoint-signing.key'), createIfMissing: true }
          : { file: path.resolve(e.SIGNING_KEY_FILE), createIfMissing: false },
      everyEvents: e.CHECKPOINT_EVERY_EVENTS,
      everyMs: e.CHECKPOINT_EVERY_SECONDS * 1000,
    },
  };
}
