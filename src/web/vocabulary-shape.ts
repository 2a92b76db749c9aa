// The shape of the vocabulary the bundle carries (vocabulary.ts): no imports, so the browser's
// type checks need nothing of the server.
export interface Named {
  readonly id: string;
  readonly th: string;
  readonly en: string;
}

/** The kinds of value contracts/vocabulary.ts names (its `labels`). */
export type LabelKind =
  | 'flexibility'
  | 'textStatus'
  | 'outcome'
  | 'format'
  | 'attestation'
  | 'role'
  | 'streamKind'
  | 'eventType'
  | 'followUpStatus'
  | 'sourceKind'
  | 'milestone'
  | 'processKind'
  | 'sessionResult'
  | 'finalTextResult';

export interface Vocabulary {
  readonly stances: readonly Named[];
  readonly authorities: readonly Named[];
  readonly classifications: readonly Named[];
  readonly urgencies: readonly Named[];
  readonly agencies: readonly (Named & { readonly abbrev: string | null })[];
  readonly roles: readonly string[];
  readonly flexibilities: readonly string[];
  readonly textStatuses: readonly string[];
  readonly outcomes: readonly string[];
  readonly formats: readonly string[];
  readonly attestations: readonly string[];
  readonly eventTypes: readonly string[];
  readonly streamKinds: readonly string[];
  /** The Thai and English name of each value, by kind: the same table GET /v1/vocabulary serves. */
  readonly labels: Readonly<Record<LabelKind, Readonly<Record<string, { readonly th: string; readonly en: string }>>>>;
}
