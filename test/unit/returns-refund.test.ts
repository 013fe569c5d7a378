import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineRefund, splitRefund } from '../../shop/returns/refund';

/**
 * Any sale, returned in any number of parts in any order, gives back exactly what was paid, by
 * the methods that paid it, and no part ever gives back more than a method has left.
 */
const saleArb = fc
  .record({
    lines: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 20 }), total: fc.integer({ min: 0, max: 100_000 }) }), { minLength: 1, maxLength: 5 }),
    cardShare: fc.double({ min: 0, max: 1, noNaN: true }),
    rounding: fc.integer({ min: -2, max: 2 }),
    cashStep: fc.constantFrom(1, 5, 100, 10_000),
    seed: fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 200, maxLength: 200 }),
  })
  .map((s) => {
    const lineSum = s.lines.reduce((a, l) => a + l.total, 0);
    const cardPaid = Math.floor(lineSum * s.cardShare);
    const cashBefore = lineSum - cardPaid;
    const cashPaid = cashBefore > 2 ? cashBefore + s.rounding : cashBefore;
    return { ...s, cardPaid, cashPaid, paid: cardPaid + cashPaid };
  });

describe('refunds', () => {
  it('add up to exactly what was paid, per method, whatever the parts', () => {
    fc.assert(
      fc.property(saleArb, (sale) => {
        const lines = sale.lines.map((l) => ({ ...l, returnedQuantity: 0, refunded: 0 }));
        const refunded = { card: 0, cash: 0 };
        let r = 0;
        const next = () => sale.seed[r++ % sale.seed.length] ?? 0;
        let guard = 0;
        while (lines.some((l) => l.returnedQuantity < l.quantity)) {
          if (++guard > 500) throw new Error('no progress');
          // this return: some units of some lines (at least one unit of the first open line)
          const parts = lines.map((l, i) => {
            const left = l.quantity - l.returnedQuantity;
            const first = lines.findIndex((x) => x.returnedQuantity < x.quantity) === i;
            const q = left === 0 ? 0 : Math.min(left, next() % (left + 1)) || (first ? 1 : 0);
            return q;
          });
          const refunds = parts.map((q, i) => (q > 0 ? lineRefund(lines[i]!, q) : 0));
          for (const x of refunds) expect(x).toBeGreaterThanOrEqual(0);
          const completes = lines.every((l, i) => l.returnedQuantity + (parts[i] ?? 0) >= l.quantity);
          const split = splitRefund(
            refunds.reduce((a, b) => a + b, 0),
            { cardPaid: sale.cardPaid, cardRefunded: refunded.card, cashPaid: sale.cashPaid, cashRefunded: refunded.cash },
            sale.cashStep,
            completes,
          );
          expect(split.card).toBeGreaterThanOrEqual(0);
          expect(split.cash).toBeGreaterThanOrEqual(0);
          expect(split.total).toBe(split.card + split.cash);
          refunded.card += split.card;
          refunded.cash += split.cash;
          expect(refunded.card).toBeLessThanOrEqual(sale.cardPaid);
          expect(refunded.cash).toBeLessThanOrEqual(sale.cashPaid);
          // card first: no cash while the card still has something to take back
          if (split.cash > 0 && !completes) expect(refunded.card).toBe(sale.cardPaid);
          parts.forEach((q, i) => {
            const l = lines[i]!;
            l.returnedQuantity += q;
            l.refunded += refunds[i] ?? 0;
            expect(l.refunded).toBeLessThanOrEqual(l.total);
          });
        }
        expect(refunded).toEqual({ card: sale.cardPaid, cash: sale.cashPaid });
        for (const l of lines) expect(l.refunded).toBe(l.total);
      }),
      { numRuns: 500 },
    );
  });

  it('splits one unit of three the way a cashier expects', () => {
    expect(lineRefund({ quantity: 3, total: 1_000, returnedQuantity: 0, refunded: 0 }, 1)).toBe(333);
    expect(lineRefund({ quantity: 3, total: 1_000, returnedQuantity: 1, refunded: 333 }, 1)).toBe(333);
    expect(lineRefund({ quantity: 3, total: 1_000, returnedQuantity: 2, refunded: 666 }, 1)).toBe(334);
    // card 500 of a 1,000 sale: a 700 refund takes the card's 500, then 200 in cash rounded to the 5-tetri step
    expect(splitRefund(698, { cardPaid: 500, cardRefunded: 0, cashPaid: 500, cashRefunded: 0 }, 5, false)).toEqual({
      card: 500,
      cash: 200,
      rounding: 2,
      total: 700,
    });
  });
});
