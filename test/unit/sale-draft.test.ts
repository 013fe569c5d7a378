import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftInput, draftReducer, emptyDraft, MAX_LINES, MAX_QUANTITY, selectedLine, type DraftAction, type SaleDraft } from '../../renderer/sale/draft';

const P1 = '0190a0b0-0000-7000-8000-000000000001';
const P2 = '0190a0b0-0000-7000-8000-000000000002';
const C1 = '0190a0b0-0000-7000-8000-0000000000c1';

const run = (...actions: DraftAction[]): SaleDraft => actions.reduce(draftReducer, emptyDraft());

describe('the sale draft', () => {
  it('adds a product as a line, and a second scan of it to the same line', () => {
    const d = run({ type: 'add', productId: P1 }, { type: 'add', productId: P2 }, { type: 'add', productId: P1 });
    expect(d.lines.map((l) => [l.productId, l.quantity])).toEqual([
      [P1, 2],
      [P2, 1],
    ]);
    expect(selectedLine(d)?.productId).toBe(P1);
  });

  it('changes quantity by steps and by typing, never below one or above the limit', () => {
    let d = run({ type: 'add', productId: P1 });
    const key = d.lines[0]!.key;
    d = draftReducer(d, { type: 'step', key, by: -1 });
    expect(d.lines[0]!.quantity).toBe(1);
    d = draftReducer(d, { type: 'step', key, by: 1 });
    expect(d.lines[0]!.quantity).toBe(2);
    for (const bad of [0, -3, 1.5, MAX_QUANTITY + 1, Number.NaN]) {
      expect(draftReducer(d, { type: 'setQuantity', key, quantity: bad })).toBe(d);
    }
    d = draftReducer(d, { type: 'setQuantity', key, quantity: 25 });
    expect(d.lines[0]!.quantity).toBe(25);
  });

  it('removes a line and selects its neighbour', () => {
    let d = run({ type: 'add', productId: P1 }, { type: 'add', productId: P2 });
    const [first, second] = d.lines;
    d = draftReducer(d, { type: 'select', key: first!.key });
    d = draftReducer(d, { type: 'remove', key: first!.key });
    expect(d.lines).toHaveLength(1);
    expect(d.selected).toBe(second!.key);
    d = draftReducer(d, { type: 'remove', key: second!.key });
    expect(d.selected).toBeNull();
  });

  it('sends exactly the designed Draft: no line keys, no empty fields, the approval only when asked', () => {
    let d = run({ type: 'add', productId: P1, quantity: 3 });
    const key = d.lines[0]!.key;
    expect(draftInput(d)).toEqual({ lines: [{ productId: P1, quantity: 3 }] });
    d = draftReducer(d, { type: 'lineDiscount', key, discount: { kind: 'percent', value: 1000, reason: 'Regular' } });
    d = draftReducer(d, { type: 'priceOverride', key, override: { unitPrice: 250, reason: 'Wilting' } });
    d = draftReducer(d, { type: 'saleDiscount', discount: { kind: 'amount', value: 100, reason: 'Promo' } });
    d = draftReducer(d, { type: 'client', client: { id: C1, name: 'Tamar', phone: null, discountBp: 500 } });
    d = draftReducer(d, { type: 'approval', approval: { userId: C1, secret: '1234' } });
    expect(draftInput(d)).toEqual({
      lines: [
        {
          productId: P1,
          quantity: 3,
          discount: { kind: 'percent', value: 1000, reason: 'Regular' },
          priceOverride: { unitPrice: 250, reason: 'Wilting' },
        },
      ],
      discount: { kind: 'amount', value: 100, reason: 'Promo' },
      clientId: C1,
      approval: { userId: C1, secret: '1234' },
    });
    expect(draftInput(d, { withApproval: false })).not.toHaveProperty('approval');
    d = draftReducer(d, { type: 'lineDiscount', key, discount: null });
    d = draftReducer(d, { type: 'priceOverride', key, override: null });
    expect(draftInput(d).lines[0]).toEqual({ productId: P1, quantity: 3 });
  });

  it('loads a resumed draft without any approval (a manager’s secret is never parked)', () => {
    const before = run({ type: 'add', productId: P2 });
    const d = draftReducer(before, {
      type: 'load',
      draft: { lines: [{ productId: P1, quantity: 2 }], clientId: C1, approval: { userId: C1, secret: 'x' } },
    });
    expect(d.lines.map((l) => l.productId)).toEqual([P1]);
    expect(d.client?.id).toBe(C1);
    expect(d.approval).toBeNull();
    expect(new Set([...before.lines, ...d.lines].map((l) => l.key)).size).toBe(2); // keys never reused
  });

  it('every change bumps the revision (quotes are matched to it); selection alone does not', () => {
    const d = run({ type: 'add', productId: P1 }, { type: 'add', productId: P2 });
    expect(draftReducer(d, { type: 'moveSelection', by: -1 }).revision).toBe(d.revision);
    expect(draftReducer(d, { type: 'step', key: d.lines[0]!.key, by: 1 }).revision).toBe(d.revision + 1);
    expect(draftReducer(d, { type: 'clear' }).revision).toBe(d.revision + 1);
  });

  it('keeps its invariants under any sequence of actions (property)', () => {
    const ids = [P1, P2, C1];
    const action = fc.oneof(
      fc.record({ type: fc.constant('add' as const), productId: fc.constantFrom(...ids), quantity: fc.integer({ min: -2, max: 12 }) }),
      fc.record({ type: fc.constant('step' as const), n: fc.nat(5), by: fc.constantFrom(-1, 1) }),
      fc.record({ type: fc.constant('setQuantity' as const), n: fc.nat(5), quantity: fc.integer({ min: -5, max: MAX_QUANTITY + 5 }) }),
      fc.record({ type: fc.constant('remove' as const), n: fc.nat(5) }),
      fc.record({ type: fc.constant('moveSelection' as const), by: fc.integer({ min: -3, max: 3 }) }),
      fc.constant({ type: 'clear' as const }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        let d = emptyDraft();
        for (const a of actions) {
          const key = 'n' in a ? (d.lines[a.n % Math.max(1, d.lines.length)]?.key ?? 'none') : '';
          const real: DraftAction =
            a.type === 'step' ? { type: 'step', key, by: a.by } : a.type === 'setQuantity' ? { type: 'setQuantity', key, quantity: a.quantity } : a.type === 'remove' ? { type: 'remove', key } : a;
          d = draftReducer(d, real);
          expect(d.lines.length).toBeLessThanOrEqual(MAX_LINES);
          for (const l of d.lines) expect(Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= MAX_QUANTITY).toBe(true);
          expect(new Set(d.lines.map((l) => l.key)).size).toBe(d.lines.length);
          expect(d.selected === null || d.lines.some((l) => l.key === d.selected)).toBe(true);
          expect(new Set(d.lines.filter((l) => !l.components).map((l) => l.productId)).size).toBe(d.lines.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
