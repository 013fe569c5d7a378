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

/** `language` is an i18next language code ('ka', or a longer tag like 'ka-GE'); unknown ones format as English. */
export function localeFor(language: string): string {
  const base = language.split('-')[0] ?? language;
  return LOCALE_BY_LANGUAGE[base] ?? 'en-GB';
}
