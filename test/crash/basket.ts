import type { Database } from 'better-sqlite3';
import type { Random } from './random';

/**
 * A random customer at the counter: 1–5 lines of products that have stock, now and then a line
 * discount within a cashier's own limit, and now and then a bouquet made up at the counter (a line
 * whose stock is its components).
 */
export interface BasketLine {
  productId: string;
  quantity: number;
  discount?: { kind: 'percent'; value: number; reason: string };
  components?: { productId: string; quantity: number }[];
}

/** A product on the shelf and how much of it there is. */
export interface Stocked {
  id: string;
  kind: string;
  quantity: number;
}

/** Flowers a bouquet is made of. */
const BOUQUET_KINDS = new Set(['cut_flower', 'greenery']);

/** What the shelf holds now, read once and then kept by `takeFromShelf` (one query per sale costs a third of the child's time). */
export function readShelf(db: Database): Map<string, Stocked> {
  const rows = db
    .prepare(
      `SELECT p.id, p.kind, sum(b.quantity) AS quantity FROM products p JOIN lot_balances b ON b.product_id = p.id
        WHERE p.archived = 0 AND p.kind <> 'service' GROUP BY p.id HAVING sum(b.quantity) > 0 ORDER BY p.id`,
    )
    .all() as Stocked[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** What a committed basket took off the shelf: each plain line, or each bouquet's components. */
export function takeFromShelf(shelf: Map<string, Stocked>, lines: readonly BasketLine[]): void {
  const take = (productId: string, quantity: number) => {
    const item = shelf.get(productId);
    if (item) item.quantity -= quantity;
  };
  for (const line of lines) {
    if (line.components) for (const c of line.components) take(c.productId, c.quantity * line.quantity);
    else take(line.productId, line.quantity);
  }
}

export function randomBasket(shelf: Map<string, Stocked>, rng: Random, opts: { bouquetProductId: string | null }): BasketLine[] {
  const stocked = [...shelf.values()].filter((s) => s.quantity > 0);
  const left = new Map(stocked.map((s) => [s.id, s.quantity]));
  const take = (max: number, product: Stocked) => {
    const quantity = Math.min(rng.int(1, max), left.get(product.id) ?? 0);
    left.set(product.id, (left.get(product.id) ?? 0) - quantity);
    return quantity;
  };
  const available = () => stocked.filter((s) => (left.get(s.id) ?? 0) > 0);

  const lines: BasketLine[] = [];
  const count = rng.int(1, 5);
  for (let i = 0; i < count; i++) {
    if (opts.bouquetProductId && rng.chance(0.2)) {
      const flowers = available().filter((s) => BOUQUET_KINDS.has(s.kind));
      const components: { productId: string; quantity: number }[] = [];
      const used = new Set<string>();
      for (let c = rng.int(2, 6); c > 0 && flowers.length > 0; c--) {
        const flower = rng.pick(flowers);
        if (used.has(flower.id) || (left.get(flower.id) ?? 0) <= 0) continue;
        used.add(flower.id);
        components.push({ productId: flower.id, quantity: take(7, flower) });
      }
      if (components.length > 0) lines.push({ productId: opts.bouquetProductId, quantity: 1, components });
      continue;
    }
    const choices = available();
    if (choices.length === 0) break;
    const product = rng.pick(choices);
    const line: BasketLine = { productId: product.id, quantity: take(3, product) };
    if (rng.chance(0.1)) line.discount = { kind: 'percent', value: rng.int(1, 10) * 100, reason: 'crash test' };
    lines.push(line);
  }
  return lines;
}

export type Payment = { method: 'cash'; tendered: number } | { method: 'card'; amount: number; reference?: string };

/**
 * Cash, card or both: `total` before cash rounding, `cashTotal` after it (sales.quote's figures).
 * Card never pays more than is due; a split's cash part is tendered with `margin` to spare, since
 * rounding the cash part may take it up by half a rounding step.
 */
export function randomPayments(rng: Random, total: number, cashTotal: number, margin: number): Payment[] {
  const roundUp = (amount: number, to: number) => Math.ceil(amount / to) * to;
  const style = rng.pick(['cash', 'card', 'split'] as const);
  if (style === 'card' && total > 0) return [{ method: 'card', amount: total, reference: String(rng.int(100000, 999999)) }];
  if (style === 'split' && total > 1) {
    const card = rng.int(1, total - 1);
    return [{ method: 'card', amount: card }, { method: 'cash', tendered: roundUp(total - card + margin, 1000) }];
  }
  return [{ method: 'cash', tendered: rng.chance(0.3) ? cashTotal : roundUp(cashTotal + margin, 1000) }];
}
