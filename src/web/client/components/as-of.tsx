// The "as of" control shared by the board, the issue page and the brief: a date and one of the two
// clocks ("in force on" / "as the ledger showed on"), kept in the URL (?asOf=2021-12-28&axis=valid)
// so a page showing the past can be shared, and sent to the API as they are, so the page shows
// exactly what the API answers for that point.
import { useI18n } from '../i18n/i18n.js';
import { todayInBangkok } from '../i18n/format.js';
import { setQuery, useLocation } from '../router.js';
import { DateInput, YearReadNote, useYearRead } from './date-input.js';

export interface AsOf {
  readonly asOf: string | undefined;
  readonly axis: 'valid' | 'recorded';
}

export function useAsOf(): AsOf {
  const { query } = useLocation();
  const asOf = query.get('asOf') ?? undefined;
  return { asOf: asOf === '' ? undefined : asOf, axis: query.get('axis') === 'recorded' ? 'recorded' : 'valid' };
}

/** The read query of an as-of choice. */
export function asOfQuery(a: AsOf): Record<string, string | undefined> {
  return a.asOf === undefined ? (a.axis === 'recorded' ? { axis: 'recorded' } : {}) : { asOf: a.asOf, axis: a.axis };
}

export function AsOfPicker() {
  const i18n = useI18n();
  const a = useAsOf();
  const [yearRead, setYearRead] = useYearRead();
  const showing =
    a.asOf === undefined
      ? i18n.t('showingNow')
      : i18n.t(a.axis === 'valid' ? 'showingValid' : 'showingRecorded', { date: i18n.date(a.asOf) });
  return (
    <form class="as-of" role="search" aria-label={i18n.t('asOfLegend')} onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{i18n.t('asOfLegend')}</legend>
        <div class="as-of-row">
          <label class="inline">
            <span>{i18n.t('asOfDate')}</span>
            <DateInput
              name="asOf"
              value={a.asOf ?? ''}
              max={todayInBangkok()}
              onValue={(value) => setQuery({ asOf: value === '' ? undefined : value })}
              onYearRead={setYearRead}
            />
          </label>
          <span class="radios" role="radiogroup" aria-label={i18n.t('asOfLegend')}>
            <label class="inline">
              <input
                type="radio"
                name="axis"
                value="valid"
                checked={a.axis === 'valid'}
                onChange={() => setQuery({ axis: undefined })}
              />
              <span>{i18n.t('axisValid')}</span>
            </label>
            <label class="inline">
              <input
                type="radio"
                name="axis"
                value="recorded"
                checked={a.axis === 'recorded'}
                onChange={() => setQuery({ axis: 'recorded' })}
              />
              <span>{i18n.t('axisRecorded')}</span>
            </label>
          </span>
          {a.asOf !== undefined ? (
            <button type="button" class="link-button" onClick={() => setQuery({ asOf: undefined, axis: undefined })}>
              {i18n.t('asOfNow')}
            </button>
          ) : null}
        </div>
        <p class="as-of-showing" aria-live="polite" data-testid="as-of-showing">
          {showing}
        </p>
        <YearReadNote read={yearRead} value={a.asOf ?? ''} />
      </fieldset>
    </form>
  );
}
