import type { Currency } from '../api/schemas';

/**
 * Cash rounding: the step, in minor units, that a cash payment is rounded to when the coins below it
 * are not in use. Card payments are never rounded. A shop may change its own step
 * (`shops.cash_rounding`); these are the defaults a new shop starts with.
 *
 * - GEL: 1 and 2 tetri coins have all but vanished from change drawers; 5 tetri is the smallest in use.
 * - KZT: tiyn are not in circulation; whole tenge.
 * - UZS: tiyin are not in circulation and the smallest coins seen are 100 so'm; 100 so'm.
 * - RUB: kopecks are rarely handed out; whole roubles.
 * - USD, EUR: every cent.
 */
export const DEFAULT_CASH_ROUNDING: Readonly<Record<Currency, number>> = {
  GEL: 5,
  KZT: 100,
  UZS: 100_00,
  RUB: 100,
  USD: 1,
  EUR: 1,
};

export function defaultCashRounding(currency: Currency): number {
  return DEFAULT_CASH_ROUNDING[currency];
}

/** The nearest multiple of `step`, halves up (Swedish rounding): the shop and the customer lose alike. */
export function roundCash(amount: number, step: number): number {
  if (step <= 1) return amount;
  const q = Math.floor(amount / step);
  const r = amount - q * step;
  return (2 * r >= step ? q + 1 : q) * step;
}
