import { localeFor } from './locale';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = localeFor(language);
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

/** A stem length: "60 cm" / "60 см" / "60 სმ", with the unit name from CLDR rather than our translations. */
export function formatCentimetres(value: number, language: string): string {
  return numberFormat(language, { style: 'unit', unit: 'centimeter', unitDisplay: 'short' }).format(value);
}
