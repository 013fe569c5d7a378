import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { MAX_MONEY } from '../api/schemas';
import { pickName, readProductNames } from '../catalog/names';
import { productNotFound, readerLanguage } from '../catalog/products';
import { currentShopId } from '../shops/current';

/**
 * The stock ledger. Every change of stock is a signed movement on one lot, at that lot's cost;
 * the movements are append-only and `lot_balances` follows them by trigger (migration 0002).
 * These functions run inside the caller's transaction: a sale, a write-off or an arrival writes
 * its movements together with its own document, or nothing.
 */

/** What a movement belongs to. Sales, returns and write-offs come with the counter; arrivals and assembly with the flowers issue. */
export const STOCK_DOCUMENT_TYPES = ['opening', 'arrival', 'sale', 'return', 'writeoff', 'adjustment', 'assembly'] as const;
export type StockDocumentType = (typeof STOCK_DOCUMENT_TYPES)[number];

/** Largest quantity one movement may carry: far beyond any shop, well inside exact integer sums. */
export const MAX_STOCK_QUANTITY = 10_000_000;

const MS_PER_DAY = 86_400_000;

export interface Movement {
  id: string;
  lotId: string;
  /** signed: + in, − out */
  quantity: number;
  unitCost: number;
}

export interface Consumption {
  movements: Movement[];
  /** Σ |quantity| × unit cost over the movements, minor units. */
  costOfGoods: number;
  /** How much went below zero (allowed negative stock only); 0 when stock covered it. */
  shortfall: number;
}

export interface LotView {
  lotId: string;
  arrivedAt: string;
  unitCost: number;
  quantityReceived: number;
  /** what the lot holds now */
  quantity: number;
  /** whole days since arrival */
  ageDays: number;
  /** quantity × unit cost, minor units */
  value: number;
}

interface LotRow {
  lot_id: string;
  quantity: number;
  unit_cost: number;
}

function shopOf(ctx: CallContext): string {
  // The demo seed runs before the dispatcher knows the shop: it has just been written.
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return shopId;
}

function checkQuantity(quantity: number, field = 'quantity'): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0 || quantity > MAX_STOCK_QUANTITY) {
    throw new AppError('invalid_input', 'errors:stock.quantityInvalid', { field, params: { max: MAX_STOCK_QUANTITY } });
  }
}

function checkDocument(documentType: string, documentId: string): void {
  if (!(STOCK_DOCUMENT_TYPES as readonly string[]).includes(documentType) || documentId.length === 0) {
    // A programming error, not the user's: callers pass constants.
    throw new Error(`bad stock document ${documentType}:${documentId}`);
  }
}

function productName(ctx: CallContext, productId: string): string {
  return pickName(readProductNames(ctx.db, productId), readerLanguage(ctx));
}

/** The product, refused when it is unknown or a service (services hold no stock). */
function stockedProduct(ctx: CallContext, productId: string): void {
  const row = statement(ctx.db, 'SELECT kind FROM products WHERE id = ?').get(productId) as { kind: string } | undefined;
  if (!row) throw productNotFound('productId');
  if (row.kind === 'service') {
    throw new AppError('conflict', 'errors:stock.notStocked', { field: 'productId', params: { product: productName(ctx, productId) } });
  }
}

function writeMovement(
  ctx: CallContext,
  shopId: string,
  m: { lotId: string; productId: string; quantity: number; unitCost: number },
  doc: { documentType: StockDocumentType; documentId: string },
): Movement {
  const id = ctx.newId();
  statement(
    ctx.db,
    `INSERT INTO stock_movements (id, shop_id, lot_id, product_id, quantity, unit_cost, document_type, document_id, at, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, shopId, m.lotId, m.productId, m.quantity, m.unitCost, doc.documentType, doc.documentId, ctx.now().toISOString(), ctx.session?.userId ?? null);
  return { id, lotId: m.lotId, quantity: m.quantity, unitCost: m.unitCost };
}

export interface ReceiveLotInput {
  productId: string;
  quantity: number;
  /** minor units per unit */
  unitCost: number;
  /** ISO date-time of arrival; FIFO order follows it */
  arrivedAt: string;
  documentType: StockDocumentType;
  documentId: string;
}

/** A new lot with its incoming movement. */
export function receiveLot(ctx: CallContext, input: ReceiveLotInput): { lotId: string; movement: Movement } {
  checkDocument(input.documentType, input.documentId);
  checkQuantity(input.quantity);
  if (!Number.isSafeInteger(input.unitCost) || input.unitCost < 0 || input.unitCost > MAX_MONEY) {
    throw new AppError('invalid_input', 'errors:stock.costInvalid', { field: 'unitCost' });
  }
  const arrived = Date.parse(input.arrivedAt);
  if (Number.isNaN(arrived)) throw new AppError('invalid_input', 'errors:stock.dateInvalid', { field: 'arrivedAt' });
  stockedProduct(ctx, input.productId);
  const shopId = shopOf(ctx);
  const lotId = ctx.newId();
  // Stored normalised, so that text order is time order for FIFO.
  const arrivedAt = new Date(arrived).toISOString();
  statement(
    ctx.db,
    `INSERT INTO lots (id, shop_id, product_id, arrived_at, unit_cost, quantity_received, document_type, document_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(lotId, shopId, input.productId, arrivedAt, input.unitCost, input.quantity, input.documentType, input.documentId, ctx.now().toISOString());
  const movement = writeMovement(
    ctx,
    shopId,
    { lotId, productId: input.productId, quantity: input.quantity, unitCost: input.unitCost },
    input,
  );
  return { lotId, movement };
}

export interface ConsumeInput {
  productId: string;
  quantity: number;
  documentType: StockDocumentType;
  documentId: string;
  /** The shop sells what is not yet booked in: the shortfall goes onto the newest lot, below zero. */
  allowNegative?: boolean;
}

export interface FifoPart {
  lotId: string;
  quantity: number;
  unitCost: number;
  arrivedAt: string;
}

export interface FifoPlan {
  /** the lots FIFO takes from, oldest first, and how much from each; a shortfall rides on the newest lot */
  parts: FifoPart[];
  /** what the product holds over its lots with stock */
  available: number;
  /** how much is missing (goes below zero when the shop allows negative stock) */
  shortfall: number;
  /** Σ quantity × unit cost over the parts: what taking it would cost now (0 for a shortfall with no lot ever) */
  cost: number;
}

/**
 * What taking `quantity` of a product would take, oldest arrival first, without writing anything:
 * the one FIFO walk that consumption, recipe costs, markdowns and count values all share.
 */
export function planFifo(db: Database, productId: string, quantity: number): FifoPlan {
  const lots = statement(
    db,
    `SELECT b.lot_id, b.quantity, l.unit_cost, b.arrived_at FROM lot_balances b JOIN lots l ON l.id = b.lot_id
      WHERE b.product_id = ? AND b.quantity > 0 ORDER BY b.arrived_at, b.lot_id`,
  ).all(productId) as (LotRow & { arrived_at: string })[];
  const parts: FifoPart[] = [];
  let available = 0;
  let left = quantity;
  for (const lot of lots) {
    available += lot.quantity;
    if (left === 0) continue;
    const take = Math.min(left, lot.quantity);
    parts.push({ lotId: lot.lot_id, quantity: take, unitCost: lot.unit_cost, arrivedAt: lot.arrived_at });
    left -= take;
  }
  if (left > 0) {
    const newest = statement(
      db,
      'SELECT id AS lot_id, 0 AS quantity, unit_cost, arrived_at FROM lots WHERE product_id = ? ORDER BY arrived_at DESC, id DESC LIMIT 1',
    ).get(productId) as (LotRow & { arrived_at: string }) | undefined;
    if (newest) {
      const already = parts.find((p) => p.lotId === newest.lot_id);
      if (already) already.quantity += left;
      else parts.push({ lotId: newest.lot_id, quantity: left, unitCost: newest.unit_cost, arrivedAt: newest.arrived_at });
    }
  }
  return { parts, available, shortfall: left, cost: parts.reduce((sum, p) => sum + p.quantity * p.unitCost, 0) };
}

/**
 * Takes stock out oldest arrival first, one movement per lot, each at its lot's cost. Refuses
 * (writing nothing) when stock is short and negative stock is not allowed.
 */
export function consumeFifo(ctx: CallContext, input: ConsumeInput): Consumption {
  checkDocument(input.documentType, input.documentId);
  checkQuantity(input.quantity);
  stockedProduct(ctx, input.productId);
  const plan = planFifo(ctx.db, input.productId, input.quantity);
  if (plan.shortfall > 0 && !input.allowNegative) {
    throw new AppError('conflict', 'errors:stock.insufficient', {
      field: 'quantity',
      params: { product: productName(ctx, input.productId), wanted: input.quantity, available: plan.available },
    });
  }
  if (plan.parts.reduce((sum, p) => sum + p.quantity, 0) < input.quantity) {
    throw new AppError('conflict', 'errors:stock.noLots', { field: 'productId', params: { product: productName(ctx, input.productId) } });
  }
  const shopId = shopOf(ctx);
  const movements = plan.parts.map((part) =>
    writeMovement(ctx, shopId, { lotId: part.lotId, productId: input.productId, quantity: -part.quantity, unitCost: part.unitCost }, input),
  );
  return { movements, costOfGoods: plan.cost, shortfall: plan.shortfall };
}

export interface ReturnInput {
  lotId: string;
  quantity: number;
  documentType: StockDocumentType;
  documentId: string;
}

/**
 * Puts stock back into the lot it came from, at that lot's cost (a returned sale line). Whether
 * that much was sold is the returning document's rule, not the ledger's.
 */
export function returnToLot(ctx: CallContext, input: ReturnInput): Movement {
  checkDocument(input.documentType, input.documentId);
  checkQuantity(input.quantity);
  const lot = statement(ctx.db, 'SELECT product_id, unit_cost FROM lots WHERE id = ?').get(input.lotId) as
    | { product_id: string; unit_cost: number }
    | undefined;
  if (!lot) throw new AppError('not_found', 'errors:stock.lotNotFound', { field: 'lotId' });
  return writeMovement(
    ctx,
    shopOf(ctx),
    { lotId: input.lotId, productId: lot.product_id, quantity: input.quantity, unitCost: lot.unit_cost },
    input,
  );
}

export interface LotConsumeInput {
  lotId: string;
  quantity: number;
  documentType: StockDocumentType;
  documentId: string;
  /**
   * The same units were put into this lot earlier in the caller's transaction (a returned item
   * written off): the lot ends where it was, so a lot already below zero (negative stock) is no refusal.
   */
  justReturned?: boolean;
}

/**
 * Takes stock out of one chosen lot at its cost (a write-off of the wilted stems in that bucket).
 * Never takes a lot below zero: more than the lot holds is refused, naming the product and what
 * the lot holds, before anything is written.
 */
export function consumeFromLot(ctx: CallContext, input: LotConsumeInput): Movement & { productId: string } {
  checkDocument(input.documentType, input.documentId);
  checkQuantity(input.quantity);
  const lot = statement(
    ctx.db,
    'SELECT l.product_id, l.unit_cost, b.quantity FROM lots l JOIN lot_balances b ON b.lot_id = l.id WHERE l.id = ? AND l.shop_id = ?',
  ).get(input.lotId, shopOf(ctx)) as { product_id: string; unit_cost: number; quantity: number } | undefined;
  if (!lot) throw new AppError('not_found', 'errors:stock.lotNotFound', { field: 'lotId' });
  if (input.quantity > lot.quantity && !input.justReturned) {
    throw new AppError('conflict', 'errors:writeoffs.lotShort', {
      field: 'quantity',
      params: { product: productName(ctx, lot.product_id), wanted: input.quantity, available: Math.max(0, lot.quantity) },
    });
  }
  const movement = writeMovement(
    ctx,
    shopOf(ctx),
    { lotId: input.lotId, productId: lot.product_id, quantity: -input.quantity, unitCost: lot.unit_cost },
    input,
  );
  return { ...movement, productId: lot.product_id };
}

/** What the product holds over all its lots (negative when sold ahead of arrivals). */
export function productBalance(db: Database, productId: string): number {
  return statement(db, 'SELECT coalesce(sum(quantity), 0) FROM lot_balances WHERE product_id = ?').pluck().get(productId) as number;
}

/** The product's lots that hold stock (or are below zero), oldest first, with age and value. */
export function lotsOf(db: Database, productId: string, now: Date = new Date()): LotView[] {
  const rows = statement(
    db,
    `SELECT l.id, l.arrived_at, l.unit_cost, l.quantity_received, b.quantity
       FROM lot_balances b JOIN lots l ON l.id = b.lot_id
      WHERE b.product_id = ? AND b.quantity <> 0 ORDER BY b.arrived_at, b.lot_id`,
  ).all(productId) as { id: string; arrived_at: string; unit_cost: number; quantity_received: number; quantity: number }[];
  return rows.map((r) => ({
    lotId: r.id,
    arrivedAt: r.arrived_at,
    unitCost: r.unit_cost,
    quantityReceived: r.quantity_received,
    quantity: r.quantity,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(r.arrived_at)) / MS_PER_DAY)),
    value: r.quantity * r.unit_cost,
  }));
}
