// The browser's date field counts years in the common era, and a Thai reader types the Buddhist Era: 23/01/2567
// would ask the ledger about the year 2567 (and a read answers 400). Every date field of the workspace goes through
// DateInput: a year from 2400 on is read as the Buddhist Era (format.ts typedDate) and the field then holds the
// common-era date. YearRead, placed by the page outside the field's label (it would become part of the field's
// name), says how the year was read, in the reader's language and calendar, while the field holds that date.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import { typedDate } from '../i18n/format.js';

/** A Buddhist Era year the reader typed, and the date it was read as. */
export interface YearRead {
  readonly typed: number;
  readonly value: string;
}

export interface DateInputProps {
  readonly name: string;
  readonly value: string;
  /** The date as the ledger should read it (YYYY-MM-DD), or '' when the field was emptied. */
  readonly onValue: (value: string) => void;
  /** How the last change was read: a Buddhist Era year, or null. */
  readonly onYearRead?: ((read: YearRead | null) => void) | undefined;
  readonly id?: string | undefined;
  readonly max?: string | undefined;
  readonly disabled?: boolean | undefined;
  readonly 'aria-invalid'?: 'true' | undefined;
  readonly 'aria-describedby'?: string | undefined;
}

export function DateInput({ onValue, onYearRead, ...input }: DateInputProps) {
  return (
    <input
      type="date"
      {...input}
      onChange={(e) => {
        const typed = typedDate(e.currentTarget.value);
        onYearRead?.(typed.buddhistYear === undefined ? null : { typed: typed.buddhistYear, value: typed.value });
        onValue(typed.value);
      }}
    />
  );
}

/** The state a page keeps for YearRead. */
export function useYearRead(): [YearRead | null, (read: YearRead | null) => void] {
  return useState<YearRead | null>(null);
}

/** "Year 2564 read as the Buddhist Era: 28 Dec 2021", while the field still holds `value`; empty otherwise. */
export function YearReadNote({ read, value, id }: { read: YearRead | null; value: string; id?: string }) {
  const i18n = useI18n();
  const shown = read !== null && read.value === value;
  return (
    <span id={id} class="date-note" role="status">
      {shown ? i18n.t('buddhistYearRead', { typed: read.typed, date: i18n.date(read.value) }) : ''}
    </span>
  );
}
