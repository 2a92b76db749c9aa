// Which integrity break a read touches (ADR 0034): a read of one issue or consultation is refused when
// that subject's streams broke; any other read of the read models (lists, the live stream, briefs)
// when anything broke. The read-model keys are the read side's (projections/routing.ts), so the HTTP
// layer names the subject and asks here (ADR 0032).
import { consultationKey, homeKeyOf, issueKey } from '../../projections/routing.js';
import type { IntegrityBreak } from './integrity.js';

/** What one read is about: one issue, one consultation, or (null) anything the read models hold. */
export type IntegritySubject = { readonly kind: 'issue' | 'consultation'; readonly id: string } | null;

/** The break a read of `subject` touches, if any. */
export function breakFor(
  subject: IntegritySubject,
  broken: ReadonlyMap<string, IntegrityBreak>,
): IntegrityBreak | undefined {
  if (broken.size === 0) return undefined;
  if (subject === null) return broken.values().next().value;
  const key = subject.kind === 'issue' ? issueKey(subject.id) : consultationKey(subject.id);
  for (const b of broken.values()) {
    const home = homeKeyOf(b.stream);
    // A break outside the read models' streams (the checkpoint stream) puts the whole log in question.
    if (home === undefined || home === key) return b;
  }
  return undefined;
}
