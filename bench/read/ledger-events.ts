// Ledger events for the read-side benchmarks: valid PositionDrafted / PositionEndorsed events (data
// and metadata pass the contracts), 100 per issue, as the projector will meet them.
import { randomUUID } from 'node:crypto';
import { jsonEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { currentSchemaVersion, type EventData } from '../../contracts/events/index.js';

export const PER_ISSUE = 100;
const DAY = 86_400_000;
const BASE = Date.UTC(2021, 11, 28);

export function issueEvents(issueId: string) {
  const events = [];
  for (let i = 0; i < PER_ISSUE; i += 1) {
    const version = Math.floor(i / 2) + 1;
    const occurredAt = new Date(BASE + i * 7 * DAY).toISOString();
    const metadata = {
      actor: { principalId: 'bench', agency: 'MFA', role: 'negotiator' },
      occurredAt,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schema: 1,
    };
    if (i % 2 === 0) {
      const data: EventData<'PositionDrafted'> = {
        issueId,
        version,
        stance: i % 4 === 0 ? 'support' : 'support-with-amendments',
        summary: { th: `ร่างที่ ${version}`, en: `draft ${version}` },
        flexibility: 'medium',
        redLines: { level: 'secret', value: [{ th: 'เส้นต้องห้าม', en: 'a red line' }] },
        fallbacks: { level: 'confidential', value: [] },
        allies: ['ASEAN'],
        basis: { consultationIds: [], eventIds: [] },
        substantive: true,
      };
      events.push(
        jsonEvent({
          type: 'PositionDrafted',
          data,
          metadata: { ...metadata, schema: currentSchemaVersion('PositionDrafted') },
        }),
      );
    } else {
      const day = occurredAt.slice(0, 10);
      const data: EventData<'PositionEndorsed'> = {
        issueId,
        version,
        authority: 'mfa',
        decisionRef: `กต ${version}`,
        decidedOn: day,
        effectiveFrom: day,
      };
      events.push(
        jsonEvent({
          type: 'PositionEndorsed',
          data,
          metadata: { ...metadata, schema: currentSchemaVersion('PositionEndorsed') },
        }),
      );
    }
  }
  return events;
}

/** Appends `total` events (PER_ISSUE per issue), a few appends in flight. Returns the issue ids. */
export async function fillLedger(
  client: EventStoreDBClient,
  total: number,
  log: (m: string) => void,
): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const issues = Array.from({ length: Math.ceil(total / PER_ISSUE) }, (_, i) => `bench-${tag}-${i}`);
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < issues.length) {
      const issueId = issues[next];
      next += 1;
      if (issueId === undefined) return;
      await client.appendToStream(`position-${issueId}`, issueEvents(issueId), { deadline: 120_000 });
      if (next % 1000 === 0) log(`  filled ${next * PER_ISSUE} events`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, () => worker()));
  log(`filled ${issues.length * PER_ISSUE} ledger events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return issues;
}

export function benchEvents(): number {
  const raw = process.env['READ_BENCH_EVENTS'];
  const n = raw === undefined || raw === '' ? 1_000_000 : Number(raw);
  if (!Number.isInteger(n) || n < 1000) throw new RangeError('READ_BENCH_EVENTS must be a whole number >= 1000');
  return n;
}
