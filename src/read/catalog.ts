// The lists a reader starts from when they do not know an id (issue 11 §1): issues with the stance in
// force, pending drafts and diverging agencies, filtered. Processes and sessions are read models of
// their own (read-models.ts); this is the issue list, composed of the position and alignment reads
// so it shows exactly what they show.
import type { DraftTextStatus, Stance } from '../../contracts/enums.js';
import type { AsOf } from '../../projections/index.js';
import type { ReadModels } from './read-models.js';
import type { Reader } from './withheld.js';

export interface IssueFilter {
  readonly processId?: string;
  /** The draft text's status; `none` for an issue with no status recorded. */
  readonly textStatus?: DraftTextStatus | 'none';
  /** The stance of the version in force; `none` for an issue with none in force. */
  readonly stance?: Stance | 'none';
  readonly pendingDraft?: boolean;
  /** Some agency's latest view diverges from the position in force. */
  readonly diverges?: boolean;
}

export interface IssueListItem {
  readonly issueId: string;
  readonly processId: string | null;
  readonly code: string | null;
  readonly title: { readonly th: string; readonly en: string } | null;
  readonly textStatus: DraftTextStatus | null;
  readonly closedOn: string | null;
  readonly inForce: {
    readonly version: number;
    readonly stance: Stance;
    readonly authority: string;
    readonly decisionRef: string;
    readonly decidedOn: string;
  } | null;
  readonly pendingDraft: { readonly version: number; readonly stance: Stance } | null;
  /** Agencies whose latest view (that the reader may see) differs from the stance in force. */
  readonly divergingAgencies: readonly string[];
}

export function issueList(
  models: Pick<ReadModels, 'positions' | 'alignment'>,
  asOf: AsOf,
  reader: Reader,
  filter: IssueFilter,
): IssueListItem[] {
  const items: IssueListItem[] = [];
  for (const p of models.positions(asOf, reader)) {
    const issue = p.issue;
    if (filter.processId !== undefined && issue?.processId !== filter.processId) continue;
    if (filter.textStatus !== undefined && (issue?.textStatus ?? 'none') !== filter.textStatus) continue;
    if (filter.stance !== undefined && (p.inForce?.stance ?? 'none') !== filter.stance) continue;
    if (filter.pendingDraft !== undefined && (p.pendingDraft !== null) !== filter.pendingDraft) continue;
    const diverging =
      filter.diverges === undefined && p.inForce === null
        ? []
        : models
            .alignment(asOf, { issueId: p.issueId }, reader)
            .filter((r) => r.diverges === true)
            .map((r) => r.agency);
    if (filter.diverges !== undefined && diverging.length > 0 !== filter.diverges) continue;
    items.push({
      issueId: p.issueId,
      processId: issue?.processId ?? null,
      code: issue?.code ?? null,
      title: issue?.title ?? null,
      textStatus: issue?.textStatus ?? null,
      closedOn: issue?.closedOn ?? null,
      inForce:
        p.inForce === null
          ? null
          : {
              version: p.inForce.version,
              stance: p.inForce.stance,
              authority: p.inForce.authority,
              decisionRef: p.inForce.decisionRef,
              decidedOn: p.inForce.decidedOn,
            },
      pendingDraft: p.pendingDraft === null ? null : { version: p.pendingDraft.version, stance: p.pendingDraft.stance },
      divergingAgencies: diverging,
    });
  }
  return items;
}
