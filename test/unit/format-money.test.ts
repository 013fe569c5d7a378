import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatMoney,
  formatMoneyForInput,
  minorToDecimalString,
  parseMoney,
} from '../../renderer/format/money';
import { formatDate, formatDateTime } from '../../renderer/format/dates';
import { formatCentimetres, formatNumber } from '../../renderer/format/numbers';
import { localeFor, numberLocaleFor, runtimeDecimalMark } from '../../renderer/format/locale';

// Intl puts no-break spaces (U+00A0, U+202F) between groups and before signs; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');

describe('minorToDecimalString', () => {
  it('writes minor units as an exact decimal', () => {
    expect(minorToDecimalString(0, 'GEL')).toBe('0.00');
    expect(minorToDecimalString(5, 'GEL')).toBe('0.05');
    expect(minorToDecimalString(1250, 'GEL')).toBe('12.50');
    expect(minorToDecimalString(-1250, 'EUR')).toBe('-12.50');
    expect(minorToDecimalString(100_000_000_000, 'UZS')).toBe('1000000000.00');
  });
  it('refuses fractions of a minor unit', () => {
    expect(() => minorToDecimalString(1.5, 'GEL')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('uses the UI language locale and the shop currency', () => {
    expect(plain(formatMoney(1250, 'GEL', 'ka'))).toBe('12,50 ₾');
    expect(plain(formatMoney(1250, 'GEL', 'en'))).toBe('₾12.50');
    expect(plain(formatMoney(123456789, 'RUB', 'ru'))).toBe('1 234 567,89 ₽');
    expect(plain(formatMoney(199, 'USD', 'en'))).toBe('$1.99');
    expect(plain(formatMoney(1000, 'EUR', 'kk'))).toBe('10,00 €');
  });
  it('shows tenge and sum without decimals when whole, with them when not', () => {
    expect(plain(formatMoney(120_000, 'KZT', 'kk'))).toBe('1 200 ₸');
    expect(plain(formatMoney(120_050, 'KZT', 'kk'))).toBe('1 200,50 ₸');
    expect(plain(formatMoney(1_500_000, 'UZS', 'uz'))).toBe('15 000 soʻm');
  });
  it('writes the lari sign ₾ in Russian too', () => {
    expect(plain(formatMoney(1250, 'GEL', 'ru'))).toBe('12,50 ₾');
  });
  it('formats large amounts exactly (no float rounding)', () => {
    expect(plain(formatMoney(999_999_999_999_99, 'USD', 'en'))).toBe('$999,999,999,999.99');
  });
  it('falls back to English conventions for an unknown language', () => {
    expect(localeFor('xx')).toBe('en-GB');
    expect(localeFor('ka-GE')).toBe('ka-GE');
  });
});

describe('parseMoney', () => {
  const ok = (text: string, minor: number, currency = 'GEL') =>
    expect(parseMoney(text, currency), text).toEqual({ ok: true, minor });
  const bad = (text: string, error: string, currency = 'GEL') =>
    expect(parseMoney(text, currency), text).toEqual({ ok: false, error });

  it('reads decimal commas and points', () => {
    ok('12,50', 1250);
    ok('12.50', 1250);
    ok('12,5', 1250);
    ok('12', 1200);
    ok('0,05', 5);
    ok('.5', 50);
    ok('5.', 500);
    ok('0.29', 29); // 0.29 * 100 in floats is 28.999999999999996
    ok('1.15', 115); // 1.15 * 100 is 114.99999999999999
  });
  it('reads thousands separators: spaces, apostrophes, and a mark followed by three digits', () => {
    ok('1 200', 120_000);
    ok('1\u00A0200,50', 120_050);
    ok('1\u202F234\u202F567,89', 123_456_789);
    ok("1'200", 120_000);
    ok('1.200', 120_000);
    ok('1,200', 120_000);
    ok('1.200.000', 120_000_000);
    ok('1,200.50', 120_050);
    ok('1.200,50', 120_050);
  });
  it('ignores a currency sign or code typed with the amount', () => {
    ok('₾ 12,50', 1250);
    ok('12.50 GEL', 1250);
    ok('1 200 ₸', 120_000, 'KZT');
    ok("15 000 so'm", 1_500_000, 'UZS');
    ok('99,90 руб.', 9990, 'RUB');
  });
  it('accepts surplus zero decimals, refuses real sub-minor amounts', () => {
    ok('0.500', 50);
    ok('12.5000', 1250);
    bad('0.505', 'tooManyDecimals');
    bad('12,3456', 'tooManyDecimals');
  });
  it('refuses what is not a price', () => {
    bad('', 'empty');
    bad('   ', 'empty');
    bad('abc', 'invalid');
    bad('12a', 'invalid');
    bad('1,2,3', 'invalid');
    bad('12,50,00', 'invalid');
    bad('1.2.3,4', 'invalid');
    bad('.', 'invalid');
    bad('-5', 'negative');
    bad('−5,00', 'negative');
    bad('1e5', 'invalid');
    bad('99999999999999999', 'tooLarge');
  });
  it('round-trips every amount through the input format in every language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_000 }),
        fc.constantFrom('en', 'ru', 'ka', 'kk', 'uz'),
        fc.constantFrom('GEL', 'KZT', 'UZS', 'RUB', 'USD', 'EUR'),
        (minor, language, currency) => {
          expect(parseMoney(formatMoneyForInput(minor, currency, language), currency)).toEqual({ ok: true, minor });
        },
      ),
    );
  });
  it('round-trips the displayed text too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_000 }),
        fc.constantFrom('en', 'ru', 'ka', 'kk', 'uz'),
        fc.constantFrom('GEL', 'KZT', 'UZS', 'RUB', 'USD', 'EUR'),
        (minor, language, currency) => {
          expect(parseMoney(formatMoney(minor, currency, language), currency)).toEqual({ ok: true, minor });
        },
      ),
    );
  });
});

describe('numbers and dates', () => {
  it('formats lengths and counts per language', () => {
    expect(plain(formatCentimetres(60, 'ka'))).toBe('60 სმ');
    expect(plain(formatCentimetres(60, 'ru'))).toBe('60 см');
    expect(plain(formatNumber(1234.5, 'ru'))).toBe('1 234,5');
  });
  it('formats dates and never prints "Invalid Date"', () => {
    expect(formatDate('2026-11-22T10:00:00Z', 'en')).toBe('22 Nov 2026');
    expect(formatDate('not a date', 'en')).toBe('');
    expect(formatDateTime('2026-11-22T10:05:00Z', 'en')).toMatch(/22 Nov 2026/);
  });
});

describe('runtimes without a locale\'s data (Chromium and Electron ship a reduced ICU)', () => {
  // What Chromium 156 does: ka-GE resolves to en-US, kk and uz have no number symbols ("2.50").
  const chromiumLike = (locale: string) => (/^(ka|kk|uz)/.test(locale) ? '.' : runtimeDecimalMark(locale));

  it('formats numbers with Russian conventions instead of falling into American English', () => {
    expect(numberLocaleFor('ka', chromiumLike)).toBe('ru-RU');
    expect(numberLocaleFor('kk', chromiumLike)).toBe('ru-RU');
    expect(numberLocaleFor('en', chromiumLike)).toBe('en-GB');
    expect(numberLocaleFor('ka')).toBe('ka-GE'); // Node has full ICU
    expect(plain(formatMoney(1250, 'GEL', 'ka', chromiumLike))).toBe('12,50 ₾');
    expect(plain(formatMoney(120_000, 'KZT', 'kk', chromiumLike))).toBe('1 200 ₸');
    expect(plain(formatMoney(1_500_000, 'UZS', 'uz', chromiumLike))).toBe('15 000 soʻm');
  });
  it('writes dates numerically rather than with English month names', () => {
    expect(formatDate('2026-11-22T10:00:00Z', 'ka', chromiumLike)).toBe('22.11.2026');
    expect(formatDateTime('2026-11-22T10:05:00Z', 'kk', chromiumLike)).toMatch(/^22\.11\.2026, \d\d:05$/);
    expect(formatDate('2026-11-22T10:00:00Z', 'ka')).toMatch(/ნოე/);
  });
});
