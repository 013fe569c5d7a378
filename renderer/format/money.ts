import { numberLocaleFor, runtimeDecimalMark, type LocaleProbe } from './locale';

/**
 * Money is an integer count of minor units (tetri, tiyn, kopecks, cents) everywhere in Posy.
 * These helpers are the only place it becomes text or comes back from text, and they do it on
 * decimal strings, never by multiplying or dividing floats (0.29 * 100 is 28.999999999999996).
 */

/** ISO 4217 minor-unit exponents of the currencies a shop can use (all six are 2). */
const EXPONENT: Readonly<Record<string, number>> = { GEL: 2, KZT: 2, UZS: 2, RUB: 2, USD: 2, EUR: 2 };

// Tenge and sum prices are whole in practice (tiyn coins are gone): show "1 200 ₸", not "1 200,00 ₸".
const WHOLE_WHEN_ROUND = new Set(['KZT', 'UZS']);

export function currencyExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

/** Minor units as an exact decimal string: 123456 → "1234.56", -5 → "-0.05" (exponent 2). */
export function minorToDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be a safe integer, got ${minor}`);
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, currency: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${fractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Currency signs as a counter writes them, the same on every runtime (CLDR differs between ICU
 * builds: Russian data still has "ლ" for the lari, Chromium's reduced data has no "soʻm").
 */
const SIGN: Readonly<Record<string, string>> = { GEL: '₾', KZT: '₸', RUB: '₽', USD: '$', EUR: '€' };
const SUM_SIGN: Readonly<Record<string, string>> = { uz: 'soʻm', ru: 'сум', kk: 'сум' };

function currencySign(currency: string, language: string): string | undefined {
  if (currency === 'UZS') return SUM_SIGN[language.split('-')[0] ?? language];
  return SIGN[currency];
}

/** "12,50 ₾" for 1250 GEL in Georgian, "₾12.50" in English, "1 200 ₸" for 120000 KZT in Kazakh. */
export function formatMoney(minor: number, currency: string, language: string, probe: LocaleProbe = runtimeDecimalMark): string {
  const exponent = currencyExponent(currency);
  const whole = WHOLE_WHEN_ROUND.has(currency) && minor % 10 ** exponent === 0;
  const f = formatter(numberLocaleFor(language, probe), currency, whole ? 0 : exponent);
  // Intl formats a decimal string exactly (no float rounding on large amounts).
  const parts = f.formatToParts(minorToDecimalString(minor, currency) as Intl.StringNumericLiteral);
  const sign = currencySign(currency, language);
  return parts.map((p) => (p.type === 'currency' && sign ? sign : p.value)).join('');
}

/** The amount alone, for a money input's value: "12.50" / "12,50" in the locale's decimal mark, no grouping. */
export function formatMoneyForInput(minor: number, currency: string, language: string): string {
  const text = minorToDecimalString(minor, currency);
  return text.replace('.', decimalSeparator(language));
}

export function decimalSeparator(language: string): string {
  return runtimeDecimalMark(numberLocaleFor(language));
}

export type MoneyParseError = 'empty' | 'invalid' | 'negative' | 'tooManyDecimals' | 'tooLarge';
export type MoneyParseResult = { ok: true; minor: number } | { ok: false; error: MoneyParseError };

// Spaces of every width and the apostrophe are only ever thousands separators in a typed price.
const GROUPING_NOISE = /[\s\u00A0\u202F\u2009'’]/g;
// Currency signs and codes people may type or paste along with the amount.
const CURRENCY_MARKS = /(₾|₸|₽|\$|€|ლ|GEL|KZT|UZS|RUB|USD|EUR|soʻm|so'm|сум|сўм|руб\.?|р\.|тг|лари)/giu;

/**
 * A typed price back to minor units, exactly: "12,50", "12.50", "1 200", "1.200,50", "1,200.50", "₾ 3".
 * One separator followed by exactly three digits ("1.200", "1,200") is a thousands separator: no
 * currency here has three decimals, so that is the only reading that is a price.
 */
export function parseMoney(text: string, currency: string): MoneyParseResult {
  const exponent = currencyExponent(currency);
  let s = text.replace(CURRENCY_MARKS, '').replace(GROUPING_NOISE, '');
  if (s === '') return { ok: false, error: 'empty' };
  if (/^[-−–]/.test(s)) {
    return /\d/.test(s) ? { ok: false, error: 'negative' } : { ok: false, error: 'invalid' };
  }
  if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, error: 'invalid' };

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let fracPart = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the later one is the decimal mark, the other must only group digits before it.
    const decimalAt = Math.max(lastDot, lastComma);
    const grouping = decimalAt === lastDot ? ',' : '.';
    intPart = s.slice(0, decimalAt);
    fracPart = s.slice(decimalAt + 1);
    if (fracPart.includes(grouping) || !validGrouping(intPart, grouping)) return { ok: false, error: 'invalid' };
    intPart = intPart.split(grouping).join('');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const pieces = s.split(mark);
    const head = pieces[0] ?? '';
    const tail = pieces[pieces.length - 1] ?? '';
    const isGrouping = pieces.length > 2 || (tail.length === 3 && head !== '' && head !== '0');
    if (isGrouping) {
      if (!validGrouping(s, mark)) return { ok: false, error: 'invalid' };
      intPart = pieces.join('');
    } else {
      intPart = head;
      fracPart = tail;
    }
  } else {
    intPart = s;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart) || intPart + fracPart === '') {
    return { ok: false, error: 'invalid' };
  }
  // "12.500" cannot reach here (grouping), but "0.505" or "12.5000" can: extra zeros are harmless, other digits are not.
  if (fracPart.length > exponent) {
    if (/[^0]/.test(fracPart.slice(exponent))) return { ok: false, error: 'tooManyDecimals' };
    fracPart = fracPart.slice(0, exponent);
  }
  const digits = (intPart + fracPart.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { ok: false, error: 'tooLarge' };
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: 'tooLarge' };
  return { ok: true, minor };
}

/** "1.234.567" groups by threes after a first group of one to three digits. */
function validGrouping(s: string, mark: string): boolean {
  const groups = s.split(mark);
  if (groups.length === 1) return true;
  const [first, ...rest] = groups;
  return first !== undefined && /^\d{1,3}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g));
}
