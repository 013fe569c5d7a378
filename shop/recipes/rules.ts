import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Currency } from '../api/schemas';
import { PRODUCT_KINDS, type ProductKind } from '../catalog/products';
import type { KindMarkups, PricingRules, RoundingMode } from './price';

/**
 * The shop's pricing rules as stored (pricing_rules, kind_markups), with defaults for what the
 * owner has not set: a new shop prices bouquets sensibly before anyone opens the rules tab.
 */

/** Prices end on a step a customer expects to pay in that currency, minor units. */
export const DEFAULT_ROUNDING_STEP: Record<Currency, number> = {
  GEL: 50, // 0.50 ₾
  KZT: 10_000, // 100 ₸
  UZS: 100_000, // 1,000 so'm
  RUB: 1_000, // 10 ₽
  USD: 50,
  EUR: 50,
};

export const DEFAULT_MARKUPS: KindMarkups = {
  cut_flower: 25_000,
  greenery: 20_000,
  consumable: 20_000,
  plant: 20_000,
  ready_item: 10_000,
  // services hold no cost; a markup on nothing is nothing
  service: 10_000,
};

export function defaultPricingRules(currency: Currency): PricingRules {
  return {
    fixedAddition: 0,
    assemblyFee: 0,
    roundingStep: DEFAULT_ROUNDING_STEP[currency] ?? 1,
    roundingMode: 'up',
    markups: { ...DEFAULT_MARKUPS },
  };
}

export function shopCurrency(db: Database, shopId: string): Currency {
  const currency = statement(db, 'SELECT currency FROM shops WHERE id = ?').pluck().get(shopId) as Currency | undefined;
  return currency ?? 'USD';
}

interface RulesRow {
  fixed_addition: number;
  assembly_fee: number;
  rounding_step: number;
  rounding_mode: RoundingMode;
}

/** The rules in force: the stored row and markups, each kind not stored at its default. */
export function readPricingRules(db: Database, shopId: string): PricingRules & { stored: boolean } {
  const rules = defaultPricingRules(shopCurrency(db, shopId));
  const row = statement(
    db,
    'SELECT fixed_addition, assembly_fee, rounding_step, rounding_mode FROM pricing_rules WHERE shop_id = ?',
  ).get(shopId) as RulesRow | undefined;
  if (row) {
    rules.fixedAddition = row.fixed_addition;
    rules.assemblyFee = row.assembly_fee;
    rules.roundingStep = row.rounding_step;
    rules.roundingMode = row.rounding_mode;
  }
  const markups = statement(db, 'SELECT kind, multiplier_bp FROM kind_markups WHERE shop_id = ?').all(shopId) as {
    kind: ProductKind;
    multiplier_bp: number;
  }[];
  for (const m of markups) if ((PRODUCT_KINDS as readonly string[]).includes(m.kind)) rules.markups[m.kind] = m.multiplier_bp;
  return { ...rules, stored: row !== undefined };
}

/** Stores the whole rule set (every kind's markup), replacing what was there. */
export function writePricingRules(db: Database, shopId: string, rules: PricingRules, at: string): void {
  statement(
    db,
    `INSERT INTO pricing_rules (shop_id, fixed_addition, assembly_fee, rounding_step, rounding_mode, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(shop_id) DO UPDATE SET fixed_addition = excluded.fixed_addition, assembly_fee = excluded.assembly_fee,
       rounding_step = excluded.rounding_step, rounding_mode = excluded.rounding_mode, updated_at = excluded.updated_at`,
  ).run(shopId, rules.fixedAddition, rules.assemblyFee, rules.roundingStep, rules.roundingMode, at);
  const upsert = statement(
    db,
    `INSERT INTO kind_markups (shop_id, kind, multiplier_bp) VALUES (?, ?, ?)
     ON CONFLICT(shop_id, kind) DO UPDATE SET multiplier_bp = excluded.multiplier_bp`,
  );
  for (const kind of PRODUCT_KINDS) upsert.run(shopId, kind, rules.markups[kind]);
}
