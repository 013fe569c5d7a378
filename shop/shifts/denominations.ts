import type { Currency } from '../api/schemas';

/**
 * The notes and coins a cashier counts at close, in minor units (all our currencies store two
 * minor digits), largest first. Only what is in circulation at a counter: rare notes a shop never
 * sees would just lengthen the counting screen.
 */
export interface Denominations {
  currency: Currency;
  notes: number[];
  coins: number[];
}

const major = (...values: number[]) => values.map((v) => v * 100);

const TABLE: Record<Currency, Omit<Denominations, 'currency'>> = {
  // lari notes; lari and tetri coins
  GEL: { notes: major(200, 100, 50, 20, 10, 5), coins: [...major(2, 1), 50, 20, 10, 5, 2, 1] },
  // tenge: 500 and up as notes, 200 down as coins
  KZT: { notes: major(20000, 10000, 5000, 2000, 1000, 500), coins: major(200, 100, 50, 20, 10, 5, 2, 1) },
  // so'm: no fractional coins circulate
  UZS: { notes: major(200000, 100000, 50000, 20000, 10000, 5000, 2000, 1000), coins: major(500, 200, 100, 50) },
  RUB: { notes: major(5000, 2000, 1000, 500, 200, 100, 50), coins: [...major(10, 5, 2, 1), 50, 10] },
  USD: { notes: major(100, 50, 20, 10, 5, 2, 1), coins: [50, 25, 10, 5, 1] },
  EUR: { notes: major(500, 200, 100, 50, 20, 10, 5), coins: [...major(2, 1), 50, 20, 10, 5, 2, 1] },
};

export function denominationsOf(currency: Currency): Denominations {
  const { notes, coins } = TABLE[currency];
  return { currency, notes: [...notes], coins: [...coins] };
}

export function isDenomination(currency: Currency, value: number): boolean {
  const { notes, coins } = TABLE[currency];
  return notes.includes(value) || coins.includes(value);
}
