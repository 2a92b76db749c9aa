// `ledger token create|list|revoke`: manages the bearer tokens in TOKEN_STORE (see src/auth/tokens.ts).
// The token is printed once, at creation; only its hash is kept.
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { AGENCY_CODES, Principal, ROLES } from '../../../contracts/principal.js';
import { CLASSIFICATION_LEVELS } from '../../../contracts/classification.js';
import { loadConfig } from '../../config.js';
import { createTokenStore } from '../../auth/tokens.js';
import { printable, printableJson } from '../terminal.js';

export interface TokenCommandIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
}

const defaultIo: TokenCommandIo = { env: process.env, out: (line) => console.log(line) };

/** Labels and ids come from a file others write: what is printed is escaped (../terminal.ts). */
function escaped(io: TokenCommandIo): TokenCommandIo {
  return { env: io.env, out: (line) => io.out(printable(line)) };
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function collectRole(value: string, previous: string[]): string[] {
  if (!ROLES.some((role) => role === value)) {
    throw new InvalidArgumentError(`Allowed choices are ${ROLES.join(', ')}.`);
  }
  return [...previous, value];
}

export function registerTokenCommand(program: Command, given: TokenCommandIo = defaultIo): void {
  const io = escaped(given);
  const token = program.command('token').description('Create, list and revoke API bearer tokens');
  const store = () => createTokenStore(loadConfig(io.env).tokenStore);

  token
    .command('create')
    .description('Create a token for a principal and print it once')
    .addOption(
      new Option('--agency <code>', 'agency the principal acts for').choices(AGENCY_CODES).makeOptionMandatory(),
    )
    .addOption(
      new Option('--role <role>', `role granted, repeat for several (${ROLES.join(', ')})`)
        .argParser(collectRole)
        .default([]),
    )
    .addOption(
      new Option('--clearance <level>', 'highest classification the principal may read')
        .choices(CLASSIFICATION_LEVELS)
        .default('unclassified'),
    )
    .option('--name <text>', 'who holds the token (a label, e.g. "OAG international affairs desk")')
    .option(
      '--id <principalId>',
      'principal id recorded as the actor of every event (default: derived from agency and name)',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const roles: unknown = opts['role'];
      const name = typeof opts['name'] === 'string' ? opts['name'] : undefined;
      const agency = String(opts['agency']);
      const explicitId = typeof opts['id'] === 'string' ? opts['id'] : undefined;
      // "MFA desk" for MFA gives mfa-desk-<hex>, not mfa-mfa-desk-<hex>.
      const agencyPart = agency.toLowerCase();
      const namePart = name === undefined ? '' : slug(name);
      const derivedId = [
        namePart === agencyPart || namePart.startsWith(`${agencyPart}-`) ? '' : agencyPart,
        namePart,
        randomBytes(3).toString('hex'),
      ]
        .filter((part) => part !== '')
        .join('-');
      const parsed = Principal.safeParse({
        id: explicitId ?? derivedId,
        agency,
        roles: Array.isArray(roles) && roles.length > 0 ? roles : ['agency-officer'],
        clearance: opts['clearance'],
      });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'principal'}: ${i.message}`);
        program.error(`Invalid principal: ${issues.join('; ')}`, { exitCode: 2, code: 'token.invalid_principal' });
      }
      const principal = parsed.data;
      const created = await store().create(principal, name);
      if (opts['json'] === true) {
        given.out(printableJson({ token: created.token, id: created.id, principal }));
        return;
      }
      io.out(
        `Token ${created.id} for ${principal.id} (${agency}; roles ${principal.roles.join(', ')}; clearance ${principal.clearance})`,
      );
      io.out('Keep it now: it is not stored and will not be shown again.');
      io.out('');
      io.out(created.token);
      io.out('');
      io.out(`Use it as: Authorization: Bearer ${created.token}`);
    });

  token
    .command('list')
    .description('List tokens (ids and principals, never the tokens themselves)')
    .option('--json', 'print JSON')
    .action(async (opts: Record<string, unknown>) => {
      const tokens = await store().list();
      if (opts['json'] === true) {
        given.out(printableJson(tokens));
        return;
      }
      if (tokens.length === 0) {
        io.out('No tokens yet. Create one with: ledger token create --agency MFA --role negotiator');
        return;
      }
      for (const t of tokens) {
        const state = t.revokedAt === undefined ? 'active' : `revoked ${t.revokedAt}`;
        io.out(
          `${t.id}  ${t.principal.id}  ${t.principal.agency}  ${t.principal.roles.join(',')}  ${t.principal.clearance}  ${state}${t.label === undefined ? '' : `  "${t.label}"`}`,
        );
      }
    });

  token
    .command('revoke')
    .description('Revoke a token by its id (tok_...)')
    .argument('<id>', 'token id as shown by `ledger token list`')
    .action(async (id: string) => {
      const revoked = await store().revoke(id);
      if (!revoked) {
        program.error(`No active token with id ${id}`, { exitCode: 1, code: 'token.not_found' });
      }
      io.out(`Revoked ${id}`);
    });
}
