// Given events / when command / then events or error (style.md 2), on tap, with no store.
import type { Test } from 'tap';
import type { Agency, LedgerCommandInput, LedgerEvent, Principal } from '../../contracts/index.js';
import { LedgerCommand } from '../../contracts/index.js';
import type { RecordedEvent } from '../../src/domain/index.js';
import { DomainError, decideOn, streamOf } from '../../src/domain/index.js';

export const NOW = '2026-01-15T03:00:00.000Z';
/** The coordinating agency the deciders are given unless a test names another (the configured default). */
export const COORDINATING: Agency = 'MFA';

export const actors = {
  admin: { id: 'admin-1', agency: 'MFA', roles: ['admin'], clearance: 'top-secret' },
  negotiator: { id: 'mfa-desk-1', agency: 'MFA', roles: ['negotiator'], clearance: 'secret' },
  oagNegotiator: { id: 'oag-neg-1', agency: 'OAG', roles: ['negotiator'], clearance: 'secret' },
  oagAdmin: { id: 'oag-admin-1', agency: 'OAG', roles: ['admin'], clearance: 'top-secret' },
  oagApprover: { id: 'oag-exec-1', agency: 'OAG', roles: ['approver'], clearance: 'secret' },
  nsc: { id: 'nsc-1', agency: 'NSC', roles: ['agency-officer'], clearance: 'confidential' },
  approver: { id: 'mfa-exec-1', agency: 'MFA', roles: ['approver'], clearance: 'secret' },
  auditor: { id: 'audit-1', agency: 'MFA', roles: ['auditor'], clearance: 'top-secret' },
  oag: { id: 'oag-1', agency: 'OAG', roles: ['agency-officer'], clearance: 'confidential' },
  rtp: { id: 'rtp-1', agency: 'RTP', roles: ['agency-officer'], clearance: 'confidential' },
} satisfies Record<string, Principal>;

/** A deterministic event id: id(1) = 00000000-0000-4000-8000-000000000001. */
export function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export interface Step {
  command: LedgerCommandInput;
  actor?: Principal;
}

/** Build a history by deciding commands in order (ids 1, 2, ...), as the application would. */
export function history(...steps: Array<LedgerCommandInput | Step>): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  for (const step of steps) {
    const { command, actor } = 'command' in step ? step : { command: step, actor: undefined };
    const parsed = LedgerCommand.parse(command);
    for (const event of decideOn(
      { ...parsed, context: { actor: actor ?? actors.admin, now: NOW, coordinatingAgency: COORDINATING } },
      recorded,
    )) {
      recorded.push({ event, eventId: id(recorded.length + 1) });
    }
  }
  return recorded;
}

/**
 * The history an admin's commands leave, in order (ids 1, 2, ...): each command the rules refuse (a
 * DomainError) is skipped, as the ledger would append nothing for it; any other error is thrown.
 */
export function acceptedHistory(commands: readonly LedgerCommandInput[]): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  for (const input of commands) {
    let events: LedgerEvent[];
    try {
      events = decideOn(
        {
          ...LedgerCommand.parse(input),
          context: { actor: actors.admin, now: '2026-01-01T00:00:00.000Z', coordinatingAgency: COORDINATING },
        },
        recorded,
      );
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw error;
    }
    for (const event of events) recorded.push({ event, eventId: id(recorded.length + 1) });
  }
  return recorded;
}

export interface When {
  /** The events the command produces. */
  readonly events: () => LedgerEvent[];
  /** Assert exactly these events. */
  then(t: Test, expected: LedgerEvent[]): void;
  /** Assert the produced events satisfy a check (for events with computed fields). */
  thenEvents(t: Test, check: (events: LedgerEvent[]) => void): void;
  /** Assert a DomainError with this code (and kind, when given). */
  thenFails(t: Test, code: string, kind?: DomainError['kind']): void;
}

export function given(past: RecordedEvent[] = []) {
  return {
    when(
      command: LedgerCommandInput,
      actor: Principal = actors.admin,
      context: { now?: string; occurredAt?: string; coordinatingAgency?: Agency } = {},
    ): When {
      const parsed = LedgerCommand.parse(command);
      const coordinatingAgency = context.coordinatingAgency ?? COORDINATING;
      const events = () =>
        decideOn(
          {
            ...parsed,
            context: {
              actor,
              now: context.now ?? NOW,
              coordinatingAgency,
              ...(context.occurredAt ? { occurredAt: context.occurredAt } : {}),
            },
          },
          past,
        );
      return {
        events,
        then(t, expected) {
          t.same(events(), expected, `${parsed.type} on ${streamOf(parsed)}`);
        },
        thenEvents(t, check) {
          check(events());
        },
        thenFails(t, code, kind) {
          try {
            const produced = events();
            t.fail(`expected ${code}, got events ${produced.map((e) => e.type).join(', ')}`);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            t.equal(error.code, code, error.message);
            if (kind) t.equal(error.kind, kind, `kind of ${code}`);
          }
        },
      };
    },
  };
}
