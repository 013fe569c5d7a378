import { hasLocaleData, numberLocaleFor } from './locale';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = numberLocaleFor(language);
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** A plain count or measure in the UI language's digits and grouping. */
export function formatNumber(value: number, language: string, maximumFractionDigits = 2): string {
  return numberFormat(language, { maximumFractionDigits }).format(value);
}

/** A stem length: "60 cm" / "60 см" / "60 სმ", with the unit name from CLDR where the runtime has it. */
export function formatCentimetres(value: number, language: string): string {
  if (!hasLocaleData(language)) {
    const lang = language.split('-')[0] ?? language;
    return `${formatNumber(value, language)}\u00A0${CENTIMETRE[lang] ?? 'cm'}`;
  }
  return numberFormat(language, { style: 'unit', unit: 'centimeter', unitDisplay: 'short' }).format(value);
}

// For runtimes without the language's CLDR data (see FALLBACK_LOCALE); the same words CLDR uses.
const CENTIMETRE: Readonly<Record<string, string>> = { en: 'cm', ru: 'см', ka: 'სმ', kk: 'см', uz: 'sm' };
