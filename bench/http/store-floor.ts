// The write floor: how many single-event durable appends per second the embedded store takes from
// CONNECTIONS concurrent writers (the store alone, its own process, file mode, a fresh directory).
// A keyed write appends twice (the key's claim, then the events; ADR 0006), a keyless one once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { appendRate } from '../store/appends.js';
import { startStore } from '../store/process.js';
import { CONNECTIONS, DURATION_SECONDS, WARM_UP_SECONDS } from './settings.js';

export async function storeAppendFloor(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-floor-'));
  const store = await startStore(dir);
  const client = EventStoreDBClient.connectionString(store.firstLine);
  try {
    await appendRate(client, store.pid, CONNECTIONS, WARM_UP_SECONDS * 1000);
    return (await appendRate(client, store.pid, CONNECTIONS, DURATION_SECONDS * 1000)).perSecond;
  } finally {
    await client.dispose().catch(() => undefined);
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
