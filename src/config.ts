// Configuration is read once, at start, from the environment. A bad value stops the start with a
// ConfigError naming every bad variable; nothing else in the app reads process.env.
import path from 'node:path';
import { z } from 'zod';
import { AGENCY_CODES, type Agency } from '../contracts/index.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** HTTP port of the API (0 picks a free port). */
  port: number;
  host: string;
  /** Connection string of an external EventStoreDB/KurrentDB; undefined = run the embedded store. */
  esdbUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  /** Path of the JSON file holding token hashes. */
  tokenStore: string;
  /** Port of the embedded store's gRPC listener (0 = a free port). */
  embeddedStorePort: number;
  rateLimitMax: number;
  rateLimitWindowMs: number;
  bodyLimitBytes: number;
  /** Load the demo data when the store holds no ledger events yet. */
  seedDemo: boolean;
  /** How long a graceful close may take before the process gives up. */
  shutdownTimeoutMs: number;
  requestTimeoutMs: number;
  /** The agency whose principals may act for other agencies (docs/adr/0014-coordinating-agency.md). */
  coordinatingAgency: Agency;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      `Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`,
    );
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
  TOKEN_STORE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  EMBEDDED_STORE_PORT: integer(0, 65535, 0),
  RATE_LIMIT_MAX: integer(1, 1_000_000, 300),
  RATE_LIMIT_WINDOW_MS: integer(1, 86_400_000, 60_000),
  BODY_LIMIT_BYTES: integer(1024, 16 * 1024 * 1024, 1024 * 1024),
  SEED_DEMO: boolean(true),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 10_000),
  REQUEST_TIMEOUT_MS: integer(1, 600_000, 30_000),
  COORDINATING_AGENCY: z.preprocess(unsetIfEmpty, z.enum(AGENCY_CODES, { error: `must be one of ${AGENCY_CODES.join(', ')}` }).default('MFA')),
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
    tokenStore: path.resolve(e.TOKEN_STORE ?? path.join(dataDir, 'tokens.json')),
    embeddedStorePort: e.EMBEDDED_STORE_PORT,
    rateLimitMax: e.RATE_LIMIT_MAX,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    seedDemo: e.SEED_DEMO,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    coordinatingAgency: e.COORDINATING_AGENCY,
  };
}
