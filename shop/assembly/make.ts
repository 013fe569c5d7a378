import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { consumeFifo, receiveLot } from '../stock/ledger';
import { assemblyShop, planAssembly, readVariant, unitCostOf, type ComponentQuantity } from './plan';

export interface MakeInput {
  variantId: string;
  quantity: number;
  /** the florist's actual components per bouquet; absent: the recipe's */
  components?: ComponentQuantity[] | undefined;
  note?: string | undefined;
  requestId?: string | undefined;
}

export interface MakeResult {
  assemblyId: string;
  number: number;
  lotId: string;
  /** the ready lot's cost per bouquet: components cost ÷ N, halves up */
  unitCost: number;
  componentsCost: number;
}

function nextNumber(db: Database, shopId: string): number {
  return statement(db, 'SELECT coalesce(max(number), 0) + 1 FROM assemblies WHERE shop_id = ?').pluck().get(shopId) as number;
}

/** The assembly a repeated request already posted (lost answer, double press), answered as the first time. */
function madeForRequest(db: Database, shopId: string, requestId: string): MakeResult | null {
  const row = statement(
    db,
    'SELECT id, number, lot_id, unit_cost, components_cost FROM assemblies WHERE shop_id = ? AND request_id = ?',
  ).get(shopId, requestId) as { id: string; number: number; lot_id: string; unit_cost: number; components_cost: number } | undefined;
  return row
    ? { assemblyId: row.id, number: row.number, lotId: row.lot_id, unitCost: row.unit_cost, componentsCost: row.components_cost }
    : null;
}

/**
 * Makes N bouquets of a recipe size in one transaction: the components leave stock oldest lot
 * first (documentType 'assembly'), the bouquets arrive as ONE lot dated now at their real cost, and
 * the recipe-against-actual difference is frozen per component. Refused, writing nothing, with the
 * list of what is short unless the shop allows negative stock.
 *
 * Rounding: the lot carries one unit cost, components cost ÷ N with halves up, so the lot's value
 * (unit cost × N) may differ from the components' cost by less than N/2 minor units; the assembly
 * keeps the exact components cost.
 */
export function makeBouquets(ctx: CallContext, input: MakeInput, madeBy?: string): MakeResult {
  // The florist signed in; the demo seed names its florist instead.
  const userId = ctx.session?.userId ?? madeBy;
  if (userId === undefined) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  const shopId = assemblyShop(ctx);
  if (input.requestId !== undefined) {
    const made = madeForRequest(ctx.db, shopId, input.requestId);
    if (made) return made;
  }
  const variant = readVariant(ctx, input.variantId);
  if (variant.recipeArchived) throw new AppError('conflict', 'errors:assembly.recipeArchived', { field: 'variantId', params: { recipe: variant.recipeName } });
  const plan = planAssembly(ctx, variant, input.quantity, input.components);
  if (plan.short.length > 0 && !plan.allowNegative) {
    throw new AppError('conflict', 'errors:assembly.short', {
      field: 'quantity',
      params: {
        bouquets: input.quantity,
        list: plan.short.map((s) => `${s.name} — ${s.missing}`).join('; '),
      },
    });
  }
  const noLots = plan.components.find((c) => c.actualQuantity > 0 && c.noLots);
  if (noLots) {
    throw new AppError('conflict', 'errors:assembly.neverReceived', { field: 'components', params: { product: noLots.name } });
  }

  // Writes start here; a refusal below rolls them back with the dispatcher's transaction.
  const assemblyId = ctx.newId();
  const doc = { documentType: 'assembly' as const, documentId: assemblyId, allowNegative: plan.allowNegative };
  const costs = plan.components.map((c) =>
    c.actualQuantity > 0 ? consumeFifo(ctx, { ...doc, productId: c.productId, quantity: c.actualQuantity }).costOfGoods : 0,
  );
  const componentsCost = costs.reduce((s, c) => s + c, 0);
  const unitCost = unitCostOf(componentsCost, input.quantity);
  const at = ctx.now().toISOString();
  const { lotId } = receiveLot(ctx, {
    productId: variant.productId,
    quantity: input.quantity,
    unitCost,
    // Made now: the ready bouquets age from today like any other lot.
    arrivedAt: at,
    documentType: 'assembly',
    documentId: assemblyId,
  });
  const number = nextNumber(ctx.db, shopId);
  statement(
    ctx.db,
    `INSERT INTO assemblies (id, shop_id, number, variant_id, product_id, quantity, at, user_id, components_cost, unit_cost, lot_id, note, request_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    assemblyId,
    shopId,
    number,
    variant.id,
    variant.productId,
    input.quantity,
    at,
    userId,
    componentsCost,
    unitCost,
    lotId,
    input.note?.trim() ? input.note.trim() : null,
    input.requestId ?? null,
  );
  const insertComponent = statement(
    ctx.db,
    `INSERT INTO assembly_components (assembly_id, line_no, product_id, recipe_quantity, actual_quantity, cost, recipe_cost)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  plan.components.forEach((c, i) => {
    insertComponent.run(assemblyId, c.lineNo, c.productId, c.recipeQuantity, c.actualQuantity, costs[i] ?? 0, c.recipeCost);
  });

  ctx.audit({
    action: 'assembly.made',
    actorId: userId,
    entity: 'assembly',
    entityId: assemblyId,
    details: {
      number,
      recipe: variant.recipeName,
      size: variant.size,
      productId: variant.productId,
      quantity: input.quantity,
      componentsCost,
      unitCost,
      ...(plan.substituted ? { substituted: true } : {}),
      ...(plan.short.length > 0 ? { belowZero: plan.short.map((s) => ({ productId: s.productId, missing: s.missing })) } : {}),
    },
  });
  ctx.emit({ type: 'stock.changed' });
  return { assemblyId, number, lotId, unitCost, componentsCost };
}
