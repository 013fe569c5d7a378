import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProductKind } from '../../shop/catalog/products';
import { bouquetPrice, roundToStep, type PricingRules } from '../../shop/recipes/price';
import { defaultPricingRules, DEFAULT_MARKUPS } from '../../shop/recipes/rules';

/** The pure bouquet price: markups per kind, fee and addition, rounding to the currency's step. */

const rules = (over: Partial<PricingRules> = {}): PricingRules => ({ ...defaultPricingRules('GEL'), ...over });

describe('rounding to the step', () => {
  it('goes up or to the nearest 0.50 GEL, 100 KZT, 1,000 UZS', () => {
    expect(roundToStep(1201, 50, 'up')).toBe(1250);
    expect(roundToStep(1224, 50, 'nearest')).toBe(1200);
    expect(roundToStep(1225, 50, 'nearest')).toBe(1250); // halves up
    expect(roundToStep(1250, 50, 'up')).toBe(1250);
    // 4,520.00 KZT
    expect(roundToStep(452_000, 10_000, 'up')).toBe(460_000);
    expect(roundToStep(452_000, 10_000, 'nearest')).toBe(450_000);
    // 118,400 so'm
    expect(roundToStep(11_840_000, 100_000, 'up')).toBe(11_900_000);
    expect(roundToStep(11_840_000, 100_000, 'nearest')).toBe(11_800_000);
    expect(roundToStep(0, 100_000, 'up')).toBe(0);
    expect(roundToStep(777, 1, 'up')).toBe(777);
  });

  it('lands on a multiple of the step, up never below, nearest within half a step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 1, max: 1e6 }), (amount, step) => {
        const up = roundToStep(amount, step, 'up');
        const near = roundToStep(amount, step, 'nearest');
        expect(up % step).toBe(0);
        expect(near % step).toBe(0);
        expect(up).toBeGreaterThanOrEqual(amount);
        expect(up - amount).toBeLessThan(step);
        expect(Math.abs(near - amount)).toBeLessThanOrEqual(step / 2);
      }),
    );
  });
});

describe('bouquetPrice', () => {
  it('applies each kind’s markup to that kind’s total, then fee and addition, then rounds', () => {
    // 15 roses at 1.27 = 19.05 × 2.5 = 47.625 → 47.63; greens 3.00 × 2 = 6.00; wrap 1.50 × 2 = 3.00
    const priced = bouquetPrice({
      components: [
        { kind: 'cut_flower', cost: 1905 },
        { kind: 'greenery', cost: 300 },
        { kind: 'consumable', cost: 150 },
      ],
      assemblyFee: 500,
      rules: rules({ fixedAddition: 100 }),
    });
    expect(priced.cost).toBe(2355);
    expect(priced.breakdown.kinds).toEqual([
      { kind: 'cut_flower', cost: 1905, markupBp: 25_000, amount: 4763 },
      { kind: 'greenery', cost: 300, markupBp: 20_000, amount: 600 },
      { kind: 'consumable', cost: 150, markupBp: 20_000, amount: 300 },
    ]);
    // 47.63 + 6.00 + 3.00 + 5.00 + 1.00 = 62.63 → 63.00
    expect(priced.breakdown.subtotal).toBe(6263);
    expect(priced.price).toBe(6300);
    expect(priced.breakdown.rounding).toBe(37);
  });

  it('prices in tenge and so’m with their default steps', () => {
    const kzt = bouquetPrice({ components: [{ kind: 'cut_flower', cost: 180_000 }], assemblyFee: 50_000, rules: defaultPricingRules('KZT') });
    // 1,800 × 2.5 = 4,500 + 500 = 5,000 ₸
    expect(kzt.price).toBe(500_000);
    const kzt2 = bouquetPrice({ components: [{ kind: 'cut_flower', cost: 180_100 }], assemblyFee: 50_000, rules: defaultPricingRules('KZT') });
    expect(kzt2.price).toBe(510_000);
    const uzs = bouquetPrice({ components: [{ kind: 'cut_flower', cost: 1_234_500 }], assemblyFee: 0, rules: defaultPricingRules('UZS') });
    // 12,345 × 2.5 = 30,862.50 → 31,000 so'm
    expect(uzs.price).toBe(3_100_000);
  });

  it('uses the markup stored for ready items (a bouquet in a basket at cost by default)', () => {
    const priced = bouquetPrice({ components: [{ kind: 'ready_item', cost: 2000 }], assemblyFee: 0, rules: rules() });
    expect(priced.price).toBe(2000);
    expect(DEFAULT_MARKUPS.ready_item).toBe(10_000);
  });

  it('is exact for absurd costs (no floating point beyond 2^53)', () => {
    const priced = bouquetPrice({
      components: [{ kind: 'cut_flower', cost: 9_999_999_999 }],
      assemblyFee: 0,
      rules: rules({ roundingStep: 1, markups: { ...DEFAULT_MARKUPS, cut_flower: 999_999 } }),
    });
    // 9,999,999,999 × 99.9999 = 999,998,999,900.0001 → halves up
    expect(priced.price).toBe(999_998_999_900);
  });

  const kind = fc.constantFrom<ProductKind>('cut_flower', 'greenery', 'consumable', 'plant', 'ready_item');
  const component = fc.record({ kind, cost: fc.integer({ min: 0, max: 10_000_000 }) });
  const anyRules = fc.record({
    fixedAddition: fc.integer({ min: 0, max: 100_000 }),
    assemblyFee: fc.integer({ min: 0, max: 100_000 }),
    roundingStep: fc.constantFrom(1, 5, 10, 50, 100, 1000, 10_000, 100_000),
    roundingMode: fc.constantFrom('up' as const, 'nearest' as const),
    markups: fc.record({
      cut_flower: fc.integer({ min: 0, max: 60_000 }),
      greenery: fc.integer({ min: 0, max: 60_000 }),
      consumable: fc.integer({ min: 0, max: 60_000 }),
      plant: fc.integer({ min: 0, max: 60_000 }),
      ready_item: fc.integer({ min: 0, max: 60_000 }),
      service: fc.constant(10_000),
    }),
  });

  it('holds its invariants: on the step, cost = Σ, rounded up it covers cost × the smallest markup plus fee and addition', () => {
    fc.assert(
      fc.property(fc.array(component, { maxLength: 20 }), anyRules, fc.integer({ min: 0, max: 50_000 }), (components, r, fee) => {
        const priced = bouquetPrice({ components, assemblyFee: fee, rules: r });
        expect(priced.cost).toBe(components.reduce((s, c) => s + c.cost, 0));
        expect(priced.price % r.roundingStep).toBe(0);
        expect(priced.price - priced.breakdown.subtotal).toBe(priced.breakdown.rounding);
        const kinds = new Set(components.map((c) => c.kind));
        const minBp = Math.min(...[...kinds].map((k) => r.markups[k]));
        const floorOf = kinds.size === 0 ? 0 : (priced.cost * minBp) / 10_000;
        if (r.roundingMode === 'up') {
          // each kind's amount is rounded halves up: at most half a minor unit below, per kind
          expect(priced.price).toBeGreaterThanOrEqual(floorOf + fee + r.fixedAddition - kinds.size / 2);
        } else {
          expect(priced.price).toBeGreaterThanOrEqual(floorOf + fee + r.fixedAddition - kinds.size / 2 - r.roundingStep / 2);
        }
      }),
    );
  });

  it('does not depend on the order of components, and never drops when a component is added or costs more', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 15 }), component, anyRules, (components, extra, r) => {
        const price = (cs: typeof components) => bouquetPrice({ components: cs, assemblyFee: 0, rules: r }).price;
        const base = price(components);
        expect(price([...components].reverse())).toBe(base);
        expect(price([...components, extra])).toBeGreaterThanOrEqual(base);
        const dearer = components.map((c, i) => (i === 0 ? { ...c, cost: c.cost + 1000 } : c));
        expect(price(dearer)).toBeGreaterThanOrEqual(base);
      }),
    );
  });
});
