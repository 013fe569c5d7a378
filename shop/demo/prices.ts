import type { Currency } from '../api/schemas';

/**
 * Demo prices are written once, in Georgian tetri, and converted for the demo shop's currency.
 * The rates are fixed (roughly late-2025 market rates) so that the demo, its tests and the
 * benchmarks always see the same numbers; this is demo data, not an exchange-rate service.
 */
export const UNITS_PER_GEL: Readonly<Record<Currency, number>> = {
  GEL: 1,
  KZT: 190,
  UZS: 4700,
  RUB: 30,
  USD: 0.37,
  EUR: 0.32,
};

/**
 * The step a shop in that country rounds its shelf prices to, in minor units (every currency
 * here has 100 minor units): nobody prices a rose at 1,137.40 tenge.
 */
function roundingStep(currency: Currency, minor: number): number {
  const major = minor / 100;
  switch (currency) {
    case 'GEL':
      return major < 20 ? 10 : 50; // 10 tetri below 20 lari, half a lari above
    case 'KZT':
      return major < 1000 ? 50_00 : 100_00;
    case 'UZS':
      return 1000_00;
    case 'RUB':
      return major < 100 ? 1_00 : major < 1000 ? 10_00 : 50_00;
    case 'USD':
    case 'EUR':
      return major < 10 ? 10 : 50;
  }
}

/** Converts a price in tetri to minor units of `currency`, rounded the local way. Free stays free; nothing else rounds to zero. */
export function demoPrice(tetri: number, currency: Currency): number {
  if (tetri <= 0) return 0;
  const exact = tetri * UNITS_PER_GEL[currency];
  const step = roundingStep(currency, exact);
  return Math.max(step, Math.round(exact / step) * step);
}
