// A fresh database is not empty: like a real node, it starts with a few system events in `$` streams
// (esdb-protocol.md §6), so $all readers see system records before any user event.
import { randomUUID } from 'node:crypto';
import type { GroupCommitter } from './storage/group-commit.js';
import type { ProposedEvent } from './model.js';

function systemEvent(type: string, json: unknown): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    isJson: true,
    data: Buffer.from(JSON.stringify(json), 'utf8'),
    metadata: new Uint8Array(0),
  };
}

const OPS_ONLY = { $r: ['$ops'], $w: ['$ops'], $d: ['$ops'], $mr: ['$ops'], $mw: ['$ops'] };

export async function seedSystemEvents(writer: GroupCommitter): Promise<void> {
  await writer.submit({
    kind: 'append',
    stream: '$$$scavenges',
    expected: { kind: 'no_stream' },
    events: [systemEvent('$metadata', { $maxAge: 2592000, $acl: OPS_ONLY })],
  });
  await writer.submit({
    kind: 'append',
    stream: '$settings',
    expected: { kind: 'no_stream' },
    events: [
      systemEvent('$settings', {
        $userStreamAcl: { $r: '$all', $w: '$all', $d: '$all', $mr: '$all', $mw: '$all' },
        $systemStreamAcl: { $r: '$admins', $w: '$admins', $d: '$admins', $mr: '$admins', $mw: '$admins' },
      }),
    ],
  });
}
