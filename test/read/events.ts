// Valid ledger events to append in read-side integration tests (through the real adapter).
import { randomUUID } from 'node:crypto';
import { currentSchemaVersion } from '../../contracts/events/index.js';
import type { NewEvent } from '../../src/store/adapter.js';

export function draftEvent(issueId: string, version: number, occurredAt = new Date().toISOString()): NewEvent {
  return {
    id: randomUUID(),
    type: 'PositionDrafted',
    data: {
      issueId,
      version,
      stance: 'support',
      summary: { th: `ร่าง ${version}`, en: `draft ${version}` },
      flexibility: 'medium',
      redLines: { level: 'secret', value: [{ th: 'เส้น', en: 'a red line' }] },
      fallbacks: { level: 'confidential', value: [] },
      allies: ['ASEAN'],
      basis: { consultationIds: [], eventIds: [] },
      substantive: true,
    },
    metadata: {
      actor: { principalId: 'test', agency: 'MFA', role: 'negotiator' },
      occurredAt,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schema: currentSchemaVersion('PositionDrafted'),
    },
  };
}
