// The ledger as `npm start` runs it (API, read side, workspace) on a fresh data directory, for the
// workspace's tests; with the demo data when asked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Test } from 'tap';
import type { Agency, Clearance, Role } from '../../../contracts/index.js';
import { loadConfig } from '../../../src/config.js';
import { startLedger, type RunningLedger } from '../../../src/boot/server.js';

export interface Served {
  readonly url: string;
  readonly running: RunningLedger;
  readonly dataDir: string;
  /** A new bearer token for a principal with these roles. */
  token(roles: Role | Role[], agency?: Agency, clearance?: Clearance): Promise<string>;
  /** The same, with the token's id (to revoke it). */
  created(roles: Role | Role[], agency?: Agency, clearance?: Clearance): Promise<{ token: string; id: string }>;
}

let principals = 0;

export async function serve(t: Test, options: { demo?: boolean } = {}): Promise<Served> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledger-web-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: options.demo === true ? 'true' : 'false',
    RATE_LIMIT_MAX: '100000',
  });
  const running = await startLedger(config, pino({ level: 'silent' }));
  t.teardown(async () => {
    await running.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  for (let i = 0; i < 100 && (await fetch(`${running.url}/readyz`)).status !== 200; i++)
    await new Promise((r) => setTimeout(r, 100));
  const created: Served['created'] = async (roles, agency = 'MFA', clearance = 'secret') => {
    principals += 1;
    return running.tokens.create({
      id: `web-test-${principals}`,
      agency,
      roles: Array.isArray(roles) ? roles : [roles],
      clearance,
    });
  };
  return {
    url: running.url,
    running,
    dataDir,
    created,
    token: async (roles, agency, clearance) => (await created(roles, agency, clearance)).token,
  };
}
