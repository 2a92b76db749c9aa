// The workspace's session (GET/POST /web/session): who is signed in and the CSRF token of the session.
import { z } from 'zod';
import { Agency, Principal } from '../principal.js';

export const WorkspaceSessionReply = z
  .object({
    principal: Principal,
    csrf: z.string().describe('Send as X-CSRF-Token with every write made with the session cookie'),
    coordinatingAgency: Agency.describe('Principals of this agency act for any agency (ADR 0014)'),
  })
  .meta({ id: 'WorkspaceSession' });
