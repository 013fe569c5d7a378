/**
 * Money on a receipt: "1 250.00 GEL". The currency CODE, never a sign: ₾ and ₸ are in no printer code
 * page, and a text line with one would have to become an image. Digits are grouped with a plain space,
 * which every code page holds. Done on the integer, never through floats.
 */
const EXPONENT: Readonly<Record<string, number>> = { GEL: 2, KZT: 2, UZS: 2, RUB: 2, USD: 2, EUR: 2 };

export function receiptAmount(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be a safe integer, got ${minor}`);
  const exponent = 2;
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, -exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole}.${digits.slice(-exponent)}`;
}

/** `minor` in `currency`, with the code: receiptMoney(1250, 'GEL') → "12.50 GEL". */
export function receiptMoney(minor: number, currency: string): string {
  const exponent = EXPONENT[currency] ?? 2;
  if (exponent !== 2) throw new Error(`receipt money: unexpected exponent ${exponent} for ${currency}`);
  return `${receiptAmount(minor)} ${currency}`;
}
