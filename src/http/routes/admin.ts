// Administrators' routes under /v1/admin (role `admin`). POST /v1/admin/backup: the running ledger
// copies its embedded store's files into a directory on its own machine while it keeps serving
// (`ledger backup` asks for it: the store holds its file exclusively, so no other process can copy it
// consistently). One backup at a time. On an external EventStoreDB there is nothing to copy here: a
// cluster is backed up with its own tools (README).
// `registerAdminApi(app, admin)` is the one call the app makes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BackupError, BackupManifest } from '../../ops/backup.js';
import type { LedgerApp } from '../instance.js';
import { principalOf, requireBearer } from '../plugins/auth.js';
import { HttpProblem, ProblemSchema } from '../problem.js';

export interface AdminPort {
  /** Backs the embedded store up into `dir`; undefined on an external store. */
  backup: ((dir: string) => Promise<BackupManifest>) | undefined;
}

/** The admin routes' own problem codes (besides the catalogue's role_not_allowed). */
const problems = {
  backup_target_invalid: { status: 400, title: 'The backup directory is not usable' },
  backup_target_not_empty: { status: 409, title: 'The backup directory exists and is not empty' },
  backup_in_progress: { status: 409, title: 'A backup is already running' },
  backup_not_embedded: {
    status: 409,
    title: "The ledger runs on an external event store: back it up with the cluster's own tools",
  },
} as const;

function problem(code: keyof typeof problems, detail: string): HttpProblem {
  const { status, title } = problems[code];
  return new HttpProblem(status, code, title, { detail });
}

function assertAdmin(request: FastifyRequest): void {
  const principal = principalOf(request);
  if (principal.roles.includes('admin')) return;
  throw HttpProblem.of('role_not_allowed', {
    detail: `Admin routes need the role admin; this token has ${principal.roles.join(', ')}`,
  });
}

const BackupBody = z.strictObject({
  to: z.string().min(1).max(4096).describe("Absolute path of a new or empty directory on the ledger's machine"),
});

const BackupReply = BackupManifest.extend({ to: z.string().describe('Where the copy went') });

async function adminRoutes(app: FastifyInstance, admin: AdminPort): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  let running = false;
  typed.post(
    '/admin/backup',
    {
      schema: {
        summary: "Copy the embedded store's files into a directory while the ledger serves (admins)",
        tags: ['admin'],
        body: BackupBody,
        response: {
          200: BackupReply,
          400: ProblemSchema.describe('Not an absolute path (backup_target_invalid), or a bad body'),
          401: ProblemSchema.describe('No or unknown bearer token'),
          403: ProblemSchema.describe('Not an admin'),
          409: ProblemSchema.describe(
            'The directory is not empty (backup_target_not_empty), a backup is running (backup_in_progress), or the store is external (backup_not_embedded)',
          ),
        },
      },
      preValidation: async (request) => assertAdmin(request),
    },
    async (request) => {
      if (admin.backup === undefined)
        throw problem(
          'backup_not_embedded',
          'This ledger runs on an external EventStoreDB (ESDB_URL); back the cluster up with its own tools',
        );
      if (running) throw problem('backup_in_progress', 'A backup is already running; ask again when it is done');
      running = true;
      try {
        const manifest = await admin.backup(request.body.to);
        request.log.info({ to: request.body.to, position: manifest.position }, 'backup made');
        return { ...manifest, to: request.body.to };
      } catch (error) {
        if (
          error instanceof BackupError &&
          (error.code === 'backup_target_invalid' || error.code === 'backup_target_not_empty')
        )
          throw problem(error.code, error.message);
        throw error;
      } finally {
        running = false;
      }
    },
  );
}

export async function registerAdminApi(app: LedgerApp, admin: AdminPort): Promise<void> {
  await app.register(
    async (v1) => {
      requireBearer(v1);
      await v1.register(async (scope: FastifyInstance) => adminRoutes(scope, admin));
    },
    { prefix: '/v1' },
  );
}
