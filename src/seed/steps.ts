// The shape of demo data: an ordered list of commands, each with the principal who issues it, the
// valid time of the fact, and an idempotency key (so loading twice appends nothing new).
import type { LedgerCommand, LedgerCommandInput, Principal, Source } from '../../contracts/index.js';
import { LedgerCommand as LedgerCommandSchema, startOfDay, thaiDateToIso } from '../../contracts/index.js';

export interface SeedStep {
  /** Idempotency-Key of the step; unique within the seed, stable across releases. */
  readonly key: string;
  readonly actor: Principal;
  /** Valid time: when the fact happened (ISO instant). */
  readonly occurredAt: string;
  /** The venue's time zone where it matters. */
  readonly timeZone?: string;
  /** The command as a client would send it (Thai dates allowed). */
  readonly command: LedgerCommandInput;
  /** Where the entry comes from (ADR 0038); absent: stated by a source (`record`). */
  readonly source?: Source;
  /**
   * Event ids known only once earlier steps are written, named by those steps' keys (each step
   * appends exactly one event): the target of a retraction, event ids in a position's basis.
   */
  readonly refs?: { readonly retract?: string; readonly basis?: readonly string[] };
}

/** The instant of `hour`:00 on a calendar day (ISO or Thai) in a time zone. */
export function at(date: string, timeZone: string, hour = 10): string {
  return new Date(Date.parse(startOfDay(thaiDateToIso(date), timeZone)) + hour * 3_600_000).toISOString();
}

/** Parse a step's command, filling in the event ids its refs name. */
export function materialise(step: SeedStep, eventIdOf: (key: string) => string): LedgerCommand {
  const command = LedgerCommandSchema.parse(step.command);
  const refs = step.refs;
  if (!refs) return command;
  if (refs.retract !== undefined && command.type === 'RetractEntry') {
    return { ...command, targetEventId: eventIdOf(refs.retract) };
  }
  if (refs.basis !== undefined && command.type === 'DraftPosition') {
    return {
      ...command,
      basis: { ...command.basis, eventIds: [...command.basis.eventIds, ...refs.basis.map(eventIdOf)] },
    };
  }
  return command;
}

/** What loading needs from the application: Ledger.execute fits. */
export type ExecuteFn = (
  command: LedgerCommand,
  ctx: {
    principal: Principal;
    idempotencyKey: string;
    correlationId: string;
    occurredAt: string;
    timeZone?: string;
    source?: Source;
  },
) => Promise<{ eventIds: string[]; replayed: boolean }>;

export interface LoadReport {
  readonly steps: number;
  readonly appended: number;
  readonly replayed: number;
}

/**
 * Run the steps in order through `execute`. Loading twice appends nothing (idempotency keys); the
 * event ids of earlier steps come from their results.
 */
export async function loadSeed(
  steps: readonly SeedStep[],
  execute: ExecuteFn,
  onStep?: (index: number, step: SeedStep) => void,
): Promise<LoadReport> {
  const ids = new Map<string, string>();
  const eventIdOf = (key: string): string => {
    const id = ids.get(key);
    if (id === undefined) throw new RangeError(`seed step refers to "${key}", which has not run before it`);
    return id;
  };
  let appended = 0;
  let replayed = 0;
  for (const [index, step] of steps.entries()) {
    const result = await execute(materialise(step, eventIdOf), {
      principal: step.actor,
      idempotencyKey: step.key,
      correlationId: `seed:${step.key}`,
      occurredAt: step.occurredAt,
      ...(step.timeZone ? { timeZone: step.timeZone } : {}),
      ...(step.source ? { source: step.source } : {}),
    });
    const first = result.eventIds[0];
    if (first !== undefined) ids.set(step.key, first);
    if (result.replayed) replayed++;
    else appended += result.eventIds.length;
    onStep?.(index, step);
  }
  return { steps: steps.length, appended, replayed };
}
