import { FALLBACK_LOCALE, hasLocaleData, localeFor, runtimeDecimalMark, type LocaleProbe } from './locale';

const cache = new Map<string, Intl.DateTimeFormat>();

// Where the runtime lacks the language's month names, the numeric date every one of these countries uses.
const NUMERIC_DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const NUMERIC_TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

function dateFormat(language: string, options: Intl.DateTimeFormatOptions, probe: LocaleProbe): Intl.DateTimeFormat {
  let locale = localeFor(language);
  if (!hasLocaleData(language, probe)) {
    locale = FALLBACK_LOCALE;
    options = options.timeStyle ? { ...NUMERIC_DATE, ...NUMERIC_TIME } : NUMERIC_DATE;
  }
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** "22 Nov 2026" / "22 нояб. 2026 г." / "22 ნოე. 2026". Invalid input gives "", never "Invalid Date". */
export function formatDate(value: string | Date, language: string, probe: LocaleProbe = runtimeDecimalMark): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(language, { dateStyle: 'medium' }, probe).format(d);
}

/** Date and time, minutes precision: what a shop needs for "updated at" and the audit log. */
export function formatDateTime(value: string | Date, language: string, probe: LocaleProbe = runtimeDecimalMark): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(language, { dateStyle: 'medium', timeStyle: 'short' }, probe).format(d);
}
