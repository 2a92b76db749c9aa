// Full-text search over the ledger's texts in Thai and English (issue 11 §1): titles, summaries,
// rationales, views, outcomes, statements, red lines and fallbacks. Thai has no spaces between words,
// so words cannot be told apart by a tokenizer: SQLite's FTS5 `trigram` tokenizer indexes every run of
// three characters, and a query matches anywhere inside a text ("เขตอำนาจ" finds "ประเด็นเขตอำนาจศาล");
// results are ranked by bm25. ADR 0039 records the choice.
//
// The index is fed from the read index (read-index.ts), not from the projector: before each search it
// reads the envelopes the read index holds after its own checkpoint, so it is never behind a read that
// waited for minPosition, and nothing in the projector changes for it. Kept in its own SQLite file in
// the data directory (0600), or in memory without one; a file of another format is rebuilt.
//
// Each text keeps its classification (a classified field's level) and, for a consultation's entries,
// the consultation: a search answers only what the reader may read (ADR 0018, ADR 0020) — a text above
// the reader's clearance never matches, so not even its existence leaks through a search.
import Database from 'better-sqlite3';
import { classificationRank, type Classification } from '../../contracts/classification.js';
import { compareLogAt, type LogPosition } from '../../contracts/log-position.js';
import { homeKeyOf, type Envelope } from '../../projections/index.js';
import { preparePrivateSqliteFile } from '../files/private.js';
import type { ReadIndex } from './read-index.js';
import { consultationOfStream, type Reader } from './withheld.js';

/** Bump when what is indexed or how changes: a file of another format is rebuilt from the read index. */
const FORMAT = 'search@1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(
  body,
  event_id UNINDEXED, stream UNINDEXED, subject_kind UNINDEXED, subject_id UNINDEXED, issue_id UNINDEXED,
  type UNINDEXED, field UNINDEXED, lang UNINDEXED, level UNINDEXED, consultation_id UNINDEXED,
  recorded_at UNINDEXED, valid_at UNINDEXED,
  tokenize = 'trigram'
);
`;

export interface SearchHit {
  readonly subject: { readonly kind: string; readonly id: string };
  /** The issue the text is about, when it is about one (a view, a draft, a statement). */
  readonly issueId: string | null;
  readonly eventId: string;
  readonly type: string;
  /** Where in the event the text is, e.g. "summary", "title", "redLines[0]". */
  readonly field: string;
  readonly lang: 'th' | 'en';
  readonly level: Classification;
  /** The matching part with a few characters either side, the match between [ and ]. */
  readonly snippet: string;
  readonly recordedAt: string;
  readonly validAt: string;
}

export interface SearchQuery {
  readonly q: string;
  /** Only texts of one kind of subject. */
  readonly kind?: 'issue' | 'consultation' | 'session' | 'process';
  readonly offset: number;
  readonly limit: number;
}

export interface SearchPage {
  readonly hits: SearchHit[];
  /** Offset of the next page, null when there is none. */
  readonly next: number | null;
}

export interface SearchIndex {
  /** Reads what the read index holds after this index's checkpoint. */
  catchUp(index: Pick<ReadIndex, 'after'>): void;
  search(query: SearchQuery, reader: Reader, clearance: Classification): SearchPage;
  close(): void;
}

/** Shortest query: a trigram index answers three characters or more; two are matched by a scan. */
export const MIN_QUERY_LENGTH = 2;

interface TextRow {
  readonly body: string;
  readonly field: string;
  readonly lang: 'th' | 'en';
  readonly level: Classification;
}

/** Every bilingual text of an event's data, with its field path and classification. */
export function textsOf(data: unknown): TextRow[] {
  const rows: TextRow[] = [];
  const walk = (value: unknown, field: string, level: Classification): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${field}[${i}]`, level));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const o = value as Record<string, unknown>;
    if (typeof o['level'] === 'string' && 'value' in o) {
      walk(o['value'], field, o['level'] as Classification);
      return;
    }
    if (typeof o['th'] === 'string' && typeof o['en'] === 'string') {
      if (o['th'] !== '') rows.push({ body: o['th'], field, lang: 'th', level });
      if (o['en'] !== '') rows.push({ body: o['en'], field, lang: 'en', level });
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, field === '' ? k : `${field}.${k}`, level);
  };
  walk(data, '', 'unclassified');
  return rows;
}

/** Characters of context either side of the match in a snippet. */
const SNIPPET_CONTEXT = 40;

/**
 * The match with some text either side, marked with [ and ]. FTS5's own snippet() counts tokens,
 * which for the trigram tokenizer are characters overlapping by two: it cuts matches short.
 */
export function snippetOf(body: string, q: string): string {
  const at = body.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return body.length > 2 * SNIPPET_CONTEXT ? `${body.slice(0, 2 * SNIPPET_CONTEXT)}…` : body;
  const start = Math.max(0, at - SNIPPET_CONTEXT);
  const end = Math.min(body.length, at + q.length + SNIPPET_CONTEXT);
  return `${start > 0 ? '…' : ''}${body.slice(start, at)}[${body.slice(at, at + q.length)}]${body.slice(at + q.length, end)}${end < body.length ? '…' : ''}`;
}

export function openSearchIndex(path: string | null): SearchIndex {
  if (path !== null) preparePrivateSqliteFile(path);
  const db = new Database(path ?? ':memory:');
  if (path !== null) {
    db.pragma('journal_mode = WAL');
    // Rebuilt from the read index when lost: a short catch-up, never a wrong answer.
    db.pragma('synchronous = NORMAL');
  }
  db.exec(SCHEMA);
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  if (getMeta.get('format')?.value !== FORMAT) {
    db.exec('DELETE FROM texts; DELETE FROM meta;');
    setMeta.run('format', FORMAT);
  }
  const insert = db.prepare(
    'INSERT INTO texts (body, event_id, stream, subject_kind, subject_id, issue_id, type, field, lang, level, consultation_id, recorded_at, valid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const removeEvent = db.prepare('DELETE FROM texts WHERE stream = ? AND event_id = ?');

  let checkpoint: LogPosition | null = null;
  const saved = getMeta.get('checkpoint')?.value;
  if (saved !== undefined) {
    const [commit, prepare] = saved.split('/');
    checkpoint = { commit: BigInt(commit ?? '0'), prepare: BigInt(prepare ?? '0') };
  }

  function add(e: Envelope): void {
    const { event } = e;
    if (event.type === 'EntryRetracted') {
      // A retracted entry is not searched for; putting it back (a reinstatement) is rare enough to
      // wait for the next rebuild (this index's format bump) — say so in the ADR.
      removeEvent.run(e.streamName, event.data.targetEventId);
      return;
    }
    const home = homeKeyOf(e.streamName);
    if (home === undefined) return;
    const colon = home.indexOf(':');
    const data = event.data as { issueId?: unknown };
    const issueId =
      typeof data.issueId === 'string' ? data.issueId : home.startsWith('issue:') ? home.slice(colon + 1) : null;
    const consultationId = consultationOfStream(e.streamName) ?? null;
    for (const t of textsOf(event.data)) {
      insert.run(
        t.body,
        e.eventId,
        e.streamName,
        home.slice(0, colon),
        home.slice(colon + 1),
        issueId,
        event.type,
        t.field,
        t.lang,
        t.level,
        consultationId,
        e.recordedAt,
        e.validAt,
      );
    }
  }

  const addPage = db.transaction((page: readonly Envelope[]) => {
    for (const e of page) add(e);
    const last = page.at(-1);
    if (last !== undefined) {
      checkpoint = { commit: last.commit, prepare: last.prepare };
      setMeta.run('checkpoint', `${last.commit}/${last.prepare}`);
    }
  });

  return {
    catchUp(index) {
      for (;;) {
        const page = index.after(checkpoint, 1000);
        // The read index may hold envelopes at or before the checkpoint only after a rebuild of its own.
        const fresh =
          checkpoint === null
            ? page
            : page.filter((e) => compareLogAt(e.commit, e.prepare, checkpoint!.commit, checkpoint!.prepare) > 0);
        if (fresh.length === 0) return;
        addPage(fresh);
      }
    },

    search(query, reader, clearance) {
      const q = query.q.normalize('NFC').trim();
      const rank = classificationRank(clearance);
      const visible = (row: { level: string; consultation_id: string | null }): boolean =>
        classificationRank(row.level as Classification) <= rank &&
        (row.consultation_id === null || reader.sees(row.consultation_id));
      const kindFilter = query.kind === undefined ? '' : ' AND subject_kind = @kind';
      // A trigram index matches three characters or more; two are found by a LIKE scan.
      const sql =
        [...q].length >= 3
          ? `SELECT * FROM texts WHERE texts MATCH @match${kindFilter} ORDER BY bm25(texts), recorded_at DESC`
          : `SELECT * FROM texts WHERE body LIKE @like ESCAPE '\\'${kindFilter} ORDER BY recorded_at DESC`;
      const params: Record<string, string> = {
        match: `"${q.replaceAll('"', '""')}"`,
        like: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        ...(query.kind === undefined ? {} : { kind: query.kind }),
      };
      const hits: SearchHit[] = [];
      let skipped = 0;
      let more = false;
      for (const row of db.prepare(sql).iterate(params) as Iterable<Record<string, string | null>>) {
        if (!visible(row as { level: string; consultation_id: string | null })) continue;
        if (skipped < query.offset) {
          skipped += 1;
          continue;
        }
        if (hits.length >= query.limit) {
          more = true;
          break;
        }
        hits.push({
          subject: { kind: String(row['subject_kind']), id: String(row['subject_id']) },
          issueId: row['issue_id'] ?? null,
          eventId: String(row['event_id']),
          type: String(row['type']),
          field: String(row['field']),
          lang: row['lang'] === 'th' ? 'th' : 'en',
          level: row['level'] as Classification,
          snippet: snippetOf(String(row['body']), q),
          recordedAt: String(row['recorded_at']),
          validAt: String(row['valid_at']),
        });
      }
      return { hits, next: more ? query.offset + hits.length : null };
    },

    close() {
      db.close();
    },
  };
}
