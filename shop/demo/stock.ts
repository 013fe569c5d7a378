import type { CallContext } from '../api/define';
import type { Currency } from '../api/schemas';
import { receiveLot } from '../stock/ledger';
import type { DemoProduct } from './catalog-data';

/**
 * Opening stock for the demo shop: what a florist has in the cold room on the day Posy starts,
 * as lots that arrived over the last six days, so FIFO and ages have something to show.
 * Everything is derived from the product's position, not a random source: every demo shop
 * (and every test run) holds the same stock.
 */

const DAY_MS = 86_400_000;

/** A small, fixed spread of numbers from a product's position and a salt. */
function spread(n: number, salt: number): number {
  const x = Math.sin(n * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** A value in [min, max] in steps of `step`. */
function pick(n: number, salt: number, min: number, max: number, step: number): number {
  const steps = Math.floor((max - min) / step);
  return min + Math.round(spread(n, salt) * steps) * step;
}

/** What one delivery of the product brings, in its unit. */
function deliveredQuantity(p: DemoProduct, n: number): number {
  switch (p.kind) {
    case 'cut_flower':
      if (p.category === 'roses') return pick(n, 1, 50, 200, 10);
      if (p.category === 'tulips') return pick(n, 1, 30, 150, 10);
      if (p.category === 'chrysanthemums') return pick(n, 1, 20, 80, 5);
      return pick(n, 1, 10, 60, 5);
    case 'greenery':
      return p.unit === 'bunch' ? pick(n, 1, 5, 15, 1) : pick(n, 1, 20, 60, 5);
    case 'consumable':
      return p.unit === 'metre' ? pick(n, 1, 50, 200, 25) : pick(n, 1, 10, 100, 5);
    case 'plant':
      return pick(n, 1, 2, 10, 1);
    case 'ready_item':
      return pick(n, 1, 1, 5, 1);
    case 'service':
      return 0;
  }
}

/** What share of the shelf price the shop paid: a florist marks up two to three times. */
function costShare(p: DemoProduct, n: number): number {
  const base = p.kind === 'plant' ? 0.5 : p.kind === 'ready_item' ? 0.45 : 0.33;
  return base + spread(n, 2) * 0.1;
}

/** Suppliers invoice to the smallest coin in use: tetri, whole roubles and tenge, hundreds of so'm. */
const COST_STEP: Record<Currency, number> = { GEL: 5, USD: 1, EUR: 1, RUB: 100, KZT: 100, UZS: 100_00 };

function unitCost(price: number, share: number, currency: Currency): number {
  const step = COST_STEP[currency];
  return Math.max(step, Math.round((price * share) / step) * step);
}

export interface OpeningItem {
  productId: string;
  product: DemoProduct;
  /** the shelf price in the shop's currency, minor units */
  price: number;
}

/**
 * One opening lot per stocked product, and for every third flower and green a second, fresher
 * delivery at a slightly different cost (the older one is what FIFO sells first).
 */
export function seedOpeningStock(ctx: CallContext, items: readonly OpeningItem[], currency: Currency): void {
  const documentId = ctx.newId();
  const today = Math.floor(ctx.now().getTime() / DAY_MS) * DAY_MS;
  items.forEach(({ productId, product, price }, n) => {
    const quantity = deliveredQuantity(product, n);
    if (quantity === 0 || price === 0) return;
    const perishable = product.kind === 'cut_flower' || product.kind === 'greenery';
    // Deliveries come early in the morning: 04:00–07:00 UTC is 7 to 12 o'clock in Moscow,
    // Tbilisi, Almaty and Tashkent.
    const arrivedAt = (daysAgo: number) =>
      new Date(today - daysAgo * DAY_MS + (4 * 60 + pick(n, 3, 0, 180, 15)) * 60_000).toISOString();
    const share = costShare(product, n);
    const twoDeliveries = perishable && n % 3 === 0;
    receiveLot(ctx, {
      productId,
      quantity,
      unitCost: unitCost(price, share, currency),
      arrivedAt: arrivedAt(twoDeliveries ? pick(n, 4, 4, 6, 1) : pick(n, 4, 1, 6, 1)),
      documentType: 'opening',
      documentId,
    });
    if (twoDeliveries) {
      receiveLot(ctx, {
        productId,
        quantity: Math.max(5, Math.round(quantity / 2 / 5) * 5),
        unitCost: unitCost(price, share + (spread(n, 5) - 0.5) * 0.06, currency),
        arrivedAt: arrivedAt(pick(n, 6, 1, 2, 1)),
        documentType: 'opening',
        documentId,
      });
    }
  });
}
