import type { ProductKind } from '../catalog/products';

/**
 * The price of a bouquet by the shop's pricing rules: every component's cost times its kind's
 * markup, plus the assembly fee and the fixed addition, rounded to the currency's step.
 * Pure: no database, so the editor's preview, recipes, the counter and the bench share it.
 */

export const ROUNDING_MODES = ['up', 'nearest'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** Markups in basis points of cost: 25000 = × 2.5, 10000 = sold at cost. */
export type KindMarkups = Record<ProductKind, number>;

export interface PricingRules {
  /** added to every bouquet, minor units */
  fixedAddition: number;
  /** the fee of a bouquet made at the counter without a recipe size, minor units */
  assemblyFee: number;
  /** prices end on a multiple of this, minor units (50 = 0.50 GEL) */
  roundingStep: number;
  roundingMode: RoundingMode;
  markups: KindMarkups;
}

export interface PricedComponent {
  kind: ProductKind;
  /** what the component's quantity costs, minor units */
  cost: number;
}

export interface KindLine {
  kind: ProductKind;
  cost: number;
  markupBp: number;
  /** cost × markup, halves up */
  amount: number;
}

export interface PriceBreakdown {
  /** per product kind present, in the order kinds first appear */
  kinds: KindLine[];
  assemblyFee: number;
  fixedAddition: number;
  /** Σ amounts + fee + addition, before rounding */
  subtotal: number;
  /** what rounding to the step added (negative when rounding to the nearest went down) */
  rounding: number;
}

export interface BouquetPrice {
  cost: number;
  price: number;
  breakdown: PriceBreakdown;
}

const BP = 10_000;

/** a × b / c halves up, exact even when a × b passes 2^53 (absurd costs must not turn into wrong prices). */
function mulDivHalfUp(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return Math.floor((product + Math.floor(c / 2)) / c);
  const big = (BigInt(a) * BigInt(b) + BigInt(Math.floor(c / 2))) / BigInt(c);
  return Number(big);
}

/** `amount` on the step: the next multiple up, or the nearest one (halves up). A step below 1 counts as 1. */
export function roundToStep(amount: number, step: number, mode: RoundingMode): number {
  const s = Math.max(1, Math.floor(step));
  if (s === 1) return amount;
  const below = Math.floor(amount / s) * s;
  if (below === amount) return amount;
  if (mode === 'up') return below + s;
  return amount - below >= s / 2 ? below + s : below;
}

export function bouquetPrice(input: {
  components: readonly PricedComponent[];
  assemblyFee: number;
  rules: PricingRules;
}): BouquetPrice {
  const { rules } = input;
  const byKind = new Map<ProductKind, number>();
  let cost = 0;
  for (const c of input.components) {
    cost += c.cost;
    byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + c.cost);
  }
  // The markup is applied to each kind's total, not per stem, so 15 roses at 1.27 do not each round.
  const kinds: KindLine[] = [];
  for (const [kind, kindCost] of byKind) {
    const markupBp = rules.markups[kind] ?? BP;
    kinds.push({ kind, cost: kindCost, markupBp, amount: mulDivHalfUp(kindCost, markupBp, BP) });
  }
  const subtotal = kinds.reduce((sum, k) => sum + k.amount, 0) + input.assemblyFee + rules.fixedAddition;
  const price = roundToStep(subtotal, rules.roundingStep, rules.roundingMode);
  return {
    cost,
    price,
    breakdown: { kinds, assemblyFee: input.assemblyFee, fixedAddition: rules.fixedAddition, subtotal, rounding: price - subtotal },
  };
}
