import { z } from 'zod';
import { handler, type CallContext } from '../../shop/api/define';
import { AppError } from '../../shop/api/errors';
import { consumeFifo, receiveLot } from '../../shop/stock/ledger';
import { registerId } from '../../shop/shifts/register';

/**
 * Test-only handlers the crash child adds to the real handler map. `crashTest.restock` keeps the
 * demo shop selling through 2,000 sales (a lot per low product, through the real ledger). The
 * other two stand in for `shifts.open` and `sales.commit` while those are not there: they write a
 * sale the way the schema (migration 0003) defines one, in direct SQL, so the harness and the
 * checker can be proven before the real handler exists, and the checker has a known-good writer
 * to compare against.
 */

const idSchema = z.string().min(1);
const draftLine = z
  .object({
    productId: idSchema,
    quantity: z.number().int().min(1),
    discount: z.object({ kind: z.literal('percent'), value: z.number().int().min(1).max(10000), reason: z.string() }).strict().optional(),
    components: z.array(z.object({ productId: idSchema, quantity: z.number().int().min(1) }).strict()).optional(),
  })
  .strict();
const payment = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash'), tendered: z.number().int().min(0) }).strict(),
  z.object({ method: z.literal('card'), amount: z.number().int().min(1), reference: z.string().optional() }).strict(),
]);
export const fixtureSaleInput = z.object({ lines: z.array(draftLine).min(1), payments: z.array(payment).min(1), print: z.boolean().optional() }).strict();

function shopOf(ctx: CallContext): string {
  if (ctx.shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

function openShiftId(ctx: CallContext): string | null {
  const row = ctx.db
    .prepare(`SELECT id FROM shifts WHERE shop_id = ? AND register_id = ? AND closed_at IS NULL`)
    .get(shopOf(ctx), registerId(ctx.db)) as { id: string } | undefined;
  return row?.id ?? null;
}

/** The price arithmetic of a fixture sale: percent line discounts only, no rounding. */
export function fixtureLineTotal(unitPrice: number, quantity: number, discountBp: number): { discount: number; total: number } {
  const gross = unitPrice * quantity;
  const discount = Math.round((gross * discountBp) / 10000);
  return { discount, total: gross - discount };
}

type FixtureSaleInput = z.output<typeof fixtureSaleInput>;

interface PostedFixtureSale {
  saleId: string;
  shopId: string;
  number: number;
  total: number;
  card: number;
}

/** The sale with its lines, stock and audit entry, but not its payments: `writeFixturePayments` adds them. */
function postFixtureSale(ctx: CallContext, input: FixtureSaleInput): PostedFixtureSale {
  const shopId = shopOf(ctx);
  const shiftId = openShiftId(ctx);
  if (!shiftId) throw new AppError('conflict', 'errors:shifts.noOpenShift');
  const saleId = ctx.newId();
  const at = ctx.now().toISOString();
  const shop = ctx.db.prepare(`SELECT currency, allow_negative_stock FROM shops WHERE id = ?`).get(shopId) as { currency: string; allow_negative_stock: number };
  const number = ctx.db.prepare(`SELECT coalesce(max(number), 0) + 1 FROM sales WHERE shop_id = ?`).pluck().get(shopId) as number;

  const priced = input.lines.map((line) => {
    const price = ctx.db.prepare(`SELECT price FROM products WHERE id = ?`).pluck().get(line.productId) as number | undefined;
    if (price === undefined) throw new AppError('not_found', 'errors:catalog.productNotFound');
    return { line, price, ...fixtureLineTotal(price, line.quantity, line.discount?.value ?? 0) };
  });
  const total = priced.reduce((s, p) => s + p.total, 0);
  const card = input.payments.reduce((s, p) => s + (p.method === 'card' ? p.amount : 0), 0);
  const tendered = input.payments.reduce((s, p) => s + (p.method === 'cash' ? p.tendered : 0), 0);
  if (card > total || card + tendered < total) throw new AppError('invalid_input', 'errors:sales.underpaid');

  // The sale row first: its lines and payments point at it. Its cost is known only after the stock moves,
  // and posted sales are never updated, so the stock moves are planned inside this same transaction first.
  const costs = priced.map((p) => {
    const takes = p.line.components ?? [{ productId: p.line.productId, quantity: 1 }];
    const kind = ctx.db.prepare(`SELECT kind FROM products WHERE id = ?`).pluck().get(p.line.productId) as string;
    if (!p.line.components && kind === 'service') return 0;
    return takes.reduce((cost, take) => {
      const c = consumeFifo(ctx, {
        productId: take.productId,
        quantity: take.quantity * p.line.quantity,
        documentType: 'sale',
        documentId: saleId,
        allowNegative: shop.allow_negative_stock === 1,
      });
      return cost + c.costOfGoods;
    }, 0);
  });
  const cost = costs.reduce((s, c) => s + c, 0);
  const subtotal = priced.reduce((s, p) => s + p.price * p.line.quantity, 0);
  const discountTotal = priced.reduce((s, p) => s + p.discount, 0);
  ctx.db
    .prepare(
      `INSERT INTO sales (id, shop_id, shift_id, kind, number, at, cashier_id, currency, subtotal, discount_total, rounding, total, cost_of_goods)
       VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    .run(saleId, shopId, shiftId, number, at, ctx.session?.userId, shop.currency, subtotal, discountTotal, total, cost);
  priced.forEach((p, i) => {
    ctx.db
      .prepare(
        `INSERT INTO sale_lines (id, sale_id, shop_id, line_no, product_id, name, quantity, list_price, unit_price, line_discount, discount, total, cost_of_goods, components)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        ctx.newId(), saleId, shopId, i + 1, p.line.productId, p.line.productId, p.line.quantity, p.price, p.price,
        p.line.discount ? JSON.stringify(p.line.discount) : null, p.discount, p.total, costs[i],
        p.line.components ? JSON.stringify(p.line.components) : null,
      );
  });
  ctx.audit({ action: 'sales.posted', entity: 'sale', entityId: saleId, details: { number, total } });
  ctx.emit({ type: 'sales.changed', saleId });
  return { saleId, shopId, number, total, card };
}

function writeFixturePayments(ctx: CallContext, sale: PostedFixtureSale, payments: FixtureSaleInput['payments']): void {
  const { saleId, shopId, total, card } = sale;
  let cashDue = total - card;
  for (const pay of payments) {
    if (pay.method === 'card') {
      ctx.db.prepare(`INSERT INTO sale_payments (id, sale_id, shop_id, method, amount, reference) VALUES (?, ?, ?, 'card', ?, ?)`).run(ctx.newId(), saleId, shopId, pay.amount, pay.reference ?? null);
    } else if (cashDue > 0) {
      const amount = Math.min(cashDue, pay.tendered);
      ctx.db
        .prepare(`INSERT INTO sale_payments (id, sale_id, shop_id, method, amount, tendered, change) VALUES (?, ?, ?, 'cash', ?, ?, ?)`)
        .run(ctx.newId(), saleId, shopId, amount, pay.tendered, pay.tendered - amount);
      cashDue -= amount;
    }
  }
}

/** How long the torn writer leaves a sale without its payments: most of its time, so kills land there. */
const TORN_GAP_MS = 100;

export const crashFixtureHandlers = {
  'crashTest.restock': handler({
    access: 'signedIn',
    input: z.object({ below: z.number().int().min(1), quantity: z.number().int().min(1) }).strict(),
    run: (ctx, input) => {
      const low = ctx.db
        .prepare(
          `SELECT p.id FROM products p LEFT JOIN lot_balances b ON b.product_id = p.id
            WHERE p.kind <> 'service' AND p.archived = 0 GROUP BY p.id HAVING coalesce(sum(b.quantity), 0) < ?`,
        )
        .pluck()
        .all(input.below) as string[];
      const documentId = ctx.newId();
      for (const productId of low) {
        const cost = ctx.db.prepare(`SELECT unit_cost FROM lots WHERE product_id = ? ORDER BY arrived_at DESC LIMIT 1`).pluck().get(productId) as
          | number
          | undefined;
        receiveLot(ctx, { productId, quantity: input.quantity, unitCost: cost ?? 100, arrivedAt: ctx.now().toISOString(), documentType: 'arrival', documentId });
      }
      return { products: low.length };
    },
  }),

  'crashTest.openShift': handler({
    access: 'signedIn',
    input: z.object({ openingFloat: z.number().int().min(0) }).strict(),
    run: (ctx, input) => {
      const existing = openShiftId(ctx);
      if (existing) return { id: existing };
      const shopId = shopOf(ctx);
      const register = registerId(ctx.db);
      const number = (ctx.db.prepare(`SELECT coalesce(max(number), 0) + 1 FROM shifts WHERE shop_id = ? AND register_id = ?`).pluck().get(shopId, register) as number);
      const id = ctx.newId();
      ctx.db
        .prepare(`INSERT INTO shifts (id, shop_id, register_id, number, opened_at, opened_by, opening_float) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(id, shopId, register, number, ctx.now().toISOString(), ctx.session?.userId, input.openingFloat);
      return { id };
    },
  }),

  'crashTest.sale': handler({
    access: 'sales.sell',
    input: fixtureSaleInput,
    run: (ctx, input) => {
      const sale = postFixtureSale(ctx, input);
      writeFixturePayments(ctx, sale, input.payments);
      return { saleId: sale.saleId, number: sale.number, total: sale.total };
    },
  }),

  /**
   * A deliberately broken writer: the sale in one transaction, its payments in another a moment
   * later. Killed in between, it leaves a sale without payments: the crash run must catch that,
   * which proves the run itself (not only the checker) can fail.
   */
  'crashTest.tornSale': handler({
    access: 'sales.sell',
    input: fixtureSaleInput,
    transaction: false,
    run: async (ctx, input) => {
      const sale = ctx.db.transaction(() => postFixtureSale(ctx, input))();
      await new Promise((resolve) => setTimeout(resolve, TORN_GAP_MS));
      ctx.db.transaction(() => writeFixturePayments(ctx, sale, input.payments))();
      return { saleId: sale.saleId, number: sale.number, total: sale.total };
    },
  }),
};
