import { AppError } from '../api/errors';
import { MAX_MONEY } from '../api/schemas';
import { roundCash } from './rounding';

/**
 * The one place the money of a sale is computed: quote, commit and park all call `priceSale`, and
 * commit settles its payments with `settlePayments`. The renderer never computes money itself.
 * Pure functions over integers (minor units, basis points); no database.
 *
 * Order on each line: price override → the line's own discount → the client's personal discount
 * (a percent of what is left) → its share of the whole-sale discount (spread over the lines in
 * proportion to what each still costs, largest remainder, so the shares add up exactly).
 */

export type DiscountSpec = { kind: 'percent'; value: number } | { kind: 'amount'; value: number };

export interface LineToPrice {
  /** catalogue price per unit */
  listPrice: number;
  quantity: number;
  /** the overridden unit price, when the cashier changed it */
  unitPrice?: number;
  discount?: DiscountSpec;
}

export interface PricedLine {
  listPrice: number;
  unitPrice: number;
  quantity: number;
  /** the line's own discount */
  lineDiscount: number;
  /** the client's personal discount on this line */
  clientDiscount: number;
  /** this line's share of the whole-sale discount */
  saleDiscount: number;
  /** every discount on the line: own + client + share of the sale's (a price override is not a discount) */
  discount: number;
  /** unitPrice × quantity − discount */
  total: number;
  /** the cashier-given reduction from list price, excluding the client's discount, in basis points (for role limits) */
  requiredBp: number;
}

export interface PricedSale {
  lines: PricedLine[];
  /** Σ list price × quantity */
  subtotal: number;
  /** Σ line discounts (own, client, sale) */
  discountTotal: number;
  /** Σ line totals, before cash rounding */
  total: number;
  /** the largest cashier-given discount over the lines, basis points */
  requiredBp: number;
}

const BP = 10_000;

/** x × bp / 10000, halves up; x × bp stays below 2^53 for every amount the API accepts. */
export function percentOf(amount: number, bp: number): number {
  return Math.floor((amount * bp + BP / 2) / BP);
}

function tooLarge(field: string): AppError {
  return new AppError('invalid_input', 'errors:sales.amountTooLarge', { field });
}

/**
 * Splits `amount` over `weights` in proportion, in whole minor units that add up to `amount`
 * exactly: each gets the floor of its exact share, and what is left goes one unit at a time to the
 * largest remainders (ties to the earlier line). BigInt: amount × weight can pass 2^53.
 */
export function spreadProRata(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (amount === 0 || total === 0) return weights.map(() => 0);
  const a = BigInt(amount);
  const t = BigInt(total);
  const shares = weights.map((w) => {
    const exact = a * BigInt(w);
    return { share: exact / t, remainder: exact % t };
  });
  let left = amount - shares.reduce((s, x) => s + Number(x.share), 0);
  const order = shares
    .map((x, i) => ({ i, remainder: x.remainder }))
    .sort((p, q) => (p.remainder === q.remainder ? p.i - q.i : p.remainder > q.remainder ? -1 : 1));
  const out = shares.map((x) => Number(x.share));
  for (const { i } of order) {
    if (left === 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left -= 1;
  }
  return out;
}

function discountAmount(spec: DiscountSpec, base: number, field: string): number {
  if (spec.kind === 'percent') return percentOf(base, spec.value);
  if (spec.value > base) {
    throw new AppError('invalid_input', 'errors:sales.discountOverTotal', { field });
  }
  return spec.value;
}

/**
 * Basis points a line is discounted below its list price by the cashier (own discount, override,
 * share of the sale's), excluding the client's fixed discount. Half a minor unit of rounding is
 * forgiven, so "10 %" of an odd amount is still within a 10 % limit.
 */
function cashierBp(listGross: number, total: number, clientDiscount: number): number {
  if (listGross === 0) return 0;
  const given = listGross - total - clientDiscount;
  if (given <= 0) return 0;
  return Math.max(0, Math.ceil((given * BP - BP / 2) / listGross));
}

export function priceSale(input: { lines: readonly LineToPrice[]; discount?: DiscountSpec; clientDiscountBp: number }): PricedSale {
  const stage = input.lines.map((line, i) => {
    const unitPrice = line.unitPrice ?? line.listPrice;
    const listGross = line.listPrice * line.quantity;
    const gross = unitPrice * line.quantity;
    if (gross > MAX_MONEY || listGross > MAX_MONEY) throw tooLarge(`lines.${i}.quantity`);
    const lineDiscount = line.discount ? discountAmount(line.discount, gross, `lines.${i}.discount.value`) : 0;
    const afterLine = gross - lineDiscount;
    const clientDiscount = percentOf(afterLine, input.clientDiscountBp);
    return { line, unitPrice, listGross, gross, lineDiscount, clientDiscount, afterClient: afterLine - clientDiscount };
  });
  const subtotal = stage.reduce((s, x) => s + x.listGross, 0);
  const beforeSale = stage.reduce((s, x) => s + x.afterClient, 0);
  if (subtotal > MAX_MONEY || stage.reduce((s, x) => s + x.gross, 0) > MAX_MONEY) throw tooLarge('lines');

  const saleDiscount = input.discount ? discountAmount(input.discount, beforeSale, 'discount.value') : 0;
  const shares = spreadProRata(
    saleDiscount,
    stage.map((x) => x.afterClient),
  );

  const lines = stage.map((x, i): PricedLine => {
    const share = shares[i] ?? 0;
    const total = x.afterClient - share;
    return {
      listPrice: x.line.listPrice,
      unitPrice: x.unitPrice,
      quantity: x.line.quantity,
      lineDiscount: x.lineDiscount,
      clientDiscount: x.clientDiscount,
      saleDiscount: share,
      discount: x.lineDiscount + x.clientDiscount + share,
      total,
      requiredBp: cashierBp(x.listGross, total, x.clientDiscount),
    };
  });
  return {
    lines,
    subtotal,
    discountTotal: lines.reduce((s, l) => s + l.discount, 0),
    total: lines.reduce((s, l) => s + l.total, 0),
    requiredBp: lines.reduce((m, l) => Math.max(m, l.requiredBp), 0),
  };
}

export type PaymentInput = { method: 'cash'; tendered: number } | { method: 'card'; amount: number; reference?: string | undefined };

export interface SettledPayment {
  method: 'cash' | 'card';
  /** what this payment put towards the total */
  amount: number;
  /** cash: what the customer handed over */
  tendered: number | null;
  /** cash: what went back */
  change: number;
  reference: string | null;
}

export interface Settlement {
  /** what the customer pays: the total plus cash rounding */
  total: number;
  /** signed: what cash rounding added (+) or took (−) */
  rounding: number;
  change: number;
  /** one row per payment that carried money (a cash payment that nothing was left for is dropped) */
  payments: SettledPayment[];
}

/**
 * Payments against a total. Cards pay exact amounts first (never rounded: the terminal charges to
 * the tetri); what is left is the cash part, rounded to the shop's step, and the cash handed over
 * must cover it. One cash payment per sale: there is one drawer and one change.
 */
export function settlePayments(total: number, payments: readonly PaymentInput[], cashStep: number): Settlement {
  const cash = payments.filter((p) => p.method === 'cash');
  if (cash.length > 1) throw new AppError('invalid_input', 'errors:sales.oneCashPayment', { field: 'payments' });
  let card = 0;
  const settled: SettledPayment[] = [];
  payments.forEach((p, i) => {
    if (p.method !== 'card') return;
    card += p.amount;
    if (card > total) throw new AppError('invalid_input', 'errors:sales.cardOverTotal', { field: `payments.${i}.amount` });
    settled.push({ method: 'card', amount: p.amount, tendered: null, change: 0, reference: p.reference ?? null });
  });
  const left = total - card;
  const cashPayment = cash[0];
  if (!cashPayment) {
    if (left > 0) throw new AppError('invalid_input', 'errors:sales.underpaid', { field: 'payments' });
    return { total, rounding: 0, change: 0, payments: settled };
  }
  const due = roundCash(left, cashStep);
  if (cashPayment.tendered < due) throw new AppError('invalid_input', 'errors:sales.underpaid', { field: 'payments' });
  const change = cashPayment.tendered - due;
  if (due > 0) settled.push({ method: 'cash', amount: due, tendered: cashPayment.tendered, change, reference: null });
  // In the order the cashier entered them (the receipt lists them so).
  const ordered = payments.map((p) => p.method);
  settled.sort((a, b) => ordered.indexOf(a.method) - ordered.indexOf(b.method));
  return { total: card + due, rounding: due - left, change, payments: settled };
}
