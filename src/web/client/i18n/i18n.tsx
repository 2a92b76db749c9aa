// The reader's language and digits, and the functions every page writes text with. Thai first;
// the choice is kept in this browser (localStorage: it is a preference, not a secret).
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { digits, formatDate, formatDateTime, type DateForm, type Lang, type Style } from './format.js';
import type { LabelKind } from '../../vocabulary-shape.js';
import { messages, valueNames, type MessageKey, type Text, type ValueKind } from './messages.js';

export interface I18n {
  readonly lang: Lang;
  readonly style: Style;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A text of the ledger in the reader's language. */
  text(value: Text | null | undefined): string;
  date(value: string | null | undefined, form?: DateForm): string;
  dateTime(value: string | null | undefined): string;
  num(value: number | string): string;
  /** Names of values: stances, authorities, agencies, classifications, urgencies, and valueNames' kinds. */
  name(
    kind: 'stance' | 'authority' | 'agency' | 'classification' | 'urgency' | LabelKind | ValueKind,
    id: string | null | undefined,
  ): string;
  /** Choices for a select: each value (an id, or an entry of the vocabulary with one) with its name. */
  options(
    kind: Parameters<I18n['name']>[0],
    values: readonly (string | { readonly id: string })[],
  ): { value: string; label: string }[];
  /** An agency's short name (Thai abbreviation in Thai, code in English). */
  agency(code: string): string;
  setLang(lang: Lang): void;
  setThaiDigits(on: boolean): void;
}

const byId = (list: readonly { id: string; th: string; en: string }[]) => new Map(list.map((n) => [n.id, n]));
const contractNames = {
  stance: byId(vocabulary.stances),
  authority: byId(vocabulary.authorities),
  agency: byId(vocabulary.agencies),
  classification: byId(vocabulary.classifications),
  urgency: byId(vocabulary.urgencies),
};
const abbreviations = new Map(vocabulary.agencies.map((a) => [a.id, a.abbrev]));

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // A browser that keeps nothing: the choice lasts this page only.
  }
}

export function createI18n(
  lang: Lang,
  thaiDigits: boolean,
  setLang: (l: Lang) => void,
  setThaiDigits: (on: boolean) => void,
): I18n {
  const style: Style = { lang, thaiDigits };
  const num = (value: number | string) => digits(value, style);
  const numbers = (params: Record<string, string | number>) =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? num(v) : v]));
  return {
    lang,
    style,
    t: (key, params = {}) => fill(messages[key][lang], numbers(params)),
    text: (value) => (value === null || value === undefined ? '' : value[lang]),
    date: (value, form = 'long') => (value === null || value === undefined ? '' : formatDate(value, style, form)),
    dateTime: (value) => (value === null || value === undefined ? '' : formatDateTime(value, style)),
    num,
    name(kind, id) {
      if (id === null || id === undefined) return '';
      const names: ReadonlyMap<string, Text> | Readonly<Record<string, Text>> =
        kind in contractNames
          ? contractNames[kind as keyof typeof contractNames]
          : kind in vocabulary.labels
            ? vocabulary.labels[kind as LabelKind]
            : valueNames[kind as ValueKind];
      const found = names instanceof Map ? names.get(id) : (names as Readonly<Record<string, Text>>)[id];
      return found === undefined ? id : found[lang];
    },
    options(kind, values) {
      return values.map((v) => {
        const id = typeof v === 'string' ? v : v.id;
        return { value: id, label: this.name(kind, id) };
      });
    },
    agency: (code) => (lang === 'th' ? (abbreviations.get(code) ?? contractNames.agency.get(code)?.th ?? code) : code),
    setLang,
    setThaiDigits,
  };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLang] = useState<Lang>(() => (stored('pl.lang') === 'en' ? 'en' : 'th'));
  const [thaiDigits, setThaiDigits] = useState(() => stored('pl.thaiDigits') === 'true');
  useEffect(() => {
    document.documentElement.lang = lang;
    store('pl.lang', lang);
  }, [lang]);
  useEffect(() => store('pl.thaiDigits', String(thaiDigits)), [thaiDigits]);
  const i18n = useMemo(() => createI18n(lang, thaiDigits, setLang, setThaiDigits), [lang, thaiDigits]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
