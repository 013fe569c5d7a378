import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shop/api/errors';
import { DEMO_TILE_NAMES } from '../../shop/sales/tiles';
import { salesShop, type SalesEnv } from './sales-fixture';

/**
 * sales.quote / sales.commit through the real dispatcher on a real SQLite file (the demo shop in
 * English: lari, cash rounded to 5 tetri): FIFO cost of goods, bouquets, payments, approval, and
 * every refusal writing nothing.
 */
let s: SalesEnv;
let rose: string; // 10.00 GEL, lots 3 @ 4.00 then 5 @ 5.00
let tulip: string; // 3.33 GEL, 100 @ 1.00
let wrap: string; // 2.00 GEL, 50 @ 0.50
let bouquet: string; // a custom bouquet: 45.00 GEL, no stock of its own
let service: string;

beforeAll(async () => {
  s = await salesShop();
  rose = await s.product('Test rose', 1000, [
    { quantity: 3, unitCost: 400 },
    { quantity: 5, unitCost: 500 },
  ]);
  tulip = await s.product('Test tulip', 333, [{ quantity: 100, unitCost: 100 }]);
  wrap = await s.product('Test wrap', 200, [{ quantity: 50, unitCost: 50 }]);
  bouquet = await s.product('Custom bouquet', 4500, [], 'ready_item');
  service = await s.product('Test delivery', 1500, [], 'service');
});
afterAll(() => s.dispose());

const cash = (tendered: number) => ({ method: 'cash' as const, tendered });
const card = (amount: number) => ({ method: 'card' as const, amount });

async function refusedWithoutWrites(client: Parameters<SalesEnv['call']>[0], input: unknown) {
  const before = s.counts();
  const res = await s.call(client, 'sales.commit', input);
  expect(res.ok, JSON.stringify(res)).toBe(false);
  expect(s.counts()).toEqual(before);
  return (res as Extract<ApiResult<unknown>, { ok: false }>).error;
}

describe('a sale', () => {
  it('uses the shop defaults: lari rounds cash to 5 tetri', () => {
    expect(s.db.prepare('SELECT currency, cash_rounding FROM shops').get()).toEqual({ currency: 'GEL', cash_rounding: 5 });
  });

  it('quotes without writing: list price, total, cash total rounded, stock on the shelf', async () => {
    const before = s.counts();
    const q = await s.ok(s.cashier, 'sales.quote', { lines: [{ productId: tulip, quantity: 1 }] });
    expect(q).toMatchObject({
      lines: [{ productId: tulip, name: 'Test tulip', unit: 'stem', quantity: 1, listPrice: 333, unitPrice: 333, discount: 0, total: 333, stock: 100 }],
      subtotal: 333,
      discountTotal: 0,
      total: 333,
      cashTotal: 335,
      rounding: 2,
      client: null,
      approvalNeeded: null,
    });
    expect(s.counts()).toEqual(before);
  });

  it('takes stock oldest lot first and records the cost of goods across two lots', async () => {
    const res = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: rose, quantity: 4 }], payments: [cash(5000)] });
    expect(res).toMatchObject({ total: 4000, rounding: 0, change: 1000, printJobId: null });
    const line = s.db.prepare('SELECT quantity, total, cost_of_goods FROM sale_lines WHERE sale_id = ?').get(res.saleId);
    expect(line).toEqual({ quantity: 4, total: 4000, cost_of_goods: 3 * 400 + 1 * 500 });
    expect(s.db.prepare('SELECT cost_of_goods FROM sales WHERE id = ?').pluck().get(res.saleId)).toBe(1700);
    const moves = s.db
      .prepare("SELECT quantity, unit_cost FROM stock_movements WHERE document_type = 'sale' AND document_id = ? ORDER BY unit_cost")
      .all(res.saleId);
    expect(moves).toEqual([
      { quantity: -3, unit_cost: 400 },
      { quantity: -1, unit_cost: 500 },
    ]);
    expect(s.balance(rose)).toBe(4);
    const audit = s.db.prepare("SELECT action, entity_id FROM audit_log WHERE action = 'sales.posted' AND entity_id = ?").get(res.saleId);
    expect(audit).toBeDefined();
  });

  it('numbers receipts one after another', async () => {
    const a = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: tulip, quantity: 1 }], payments: [card(333)] });
    const b = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: tulip, quantity: 1 }], payments: [card(333)] });
    expect(b.number).toBe(a.number + 1);
    expect(a.rounding).toBe(0); // card only: never rounded
  });

  it('splits card and cash: the card pays exactly, the cash part is rounded and gives change', async () => {
    const res = await s.ok(s.cashier, 'sales.commit', {
      lines: [{ productId: tulip, quantity: 3 }], // 9.99
      payments: [{ method: 'card', amount: 500, reference: 'AUTH42' }, cash(1000)],
    });
    // 4.99 in cash rounds to 5.00; 10.00 handed over, 5.00 back
    expect(res).toMatchObject({ total: 1000, rounding: 1, change: 500 });
    const payments = s.db.prepare('SELECT method, amount, tendered, change, reference FROM sale_payments WHERE sale_id = ? ORDER BY method').all(res.saleId);
    expect(payments).toEqual([
      { method: 'card', amount: 500, tendered: null, change: 0, reference: 'AUTH42' },
      { method: 'cash', amount: 500, tendered: 1000, change: 500, reference: null },
    ]);
    const sale = s.db.prepare('SELECT subtotal, discount_total, rounding, total FROM sales WHERE id = ?').get(res.saleId);
    expect(sale).toEqual({ subtotal: 999, discount_total: 0, rounding: 1, total: 1000 });
  });

  it('the quote says what cash comes to beside a card, and exactly that amount settles the sale', async () => {
    const lines = [{ productId: tulip, quantity: 3 }]; // 9.99
    const plain = await s.ok(s.cashier, 'sales.quote', { lines });
    expect(plain.cashDue).toBe(plain.cashTotal);
    const split = await s.ok(s.cashier, 'sales.quote', { lines, cardAmount: 500 });
    expect(split.cashDue).toBe(500); // 4.99 rounds to the 5-tetri step
    const res = await s.ok(s.cashier, 'sales.commit', { lines, payments: [{ method: 'card', amount: 500 }, cash(split.cashDue)] });
    expect(res).toMatchObject({ total: 1000, change: 0 });
    expect(await s.call(s.cashier, 'sales.quote', { lines, cardAmount: -1 })).toMatchObject({ ok: false, error: { field: 'cardAmount' } });
  });

  it('a commit sent again with the same request id answers the sale already posted, and posts nothing more', async () => {
    const requestId = '0190d000-0000-7000-8000-00000000abcd';
    const input = { lines: [{ productId: tulip, quantity: 3 }], payments: [{ method: 'card' as const, amount: 500 }, cash(1000)], requestId };
    const count = () => s.db.prepare(`SELECT (SELECT count(*) FROM sales) || '/' || (SELECT count(*) FROM sale_payments) || '/' || (SELECT count(*) FROM stock_movements) || '/' || (SELECT count(*) FROM audit_log WHERE action = 'sales.posted')`).pluck().get();
    const first = await s.ok(s.cashier, 'sales.commit', input);
    const after = count();
    const again = await s.ok(s.cashier, 'sales.commit', input);
    expect(again).toEqual(first);
    expect(count()).toBe(after);
    const other = await s.ok(s.cashier, 'sales.commit', { ...input, requestId: '0190d000-0000-7000-8000-00000000abce' });
    expect(other.saleId).not.toBe(first.saleId);
  });

  it('a bouquet line takes its components from stock (per bouquet × quantity), not itself', async () => {
    const wrapBefore = s.balance(wrap);
    const tulipBefore = s.balance(tulip);
    const res = await s.ok(s.cashier, 'sales.commit', {
      lines: [{ productId: bouquet, quantity: 2, components: [{ productId: tulip, quantity: 5 }, { productId: wrap, quantity: 1 }] }],
      payments: [cash(9000)],
    });
    expect(s.balance(tulip)).toBe(tulipBefore - 10);
    expect(s.balance(wrap)).toBe(wrapBefore - 2);
    const line = s.db.prepare('SELECT product_id, cost_of_goods, components FROM sale_lines WHERE sale_id = ?').get(res.saleId) as {
      product_id: string;
      cost_of_goods: number;
      components: string;
    };
    expect(line.product_id).toBe(bouquet);
    expect(line.cost_of_goods).toBe(10 * 100 + 2 * 50);
    expect(JSON.parse(line.components)).toEqual([{ productId: tulip, quantity: 5 }, { productId: wrap, quantity: 1 }]);
  });

  it('a service line moves no stock', async () => {
    const res = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: service, quantity: 1 }], payments: [cash(1500)] });
    expect(s.db.prepare("SELECT count(*) FROM stock_movements WHERE document_id = ?").pluck().get(res.saleId)).toBe(0);
  });

  it("snapshots the name in the shop's language, whatever the cashier reads", async () => {
    const reader = await s.signedIn('florist');
    await s.ok(reader, 'users.setLanguage', { language: 'ru' });
    const q = await s.ok(reader, 'sales.quote', { lines: [{ productId: tulip, quantity: 1 }] });
    expect(q.lines[0]?.name).toBe('Test tulip ru');
    const res = await s.ok(reader, 'sales.commit', { lines: [{ productId: tulip, quantity: 1 }], payments: [card(333)] });
    expect(s.db.prepare('SELECT name FROM sale_lines WHERE sale_id = ?').pluck().get(res.saleId)).toBe('Test tulip');
  });

  it("applies the client's personal discount without approval, and records it", async () => {
    const client = s.db.prepare('SELECT id, discount_bp FROM clients WHERE discount_bp = 1000 LIMIT 1').get() as { id: string; discount_bp: number };
    const q = await s.ok(s.cashier, 'sales.quote', { lines: [{ productId: wrap, quantity: 5 }], clientId: client.id });
    expect(q).toMatchObject({ total: 900, discountTotal: 100, approvalNeeded: null, client: { id: client.id, discountBp: 1000 } });
    const res = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: wrap, quantity: 5 }], clientId: client.id, payments: [cash(900)] });
    expect(s.db.prepare('SELECT client_id, client_discount_bp, total FROM sales WHERE id = ?').get(res.saleId)).toEqual({
      client_id: client.id,
      client_discount_bp: 1000,
      total: 900,
    });
  });

  it('queues the receipt in the same transaction when a printer is set up, unless asked not to print', async () => {
    const at = new Date().toISOString();
    s.db
      .prepare(
        `INSERT INTO printers (id, shop_id, name, transport, address, paper_mm, is_default, created_at, updated_at)
         SELECT '01900000-0000-7000-8000-0000000000aa', id, 'Counter', 'tcp', 'tcp://127.0.0.1:9', 80, 1, ?, ? FROM shops`,
      )
      .run(at, at);
    try {
      const printed = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: tulip, quantity: 1 }], payments: [card(333)] });
      expect(printed.printJobId).toEqual(expect.any(String));
      expect(s.db.prepare("SELECT document_type, document_id FROM print_jobs WHERE id = ?").get(printed.printJobId)).toEqual({
        document_type: 'sale',
        document_id: printed.saleId,
      });
      const before = s.counts().printJobs;
      const silent = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: tulip, quantity: 1 }], payments: [card(333)], print: false });
      expect(silent.printJobId).toBeNull();
      expect(s.counts().printJobs).toBe(before);
    } finally {
      s.db.prepare("UPDATE printers SET archived = 1").run();
    }
  });

  it('emits sales.changed after the commit', async () => {
    const events: string[] = [];
    const off = s.env.backend.onEvent((e) => events.push(e.type));
    await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: tulip, quantity: 1 }], payments: [card(333)] });
    off?.();
    expect(events).toContain('sales.changed');
  });
});

describe('refusals write nothing', () => {
  const line = (extra: Record<string, unknown> = {}) => ({ productId: tulip, quantity: 1, ...extra });

  it('zero, negative and fractional quantities', async () => {
    for (const quantity of [0, -1, 1.5]) {
      const err = await refusedWithoutWrites(s.cashier, { lines: [line({ quantity })], payments: [cash(1000)] });
      expect(err).toMatchObject({ code: 'invalid_input', messageKey: 'errors:sales.quantityInvalid', field: 'lines.0.quantity' });
    }
  });

  it('prices beyond the limits', async () => {
    const err = await refusedWithoutWrites(s.cashier, { lines: [line({ priceOverride: { unitPrice: -5, reason: 'x' } })], payments: [cash(1000)] });
    expect(err).toMatchObject({ messageKey: 'errors:sales.priceInvalid', field: 'lines.0.priceOverride.unitPrice' });
    const huge = await refusedWithoutWrites(s.cashier, {
      lines: [line({ quantity: 10_000, priceOverride: { unitPrice: 10_000_000_000, reason: 'x' } })],
      payments: [cash(1000)],
    });
    expect(huge).toMatchObject({ messageKey: 'errors:sales.amountTooLarge' });
    const noReason = await refusedWithoutWrites(s.cashier, { lines: [line({ priceOverride: { unitPrice: 300, reason: '  ' } })], payments: [cash(1000)] });
    expect(noReason).toMatchObject({ messageKey: 'errors:sales.reasonRequired' });
  });

  it('a discount over the role limit without approval (a price cut counts, too)', async () => {
    const err = await refusedWithoutWrites(s.cashier, {
      lines: [line({ discount: { kind: 'percent', value: 1500, reason: 'regular' } })],
      payments: [cash(1000)],
    });
    expect(err).toMatchObject({ code: 'forbidden', messageKey: 'errors:sales.approvalRequired', params: { required: 15, limit: 10 } });
    const cut = await refusedWithoutWrites(s.cashier, {
      lines: [{ productId: rose, quantity: 1, priceOverride: { unitPrice: 500, reason: 'wilting' } }],
      payments: [cash(1000)],
    });
    expect(cut).toMatchObject({ messageKey: 'errors:sales.approvalRequired', params: { required: 50 } });
    const q = await s.ok(s.cashier, 'sales.quote', { lines: [line({ discount: { kind: 'percent', value: 1500, reason: 'regular' } })] });
    expect(q.approvalNeeded).toEqual({ requiredBp: 1500, limitBp: 1000 });
  });

  it('payments that do not cover the total', async () => {
    const err = await refusedWithoutWrites(s.cashier, { lines: [line({ quantity: 3 })], payments: [cash(900)] });
    expect(err).toMatchObject({ messageKey: 'errors:sales.underpaid' });
    const cardOnly = await refusedWithoutWrites(s.cashier, { lines: [line()], payments: [card(300)] });
    expect(cardOnly).toMatchObject({ messageKey: 'errors:sales.underpaid' });
    const over = await refusedWithoutWrites(s.cashier, { lines: [line()], payments: [card(400)] });
    expect(over).toMatchObject({ messageKey: 'errors:sales.cardOverTotal', field: 'payments.0.amount' });
  });

  it('unknown products, archived products, unknown clients, empty sales', async () => {
    const unknown = await refusedWithoutWrites(s.cashier, {
      lines: [line(), { productId: '01900000-0000-7000-8000-000000000000', quantity: 1 }],
      payments: [cash(1000)],
    });
    expect(unknown).toMatchObject({ code: 'not_found', messageKey: 'errors:catalog.productNotFound', field: 'lines.1.productId' });
    const client = await refusedWithoutWrites(s.cashier, { lines: [line()], clientId: '01900000-0000-7000-8000-000000000000', payments: [cash(1000)] });
    expect(client).toMatchObject({ messageKey: 'errors:clients.notFound', field: 'clientId' });
    const empty = await refusedWithoutWrites(s.cashier, { lines: [], payments: [cash(1000)] });
    expect(empty).toMatchObject({ messageKey: 'errors:sales.noLines' });
    const old = await s.product('Old stock', 100, [{ quantity: 5, unitCost: 10 }]);
    const owner = await s.signedIn('owner');
    await s.ok(owner, 'catalog.archive', { id: old });
    const archived = await refusedWithoutWrites(s.cashier, { lines: [{ productId: old, quantity: 1 }], payments: [cash(1000)] });
    expect(archived).toMatchObject({ messageKey: 'errors:sales.productArchived', params: { product: 'Old stock' } });
  });

  it('not enough stock, even when an earlier line could be taken (all or nothing), unless the shop sells below zero', async () => {
    const few = await s.product('Few peonies', 800, [{ quantity: 2, unitCost: 300 }]);
    const err = await refusedWithoutWrites(s.cashier, {
      lines: [line(), { productId: few, quantity: 3 }],
      payments: [cash(5000)],
    });
    expect(err).toMatchObject({ code: 'conflict', messageKey: 'errors:stock.insufficient', field: 'lines.1.quantity', params: { wanted: 3, available: 2 } });
    const inBouquet = await refusedWithoutWrites(s.cashier, {
      lines: [{ productId: bouquet, quantity: 1, components: [{ productId: tulip, quantity: 1 }, { productId: few, quantity: 3 }] }],
      payments: [cash(5000)],
    });
    expect(inBouquet).toMatchObject({ messageKey: 'errors:stock.insufficient', field: 'lines.0.components.1.quantity' });

    await s.shopRules({ allowNegative: true });
    try {
      await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: few, quantity: 3 }], payments: [cash(2400)] });
      expect(s.balance(few)).toBe(-1);
    } finally {
      await s.shopRules({ allowNegative: false });
    }
  });

  it('no open shift', async () => {
    const closed = await salesShop({ openShift: false });
    try {
      const productId = closed.db.prepare("SELECT product_id FROM lot_balances WHERE quantity > 5 LIMIT 1").pluck().get() as string;
      const before = closed.counts();
      const res = await closed.call(closed.cashier, 'sales.commit', { lines: [{ productId, quantity: 1 }], payments: [cash(1_000_000)] });
      expect(res).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors:shifts.noOpenShift' } });
      expect(closed.counts()).toEqual(before);
    } finally {
      closed.dispose();
    }
  });

  it('needs sales.sell', async () => {
    const courier = await s.signedIn('courier');
    const err = await refusedWithoutWrites(courier, { lines: [line()], payments: [cash(1000)] });
    expect(err).toMatchObject({ code: 'forbidden', messageKey: 'errors:api.forbidden' });
  });
});

describe('approval at the counter', () => {
  const draft = () => ({
    lines: [{ productId: wrap, quantity: 1, discount: { kind: 'percent' as const, value: 2000, reason: 'loyal customer' } }],
    payments: [cash(1000)],
  });
  const failures = (role: 'manager' | 'florist') =>
    s.db.prepare('SELECT failed_attempts, locked_until FROM users WHERE id = ?').get(s.userId(role)) as { failed_attempts: number; locked_until: string | null };

  it("a manager's password lets it through, recorded on the sale and in the audit log", async () => {
    const res = await s.ok(s.cashier, 'sales.commit', {
      ...draft(),
      approval: { userId: s.userId('manager'), secret: s.secretOf('manager') },
    });
    expect(res.total).toBe(160);
    expect(s.db.prepare('SELECT approved_by FROM sales WHERE id = ?').pluck().get(res.saleId)).toBe(s.userId('manager'));
    const audit = s.db.prepare("SELECT user_id, details FROM audit_log WHERE action = 'sales.approved' AND entity_id = ?").get(res.saleId) as {
      user_id: string;
      details: string;
    };
    expect(audit.user_id).toBe(s.userId('manager'));
    expect(JSON.parse(audit.details)).toMatchObject({ discountBp: 2000, limitBp: 1000 });
  });

  it('an approver whose own limit is too low is refused', async () => {
    const err = await refusedWithoutWrites(s.cashier, { ...draft(), approval: { userId: s.userId('florist'), secret: s.secretOf('florist') } });
    expect(err).toMatchObject({ code: 'forbidden', messageKey: 'errors:sales.approverLimit', params: { limit: 5, required: 20 } });
  });

  it('a wrong secret is refused, counts towards the lockout, and five lock the approver out', async () => {
    const before = s.counts();
    for (let i = 1; i <= 4; i++) {
      const res = await s.call(s.cashier, 'sales.commit', { ...draft(), approval: { userId: s.userId('manager'), secret: 'wrong-password' } });
      expect(res).toMatchObject({ ok: false, error: { code: 'bad_credentials', messageKey: 'errors:users.badPassword', field: 'approval.secret', params: { left: 5 - i } } });
      expect(failures('manager').failed_attempts).toBe(i);
    }
    const fifth = await s.call(s.cashier, 'sales.commit', { ...draft(), approval: { userId: s.userId('manager'), secret: 'wrong-password' } });
    expect(fifth).toMatchObject({ ok: false, error: { code: 'locked_out', messageKey: 'errors:users.lockedOut' } });
    // locked: even the right password is refused now
    const right = await s.call(s.cashier, 'sales.commit', { ...draft(), approval: { userId: s.userId('manager'), secret: s.secretOf('manager') } });
    expect(right).toMatchObject({ ok: false, error: { code: 'locked_out' } });
    // the attempts are audited; the sale tables are untouched
    const after = s.counts();
    expect({ ...after, salesAudit: 0 }).toEqual({ ...before, salesAudit: 0 });
    expect(after.salesAudit - before.salesAudit).toBe(6);
    expect(failures('manager').locked_until).not.toBeNull();
    // and the manager cannot sign in at the picker either: one lockout
    const signIn = await s.call(s.env.backend.newClient(), 'users.signIn', { userId: s.userId('manager'), secret: s.secretOf('manager') });
    expect(signIn).toMatchObject({ ok: false, error: { code: 'locked_out' } });
  });
});

describe('park and resume', () => {
  it('parks a draft without its approval secret, lists it, resumes it once', async () => {
    const draft = {
      lines: [{ productId: tulip, quantity: 2, discount: { kind: 'amount' as const, value: 10, reason: 'bent stem' } }],
      approval: { userId: s.userId('manager'), secret: 'never-stored' },
    };
    const { id } = await s.ok(s.cashier, 'sales.park', { draft, label: 'Lady in red coat' });
    expect(s.db.prepare('SELECT draft FROM parked_sales WHERE id = ?').pluck().get(id)).not.toContain('never-stored');
    const list = await s.ok(s.cashier, 'sales.parked', {});
    expect(list).toContainEqual({
      id,
      label: 'Lady in red coat',
      parkedAt: expect.any(String),
      parkedBy: expect.any(String),
      lineCount: 1,
      total: 656,
    });
    const resumed = await s.ok(s.cashier, 'sales.resume', { id });
    expect(resumed).toEqual({ lines: draft.lines });
    expect(s.db.prepare('SELECT count(*) FROM parked_sales WHERE id = ?').pluck().get(id)).toBe(0);
    const again = await s.call(s.cashier, 'sales.resume', { id });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', messageKey: 'errors:sales.parkedNotFound' } });
  });
});

describe('quick tiles', () => {
  it('the demo shop has a dozen or so favourites', async () => {
    const tiles = await s.ok(s.cashier, 'sales.tiles', {});
    expect(tiles.map((t) => t.name)).toEqual([...DEMO_TILE_NAMES]);
    expect(tiles[0]).toMatchObject({ position: 0, price: expect.any(Number), unit: 'stem', colour: 'red' });
  });

  it('catalog.edit replaces them in order; a cashier may not; a product twice is refused', async () => {
    const owner = await s.signedIn('owner');
    const tiles = await s.ok(owner, 'sales.setTiles', { productIds: [tulip, rose] });
    expect(tiles.map((t) => [t.position, t.productId, t.name])).toEqual([
      [0, tulip, 'Test tulip'],
      [1, rose, 'Test rose'],
    ]);
    expect(await s.call(s.cashier, 'sales.setTiles', { productIds: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.call(owner, 'sales.setTiles', { productIds: [tulip, tulip] })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors:sales.tileTwice', field: 'productIds.1' },
    });
    expect((await s.ok(s.cashier, 'sales.tiles', {})).length).toBe(2);
  });
});

describe('property: random sales', () => {
  it('payments equal the total, the total is Σ lines + rounding, stock moved equals quantities sold', async () => {
    const stocked = await Promise.all(
      [120, 333, 999, 4550, 17].map((price, i) => s.product(`Prop ${i}`, price, [{ quantity: 100_000, unitCost: Math.floor(price / 3) }])),
    );
    const discount = fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 1000 }), reason: fc.constant('r') }),
      fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 1, max: 50 }), reason: fc.constant('r') }),
    );
    const lineArb = fc.record({
      productId: fc.constantFrom(...stocked),
      quantity: fc.integer({ min: 1, max: 20 }),
      discount: fc.option(discount, { nil: undefined }),
    });
    // The owner sells here: stacked random discounts would otherwise need approval (tested above).
    const owner = await s.signedIn('owner');
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.option(discount, { nil: undefined }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(1, 5, 100),
        async (lines, saleDiscount, cardPercent, step) => {
          await s.shopRules({ cashRounding: step });
          const draft = {
            lines: lines.map((l) => (l.discount ? l : { productId: l.productId, quantity: l.quantity })),
            ...(saleDiscount ? { discount: saleDiscount } : {}),
          };
          const quote = await s.call(owner, 'sales.quote', draft);
          if (!quote.ok) {
            expect(quote.error.messageKey).toBe('errors:sales.discountOverTotal');
            return;
          }
          const q = quote.value as { total: number; cashTotal: number };
          const cardAmount = Math.floor((q.total * cardPercent) / 100);
          const payments = [...(cardAmount > 0 ? [card(cardAmount)] : []), cash(q.total + 100)];
          const before = new Map(stocked.map((p) => [p, s.balance(p)]));
          const res = await s.ok(owner, 'sales.commit', { ...draft, payments });
          const sale = s.db.prepare('SELECT total, rounding FROM sales WHERE id = ?').get(res.saleId) as { total: number; rounding: number };
          const lineSum = s.db.prepare('SELECT sum(total) FROM sale_lines WHERE sale_id = ?').pluck().get(res.saleId) as number;
          const paid = s.db.prepare('SELECT coalesce(sum(amount), 0) FROM sale_payments WHERE sale_id = ?').pluck().get(res.saleId) as number;
          expect(sale.total).toBe(lineSum + sale.rounding);
          expect(paid).toBe(sale.total);
          expect(res.total).toBe(sale.total);
          if (cardAmount === 0) expect(sale.total).toBe(q.cashTotal);
          for (const p of stocked) {
            const sold = draft.lines.filter((l) => l.productId === p).reduce((sum, l) => sum + l.quantity, 0);
            expect(before.get(p)! - s.balance(p)).toBe(sold);
          }
        },
      ),
      { numRuns: 60 },
    );
    await s.shopRules({ cashRounding: 5 });
  });
});
