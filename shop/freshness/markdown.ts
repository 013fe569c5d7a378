import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import { percentOf } from '../sales/pricing';
import { planFifo } from '../stock/ledger';
import { ageDays } from './age';

/** The freshness markdown on one sale line: minor units off, and the rule's percent for the receipt. */
export interface LineMarkdown {
  amount: number;
  /** the percent (basis points) of the rule that applied, or null when none did */
  bp: number | null;
}

export const NO_MARKDOWN: LineMarkdown = { amount: 0, bp: null };

export interface MarkdownRule {
  id: string;
  fromDay: number;
  percentBp: number;
  productKind: string | null;
  categoryId: string | null;
  productId: string | null;
}

/** What a product is, for choosing its rules. */
export interface RuleTarget {
  productId: string;
  kind: string;
  /** the product's category first, then its parent, up to the root */
  categoryPath: string[];
}

/**
 * The shop's active markdown rules, sorted so that for each scope the highest from_day comes first.
 */
export function activeRules(db: Database, shopId: string): MarkdownRule[] {
  return statement(
    db,
    `SELECT id, from_day AS fromDay, percent_bp AS percentBp, product_kind AS productKind, category_id AS categoryId,
            product_id AS productId
       FROM markdown_rules WHERE shop_id = ? AND archived = 0 ORDER BY from_day DESC, percent_bp DESC, id`,
  ).all(shopId) as MarkdownRule[];
}

/**
 * A product's markdown schedule: the rules of the most specific scope that has any —
 * the product's own, else its category's (nearest category first, then the parents), else its
 * kind's, else the shop-wide ones. A narrower scope REPLACES the wider schedule for its products
 * (that is how an owner says "roses: only from day 8" under a shop-wide "from day 5"); within the
 * scope the rule with the highest from_day the lot has reached applies (see ruleForAge).
 * Sorted from_day descending.
 */
export function scheduleFor(rules: readonly MarkdownRule[], target: RuleTarget): MarkdownRule[] {
  const own = rules.filter((r) => r.productId === target.productId);
  if (own.length > 0) return own;
  for (const categoryId of target.categoryPath) {
    const inCategory = rules.filter((r) => r.productId === null && r.categoryId === categoryId);
    if (inCategory.length > 0) return inCategory;
  }
  const ofKind = rules.filter((r) => r.productId === null && r.categoryId === null && r.productKind === target.kind);
  if (ofKind.length > 0) return ofKind;
  return rules.filter((r) => r.productId === null && r.categoryId === null && r.productKind === null);
}

/** The rule of a schedule (sorted from_day descending) that a lot of this age has reached, if any. */
export function ruleForAge(schedule: readonly MarkdownRule[], age: number): MarkdownRule | null {
  return schedule.find((r) => age >= r.fromDay) ?? null;
}

/** The product's kind and category path (nearest first), or null for an unknown product. */
export function ruleTarget(db: Database, productId: string): RuleTarget | null {
  const row = statement(db, 'SELECT kind, category_id FROM products WHERE id = ?').get(productId) as
    | { kind: string; category_id: string | null }
    | undefined;
  if (!row) return null;
  return { productId, kind: row.kind, categoryPath: categoryPath(db, row.category_id) };
}

/** A category and its parents, nearest first (a cycle, impossible by the catalogue's rules, stops the walk). */
export function categoryPath(db: Database, categoryId: string | null): string[] {
  const path: string[] = [];
  const parent = statement(db, 'SELECT parent_id FROM categories WHERE id = ?');
  let at = categoryId;
  while (at !== null && !path.includes(at)) {
    path.push(at);
    at = ((parent.get(at) as { parent_id: string | null } | undefined)?.parent_id) ?? null;
  }
  return path;
}

/**
 * The automatic markdown for selling `quantity` of a product at `unitPrice` now: FIFO decides
 * which lots the units come from (planFifo, the same walk the commit will make), each part's age
 * decides its rule, and the amount is Σ per percent of (units × unit price) × percent, halves up.
 * When parts carry different percents the line shows the effective percent of the whole line.
 */
export function lineMarkdown(
  db: Database,
  input: {
    shopId: string;
    productId: string;
    quantity: number;
    unitPrice: number;
    now: Date;
    /** units of this product that earlier lines of the same sale take first (FIFO gives them the oldest lots) */
    after?: number;
  },
): LineMarkdown {
  if (input.quantity <= 0 || input.unitPrice <= 0) return NO_MARKDOWN;
  const rules = activeRules(db, input.shopId);
  if (rules.length === 0) return NO_MARKDOWN;
  const target = ruleTarget(db, input.productId);
  if (!target) return NO_MARKDOWN;
  const schedule = scheduleFor(rules, target);
  if (schedule.length === 0) return NO_MARKDOWN;

  const unitsByBp = new Map<number, number>();
  let skip = Math.max(0, input.after ?? 0);
  const plan = planFifo(db, input.productId, skip + input.quantity);
  // Units beyond the stock (sold ahead of a delivery not booked in yet, negative stock) ride on the
  // newest lot in the plan but are stems of that coming delivery: fresh, so no markdown for them.
  let real = Math.max(0, plan.available - skip);
  for (const part of plan.parts) {
    const skipped = Math.min(skip, part.quantity);
    skip -= skipped;
    const units = Math.min(real, part.quantity - skipped);
    real -= units;
    if (units <= 0) continue;
    const rule = ruleForAge(schedule, ageDays(part.arrivedAt, input.now));
    if (rule) unitsByBp.set(rule.percentBp, (unitsByBp.get(rule.percentBp) ?? 0) + units);
  }
  if (unitsByBp.size === 0) return NO_MARKDOWN;
  let amount = 0;
  for (const [bp, units] of unitsByBp) amount += percentOf(units * input.unitPrice, bp);
  if (amount <= 0) return NO_MARKDOWN;
  const [onlyBp] = unitsByBp.keys();
  const bp =
    unitsByBp.size === 1 && onlyBp !== undefined
      ? onlyBp
      : Math.min(10_000, Math.max(1, Math.round((amount * 10_000) / (input.quantity * input.unitPrice))));
  return { amount, bp };
}
