import { AppError } from '../api/errors';
import { MAX_MONEY } from '../api/schemas';
import { roundCash } from './rounding';

/**
 * The one place the money of a sale is computed: quote, commit and park all call `priceSale`, and
 * commit settles its payments with `settlePayments`. The renderer never computes money itself.
 * Pure functions over integers (minor units, basis points); no database.
 *
 * Order on each line: price override → the automatic freshness markdown (none on an overridden price:
 * the cashier already set it) → the line's own discount → the client's personal discount
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
  /** the freshness markdown for old stock, minor units off the line (shop/freshness/markdown.ts) */
  markdown?: number;
  discount?: DiscountSpec;
}

export interface PricedLine {
  listPrice: number;
  unitPrice: number;
  quantity: number;
  /** the automatic freshness markdown (part of discount; needs no approval) */
  markdown: number;
  /** the line's own discount */
  lineDiscount: number;
  /** the client's personal discount on this line */
  clientDiscount: number;
  /** this line's share of the whole-sale discount */
  saleDiscount: number;
  /** every discount on the line: markdown + own + client + share of the sale's (a price override is not a discount) */
  discount: number;
  /** unitPrice × quantity − discount */
  total: number;
  /** the smallest role limit (basis points) that lets this line through: see cashierBp */
  requiredBp: number;
  /** the cashier-given reduction from list price as people read it (basis points, to the nearest 0.1 %, never below requiredBp) */
  discountBp: number;
}

export interface PricedSale {
  lines: PricedLine[];
  /** Σ list price × quantity */
  subtotal: number;
  /** Σ line discounts (markdown, own, client, sale) */
  discountTotal: number;
  /** Σ line totals, before cash rounding */
  total: number;
  /** the smallest role limit that lets every line through (compare with the role's max_discount_bp) */
  requiredBp: number;
  /** the largest cashier-given discount over the lines as people read it (for messages) */
  discountBp: number;
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
  if (amount === 0 || weights.reduce((s, w) => s + w, 0) === 0) return weights.map(() => 0);
  const shares = wholeShares(amount, weights);
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

/** Each weight's share of `amount`, rounded down, with the remainder of the division (before any leftover unit is handed out). */
function wholeShares(amount: number, weights: readonly number[]): { share: bigint; remainder: bigint }[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (amount === 0 || total === 0) return weights.map(() => ({ share: 0n, remainder: 0n }));
  const a = BigInt(amount);
  const t = BigInt(total);
  return weights.map((w) => {
    const exact = a * BigInt(w);
    return { share: exact / t, remainder: exact % t };
  });
}

function discountAmount(spec: DiscountSpec, base: number, field: string): number {
  if (spec.kind === 'percent') return percentOf(base, spec.value);
  if (spec.value > base) {
    throw new AppError('invalid_input', 'errors:sales.discountOverTotal', { field });
  }
  return spec.value;
}

/**
 * What the cashier took off a line's list price (own discount, override, share of the sale's),
 * excluding the client's fixed discount and the freshness markdown, as the smallest limit b for which "b % of the list price",
 * rounded as a percent discount is, covers it; so a 10 % discount of an odd amount, rounded up to
 * the next tetri, is still within a 10 % limit. And the same as people read it.
 */
function cashierBp(listGross: number, total: number, clientDiscount: number): { required: number; shown: number } {
  const given = listGross - total - clientDiscount;
  if (listGross === 0 || given <= 0) return { required: 0, shown: 0 };
  const required = Math.max(0, Math.ceil((given * BP - BP / 2) / listGross));
  // To the nearest 0.1 %: a 15 % discount of 3.33 is 0.50, which is 15.02 % exactly; nobody asked for that.
  const nearestTenth = Math.floor((given * BP * 2 + listGross * 10) / (listGross * 20)) * 10;
  return { required, shown: Math.max(required, nearestTenth) };
}

export function priceSale(input: { lines: readonly LineToPrice[]; discount?: DiscountSpec; clientDiscountBp: number }): PricedSale {
  const stage = input.lines.map((line, i) => {
    const unitPrice = line.unitPrice ?? line.listPrice;
    const listGross = line.listPrice * line.quantity;
    const gross = unitPrice * line.quantity;
    if (gross > MAX_MONEY || listGross > MAX_MONEY) throw tooLarge(`lines.${i}.quantity`);
    const markdown = line.unitPrice === undefined ? Math.min(line.markdown ?? 0, gross) : 0;
    const marked = gross - markdown;
    const lineDiscount = line.discount ? discountAmount(line.discount, marked, `lines.${i}.discount.value`) : 0;
    const afterLine = marked - lineDiscount;
    const clientDiscount = percentOf(afterLine, input.clientDiscountBp);
    return { line, unitPrice, listGross, gross, markdown, lineDiscount, clientDiscount, afterClient: afterLine - clientDiscount };
  });
  const subtotal = stage.reduce((s, x) => s + x.listGross, 0);
  const beforeSale = stage.reduce((s, x) => s + x.afterClient, 0);
  if (subtotal > MAX_MONEY || stage.reduce((s, x) => s + x.gross, 0) > MAX_MONEY) throw tooLarge('lines');

  const saleDiscount = input.discount ? discountAmount(input.discount, beforeSale, 'discount.value') : 0;
  const weights = stage.map((x) => x.afterClient);
  const shares = spreadProRata(saleDiscount, weights);
  const floors = wholeShares(saleDiscount, weights);

  const lines = stage.map((x, i): PricedLine => {
    const share = shares[i] ?? 0;
    const total = x.afterClient - share;
    // The unit the largest remainder hands a line is the spread's, not the cashier's: a 10 % sale discount
    // stays within a 10 % limit on every line.
    const leftoverUnit = share - Number(floors[i]?.share ?? 0n);
    // The markdown is the shop's rule, not the cashier's: like the client's discount, no limit applies to it.
    const bp = cashierBp(x.listGross, total + leftoverUnit, x.clientDiscount + x.markdown);
    return {
      listPrice: x.line.listPrice,
      unitPrice: x.unitPrice,
      quantity: x.line.quantity,
      markdown: x.markdown,
      lineDiscount: x.lineDiscount,
      clientDiscount: x.clientDiscount,
      saleDiscount: share,
      discount: x.markdown + x.lineDiscount + x.clientDiscount + share,
      total,
      requiredBp: bp.required,
      discountBp: bp.shown,
    };
  });
  return {
    lines,
    subtotal,
    discountTotal: lines.reduce((s, l) => s + l.discount, 0),
    total: lines.reduce((s, l) => s + l.total, 0),
    requiredBp: lines.reduce((m, l) => Math.max(m, l.requiredBp), 0),
    discountBp: lines.reduce((m, l) => Math.max(m, l.discountBp), 0),
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
