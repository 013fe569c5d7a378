/**
 * The Intl locale each UI language formats numbers, money and dates in. Kept here, next to the
 * formatters, because it is a formatting decision (which region's conventions), not a translation.
 */
const LOCALE_BY_LANGUAGE: Readonly<Record<string, string>> = {
  en: 'en-GB',
  ru: 'ru-RU',
  ka: 'ka-GE',
  kk: 'kk-KZ',
  uz: 'uz-Latn-UZ',
};

/** The decimal mark each language writes; a runtime whose Intl gives another one lacks that locale's data. */
const DECIMAL_MARK: Readonly<Record<string, string>> = { en: '.', ru: ',', ka: ',', kk: ',', uz: ',' };

/**
 * Chromium (and so Electron) ships a reduced ICU: Georgian is missing and Kazakh and Uzbek have no
 * number or date data, so `ka-GE` silently formats as American English ("₾2.50", "Nov 22, 2026").
 * Georgia, Kazakhstan and Uzbekistan write numbers like Russia (1 234,50; 22.11.2026), so where the
 * runtime lacks a locale's data its numbers are formatted with ru-RU's conventions instead.
 */
export const FALLBACK_LOCALE = 'ru-RU';

function base(language: string): string {
  return (language.split('-')[0] ?? language).toLowerCase();
}

/** `language` is an i18next language code ('ka', or a longer tag like 'ka-GE'); unknown ones format as English. */
export function localeFor(language: string): string {
  return LOCALE_BY_LANGUAGE[base(language)] ?? 'en-GB';
}

export type LocaleProbe = (locale: string) => string;

/** The decimal mark this runtime's Intl actually produces for a locale. */
export const runtimeDecimalMark: LocaleProbe = (locale) =>
  new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';

const dataCache = new Map<string, boolean>();

/** Whether this runtime has the language's own number and date conventions (see FALLBACK_LOCALE). */
export function hasLocaleData(language: string, probe: LocaleProbe = runtimeDecimalMark): boolean {
  const lang = LOCALE_BY_LANGUAGE[base(language)] ? base(language) : 'en';
  if (probe !== runtimeDecimalMark) return probe(localeFor(lang)) === DECIMAL_MARK[lang];
  let known = dataCache.get(lang);
  if (known === undefined) {
    known = probe(localeFor(lang)) === DECIMAL_MARK[lang];
    dataCache.set(lang, known);
  }
  return known;
}

/** The locale to hand to Intl for numbers and money in `language` on this runtime. */
export function numberLocaleFor(language: string, probe: LocaleProbe = runtimeDecimalMark): string {
  return hasLocaleData(language, probe) ? localeFor(language) : FALLBACK_LOCALE;
}
