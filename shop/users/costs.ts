import type { CallContext } from '../api/define';

/**
 * Who sees what the shop paid for stock (unit costs, lot values, the cost of write-offs and of count
 * differences): the one rule, enforced in the backend. A cashier or florist sees quantities only.
 */
export function canSeeCost(ctx: CallContext): boolean {
  return ctx.session?.permissions.has('reports.view') ?? false;
}

/** Bouquet costs also for whoever edits recipes: their prices are built on those costs. */
export function canSeeBouquetCost(ctx: CallContext): boolean {
  return canSeeCost(ctx) || (ctx.session?.permissions.has('recipes.manage') ?? false);
}
