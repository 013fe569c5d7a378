import { localeFor } from './locale';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = localeFor(language);
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
export function formatDate(value: string | Date, language: string): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(language, { dateStyle: 'medium' }).format(d);
}

/** Date and time, minutes precision: what a shop needs for "updated at" and the audit log. */
export function formatDateTime(value: string | Date, language: string): string {
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
