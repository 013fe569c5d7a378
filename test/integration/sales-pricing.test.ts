import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shop/api/errors';
import { percentOf, priceSale, settlePayments, spreadProRata } from '../../shop/sales/pricing';
import { DEFAULT_CASH_ROUNDING, roundCash } from '../../shop/sales/rounding';

/** The one pricing module, case by case and by property (pure: no database needed). */

function refusal(fn: () => unknown): { messageKey: string; field?: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { messageKey: e.messageKey, field: e.field };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('cash rounding', () => {
  it('rounds to the nearest step, halves up', () => {
    expect(roundCash(1234, 5)).toBe(1235);
    expect(roundCash(1232, 5)).toBe(1230);
    expect(roundCash(1232, 1)).toBe(1232);
    expect(roundCash(12_349, 100)).toBe(12_300);
    expect(roundCash(12_350, 100)).toBe(12_400);
    expect(roundCash(4_999_999, 10_000)).toBe(5_000_000);
    expect(roundCash(0, 10_000)).toBe(0);
  });

  it('has a default for every currency: coins nobody hands out are rounded away', () => {
    expect(DEFAULT_CASH_ROUNDING).toEqual({ GEL: 5, KZT: 100, UZS: 10_000, RUB: 100, USD: 1, EUR: 1 });
  });
});

describe('line and sale discounts', () => {
  it('percent is of the line after override, rounded half up; amount is taken as given', () => {
    const sale = priceSale({
      lines: [
        { listPrice: 999, quantity: 1, discount: { kind: 'percent', value: 1000 } }, // 99.9 → 100
        { listPrice: 500, quantity: 3, unitPrice: 400, discount: { kind: 'amount', value: 150 } },
      ],
      clientDiscountBp: 0,
    });
    expect(sale.lines.map((l) => [l.unitPrice, l.lineDiscount, l.total])).toEqual([
      [999, 100, 899],
      [400, 150, 1050],
    ]);
    expect(sale.subtotal).toBe(999 + 1500); // list prices, not the override
    expect(sale.discountTotal).toBe(250); // an override is not a discount
    expect(sale.total).toBe(899 + 1050);
  });

  it('the client discount applies to what the line discount left, the sale discount spreads pro rata', () => {
    const sale = priceSale({
      lines: [
        { listPrice: 1000, quantity: 1, discount: { kind: 'percent', value: 1000 } }, // 900, client 10 % → 810
        { listPrice: 300, quantity: 1 }, // client → 270
      ],
      clientDiscountBp: 1000,
      discount: { kind: 'amount', value: 100 }, // over 810 + 270 = 1080: 75.0 and 25.0
    });
    expect(sale.lines.map((l) => [l.clientDiscount, l.saleDiscount, l.total])).toEqual([
      [90, 75, 735],
      [30, 25, 245],
    ]);
    expect(sale.total).toBe(1080 - 100);
    expect(sale.discountTotal).toBe(100 + 90 + 30 + 100);
  });

  it('largest remainder: shares add up exactly, the leftover unit goes to the largest fraction', () => {
    expect(spreadProRata(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spreadProRata(10, [1, 2, 7])).toEqual([1, 2, 7]);
    expect(spreadProRata(5, [333, 333, 334])).toEqual([2, 1, 2]);
    expect(spreadProRata(7, [0, 0])).toEqual([0, 0]);
    // beyond 2^53 in the intermediate product
    const big = spreadProRata(9_999_999_999, [9_999_999_999, 1]);
    expect(big.reduce((a, b) => a + b, 0)).toBe(9_999_999_999);
  });

  it('a whole-sale percent is of the sum, then spread', () => {
    const sale = priceSale({
      lines: [{ listPrice: 333, quantity: 1 }, { listPrice: 333, quantity: 1 }, { listPrice: 334, quantity: 1 }],
      clientDiscountBp: 0,
      discount: { kind: 'percent', value: 1050 }, // 10.5 % of 1000 = 105
    });
    expect(sale.lines.reduce((s, l) => s + l.saleDiscount, 0)).toBe(105);
    expect(sale.total).toBe(895);
  });

  it('refuses an amount larger than what it applies to', () => {
    expect(refusal(() => priceSale({ lines: [{ listPrice: 100, quantity: 2, discount: { kind: 'amount', value: 201 } }], clientDiscountBp: 0 })))
      .toEqual({ messageKey: 'errors:sales.discountOverTotal', field: 'lines.0.discount.value' });
    expect(refusal(() => priceSale({ lines: [{ listPrice: 100, quantity: 2 }], clientDiscountBp: 0, discount: { kind: 'amount', value: 201 } })))
      .toEqual({ messageKey: 'errors:sales.discountOverTotal', field: 'discount.value' });
  });

  it('refuses a line or sale beyond the money limit', () => {
    expect(refusal(() => priceSale({ lines: [{ listPrice: 10_000_000_000, quantity: 2 }], clientDiscountBp: 0 })).messageKey).toBe(
      'errors:sales.amountTooLarge',
    );
  });

  it('required approval: cashier-given discount and price cuts count, the client discount does not, half a unit is forgiven', () => {
    const p = (lines: Parameters<typeof priceSale>[0]['lines'], clientDiscountBp = 0) => priceSale({ lines, clientDiscountBp }).requiredBp;
    expect(p([{ listPrice: 999, quantity: 1, discount: { kind: 'percent', value: 1000 } }])).toBeLessThanOrEqual(1000);
    expect(p([{ listPrice: 1000, quantity: 1, discount: { kind: 'percent', value: 1001 } }])).toBeLessThanOrEqual(1000); // 100.1 → 100
    expect(p([{ listPrice: 10_000, quantity: 1, discount: { kind: 'percent', value: 1001 } }])).toBe(1001);
    expect(priceSale({ lines: [{ listPrice: 1000, quantity: 1, unitPrice: 800 }], clientDiscountBp: 0 })).toMatchObject({ requiredBp: 1995, discountBp: 2000 });
    expect(p([{ listPrice: 1000, quantity: 1, unitPrice: 1200 }])).toBe(0);
    expect(p([{ listPrice: 1000, quantity: 1 }], 2500)).toBe(0);
    expect(p([{ listPrice: 0, quantity: 3 }])).toBe(0);
  });
});

describe('a whole-sale discount within the limit', () => {
  it('needs no approval: the unit the largest remainder hands a line is not the cashier\'s discount', () => {
    // 30 % of 27 565 is 8 270 (8 269.5 halves up); spread pro rata, the 2.78 line gets 84 of its 83.4, 30.2 % of it
    const sale = priceSale({
      lines: [
        { listPrice: 278, quantity: 1 },
        { listPrice: 4160, quantity: 1 },
        { listPrice: 2685, quantity: 2 },
        { listPrice: 2729, quantity: 3 },
      ],
      discount: { kind: 'percent', value: 3000 },
      clientDiscountBp: 0,
    });
    expect(sale.requiredBp).toBeLessThanOrEqual(3000);
    expect(sale.discountBp).toBe(3000);
  });

  it('a percent or an amount up to the limit never needs more than the limit (property)', () => {
    const line = fc.record({ listPrice: fc.integer({ min: 1, max: 1_000_000 }), quantity: fc.integer({ min: 1, max: 50 }) });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(0, 500, 1000, 1500),
        fc.boolean(),
        (lines, bp, clientDiscountBp, asAmount) => {
          const percent = priceSale({ lines, discount: { kind: 'percent', value: bp }, clientDiscountBp });
          expect(percent.requiredBp).toBeLessThanOrEqual(bp);
          if (!asAmount) return;
          // the same share as an amount: what the percent took off the whole sale
          const amount = percent.lines.reduce((s, l) => s + l.saleDiscount, 0);
          const before = percent.lines.reduce((s, l) => s + l.total + l.saleDiscount, 0);
          if (amount === 0 || before === 0) return;
          const sale = priceSale({ lines, discount: { kind: 'amount', value: amount }, clientDiscountBp });
          // an amount is within the limit b when it is at most b % of what it applies to, rounded as a percent
          const within = Math.ceil(((amount * 10_000) - 5_000) / before);
          expect(sale.requiredBp).toBeLessThanOrEqual(Math.max(within, 0));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('payments', () => {
  it('cash is rounded to the step and gives change', () => {
    expect(settlePayments(1233, [{ method: 'cash', tendered: 2000 }], 5)).toEqual({
      total: 1235,
      rounding: 2,
      change: 765,
      payments: [{ method: 'cash', amount: 1235, tendered: 2000, change: 765, reference: null }],
    });
  });

  it('card only is never rounded; card then cash rounds only the cash part', () => {
    expect(settlePayments(1233, [{ method: 'card', amount: 1233 }], 5).rounding).toBe(0);
    const split = settlePayments(1233, [{ method: 'card', amount: 1000, reference: 'A1' }, { method: 'cash', tendered: 500 }], 5);
    expect(split).toEqual({
      total: 1235,
      rounding: 2,
      change: 265,
      payments: [
        { method: 'card', amount: 1000, tendered: null, change: 0, reference: 'A1' },
        { method: 'cash', amount: 235, tendered: 500, change: 265, reference: null },
      ],
    });
  });

  it('refuses underpaying, a card over what is left, and two cash payments', () => {
    expect(refusal(() => settlePayments(1000, [{ method: 'cash', tendered: 999 }], 1)).messageKey).toBe('errors:sales.underpaid');
    expect(refusal(() => settlePayments(1000, [{ method: 'card', amount: 999 }], 1)).messageKey).toBe('errors:sales.underpaid');
    expect(refusal(() => settlePayments(1000, [{ method: 'card', amount: 600 }, { method: 'card', amount: 401 }], 1))).toEqual({
      messageKey: 'errors:sales.cardOverTotal',
      field: 'payments.1.amount',
    });
    expect(refusal(() => settlePayments(1000, [{ method: 'cash', tendered: 500 }, { method: 'cash', tendered: 500 }], 1)).messageKey).toBe(
      'errors:sales.oneCashPayment',
    );
  });

  it('rounding down to nothing leaves no cash row', () => {
    expect(settlePayments(1002, [{ method: 'card', amount: 1000 }, { method: 'cash', tendered: 0 }], 5)).toMatchObject({
      total: 1000,
      rounding: -2,
      payments: [{ method: 'card', amount: 1000 }],
    });
  });
});

describe('pricing properties', () => {
  const discount = fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 1, max: 5_000 }) }),
  );
  const line = fc.record({
    listPrice: fc.integer({ min: 0, max: 100_000 }),
    quantity: fc.integer({ min: 1, max: 50 }),
    unitPrice: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    discount: fc.option(discount, { nil: undefined }),
  });

  it('totals are consistent whatever the draft: lines add up, nothing negative, payments equal the total', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.option(discount, { nil: undefined }),
        fc.constantFrom(1, 5, 100, 10_000),
        fc.integer({ min: 0, max: 100 }),
        (lines, clientDiscountBp, saleDiscount, step, cardShare) => {
          const clean = lines.map((l) => ({
            listPrice: l.listPrice,
            quantity: l.quantity,
            ...(l.unitPrice !== undefined ? { unitPrice: l.unitPrice } : {}),
            ...(l.discount ? { discount: l.discount } : {}),
          }));
          let sale;
          try {
            sale = priceSale({ lines: clean, clientDiscountBp, ...(saleDiscount ? { discount: saleDiscount } : {}) });
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            return;
          }
          for (const [i, l] of sale.lines.entries()) {
            expect(l.total).toBeGreaterThanOrEqual(0);
            expect(l.total).toBe(l.unitPrice * l.quantity - l.discount);
            expect(l.discount).toBe(l.lineDiscount + l.clientDiscount + l.saleDiscount);
            expect(l.quantity).toBe(clean[i]?.quantity);
          }
          expect(sale.total).toBe(sale.lines.reduce((s, l) => s + l.total, 0));
          if (saleDiscount?.kind === 'amount') expect(sale.lines.reduce((s, l) => s + l.saleDiscount, 0)).toBe(saleDiscount.value);

          const card = Math.floor((sale.total * cardShare) / 100);
          const payments = [
            ...(card > 0 ? [{ method: 'card' as const, amount: card }] : []),
            { method: 'cash' as const, tendered: sale.total + step },
          ];
          const settled = settlePayments(sale.total, payments, step);
          expect(settled.payments.reduce((s, p) => s + p.amount, 0)).toBe(settled.total);
          expect(settled.total - settled.rounding).toBe(sale.total);
          expect(Math.abs(settled.rounding) * 2).toBeLessThanOrEqual(step);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('percentOf stays exact at the money limit', () => {
    expect(percentOf(10_000_000_000, 10_000)).toBe(10_000_000_000);
    expect(percentOf(10_000_000_000, 1)).toBe(1_000_000);
  });
});
