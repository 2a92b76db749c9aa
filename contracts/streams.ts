// Stream names: `<category>-<id>`. One place that knows the categories.
import { z } from 'zod';

export const STREAM_KINDS = ['process', 'session', 'issue', 'consultation', 'position'] as const;
export const StreamKind = z.enum(STREAM_KINDS);
export type StreamKind = z.infer<typeof StreamKind>;

export function streamName(kind: StreamKind, id: string): string {
  return `${kind}-${id}`;
}

/** "position-ahc-scope" -> { kind: 'position', id: 'ahc-scope' }; undefined for a stream that is not ours. */
export function parseStreamName(name: string): { kind: StreamKind; id: string } | undefined {
  const dash = name.indexOf('-');
  if (dash <= 0) return undefined;
  const kind = StreamKind.safeParse(name.slice(0, dash));
  const id = name.slice(dash + 1);
  return kind.success && id.length > 0 ? { kind: kind.data, id } : undefined;
}
