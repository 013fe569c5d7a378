import type { ClientState } from '../../shop/api/define';
import type { ApiResult } from '../../shop/api/errors';
import type { BackendEvent } from '../../shop/api/define';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesShop, type SalesEnv } from './sales-fixture';

/**
 * Making bouquets through the real dispatcher on a real SQLite file (the demo shop in English, lari):
 * components out oldest lot first, one ready lot in at the real cost, the short list refusing and
 * writing nothing, negative stock when the shop allows it, substitutions and the recipe-against-actual
 * report, request ids, and selling ready and counter-built bouquets.
 */
let s: SalesEnv;
let florist: ClientState;
let manager: ClientState;
let shopId: string;
let n = 0;

beforeAll(async () => {
  s = await salesShop();
  florist = await s.signedIn('florist');
  manager = await s.signedIn('manager');
  shopId = s.db.prepare('SELECT id FROM shops').pluck().get() as string;
});
afterAll(() => s.dispose());

const today = () => new Date().toISOString().slice(0, 10);

/** A recipe with one size whose bouquet is a fresh ready_item product; rows written as recipes.save would. */
async function recipe(name: string, components: { productId: string; quantity: number }[], size = 'medium') {
  const productId = await s.product(`${name} · ${size}`, 4500, [], 'ready_item');
  const recipeId = `0190a0b0-0000-7000-8000-${String(++n).padStart(12, '0')}`;
  const variantId = `0190a0b0-0000-7000-9000-${String(n).padStart(12, '0')}`;
  const at = new Date().toISOString();
  s.db.prepare('INSERT INTO recipes (id, shop_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(recipeId, shopId, name, at, at);
  s.db.prepare('INSERT INTO recipe_variants (id, recipe_id, size, product_id, assembly_fee) VALUES (?, ?, ?, ?, 0)').run(variantId, recipeId, size, productId);
  components.forEach((c, i) =>
    s.db.prepare('INSERT INTO recipe_components (variant_id, line_no, product_id, quantity) VALUES (?, ?, ?, ?)').run(variantId, i + 1, c.productId, c.quantity),
  );
  return { recipeId, variantId, productId };
}

function counts() {
  const q = (sql: string) => s.db.prepare(sql).pluck().get() as number;
  return {
    assemblies: q('SELECT count(*) FROM assemblies'),
    components: q('SELECT count(*) FROM assembly_components'),
    movements: q('SELECT count(*) FROM stock_movements'),
    lots: q('SELECT count(*) FROM lots'),
    audit: q("SELECT count(*) FROM audit_log WHERE action = 'assembly.made'"),
  };
}

function events() {
  const seen: BackendEvent[] = [];
  const stop = s.env.backend.onEvent((e) => seen.push(e));
  return { seen, stop };
}

type Refusal = Extract<ApiResult<unknown>, { ok: false }>['error'];
async function refused(client: ClientState, method: string, input: unknown): Promise<Refusal> {
  const before = counts();
  const res = await s.call(client, method, input);
  expect(res.ok, JSON.stringify(res)).toBe(false);
  expect(counts()).toEqual(before);
  return (res as Extract<ApiResult<unknown>, { ok: false }>).error;
}

describe('assembly.plan', () => {
  it('lists recipe against actual, what stock holds, what is short and the cost, writing nothing', async () => {
    const rose = await s.product('Plan rose', 500, [
      { quantity: 3, unitCost: 400 },
      { quantity: 5, unitCost: 500 },
    ]);
    const fern = await s.product('Plan fern', 100, [{ quantity: 4, unitCost: 30 }]);
    const r = await recipe('Plan bouquet', [
      { productId: rose, quantity: 3 },
      { productId: fern, quantity: 1 },
    ]);
    const before = counts();
    const plan = await s.ok(manager, 'assembly.plan', { variantId: r.variantId, quantity: 3 });
    expect(counts()).toEqual(before);
    expect(plan.components).toMatchObject([
      { productId: rose, name: 'Plan rose', recipeQuantity: 9, actualQuantity: 9, available: 8, short: 1, cost: 3 * 400 + 6 * 500 },
      { productId: fern, name: 'Plan fern', recipeQuantity: 3, actualQuantity: 3, available: 4, short: 0, cost: 90 },
    ]);
    expect(plan.short).toEqual([{ productId: rose, name: 'Plan rose', missing: 1 }]);
    expect(plan).toMatchObject({ cost: 4290, unitCost: 1430, makeable: 2, allowNegative: false, substituted: false, name: 'Plan bouquet · medium' });
    // The florist sees quantities and what is short, not what the lots cost (as on the recipe cards).
    const theirs = await s.ok(florist, 'assembly.plan', { variantId: r.variantId, quantity: 3 });
    expect(theirs).not.toHaveProperty('cost');
    expect(theirs).not.toHaveProperty('unitCost');
    expect(theirs.components[0]).not.toHaveProperty('cost');
    expect(theirs).toMatchObject({ short: [{ productId: rose, missing: 1 }], makeable: 2 });
  });

  it('applies substitutions: a replaced line and an extra one', async () => {
    const rose = await s.product('Sub rose', 500, [{ quantity: 10, unitCost: 400 }]);
    const tulip = await s.product('Sub tulip', 300, [{ quantity: 10, unitCost: 150 }]);
    const wrap = await s.product('Sub wrap', 100, [{ quantity: 10, unitCost: 20 }]);
    const r = await recipe('Sub plan', [{ productId: rose, quantity: 2 }]);
    const plan = await s.ok(manager, 'assembly.plan', {
      variantId: r.variantId,
      quantity: 2,
      substitutions: [{ lineNo: 1, productId: tulip, quantity: 3 }, { productId: wrap, quantity: 1 }],
    });
    expect(plan.components.map((c) => [c.productId, c.recipeQuantity, c.actualQuantity])).toEqual([
      [rose, 4, 0],
      [tulip, 0, 6],
      [wrap, 0, 2],
    ]);
    expect(plan).toMatchObject({ cost: 6 * 150 + 2 * 20, recipeCost: 4 * 400, substituted: true });
  });
});

describe('assembly.make', () => {
  it('takes components oldest lot first and brings the bouquets in as one lot at their real cost', async () => {
    const rose = await s.product('Make rose', 500, [
      { quantity: 4, unitCost: 400, arrivedAt: '2026-03-01T06:00:00.000Z' },
      { quantity: 10, unitCost: 455, arrivedAt: '2026-03-02T06:00:00.000Z' },
    ]);
    const wrap = await s.product('Make wrap', 100, [{ quantity: 10, unitCost: 33 }]);
    const r = await recipe('Make bouquet', [
      { productId: rose, quantity: 3 },
      { productId: wrap, quantity: 1 },
    ]);
    const ev = events();
    const made = await s.ok(florist, 'assembly.make', { variantId: r.variantId, quantity: 3 });
    ev.stop();
    // 9 roses: 4 × 4.00 + 5 × 4.55 = 38.75; 3 wraps × 0.33 = 0.99 → 39.74 for 3 → 13.246… → 13.25 (halves up)
    const componentsCost = 4 * 400 + 5 * 455 + 3 * 33;
    expect(made).toEqual({ assemblyId: expect.any(String), number: expect.any(Number), lotId: expect.any(String) });
    expect(s.balance(rose)).toBe(14 - 9);
    expect(s.balance(wrap)).toBe(7);
    const moves = s.db
      .prepare("SELECT product_id, quantity, unit_cost FROM stock_movements WHERE document_type = 'assembly' AND document_id = ? ORDER BY rowid")
      .all(made.assemblyId);
    expect(moves).toEqual([
      { product_id: rose, quantity: -4, unit_cost: 400 },
      { product_id: rose, quantity: -5, unit_cost: 455 },
      { product_id: wrap, quantity: -3, unit_cost: 33 },
      { product_id: r.productId, quantity: 3, unit_cost: 1325 },
    ]);
    const lots = s.db.prepare('SELECT id, quantity_received, unit_cost, document_type, document_id FROM lots WHERE product_id = ?').all(r.productId);
    expect(lots).toEqual([{ id: made.lotId, quantity_received: 3, unit_cost: 1325, document_type: 'assembly', document_id: made.assemblyId }]);
    expect(s.balance(r.productId)).toBe(3);
    const row = s.db.prepare('SELECT variant_id, product_id, quantity, components_cost, unit_cost, lot_id, user_id FROM assemblies WHERE id = ?').get(made.assemblyId);
    expect(row).toEqual({
      variant_id: r.variantId,
      product_id: r.productId,
      quantity: 3,
      components_cost: componentsCost,
      unit_cost: 1325,
      lot_id: made.lotId,
      user_id: s.userId('florist'),
    });
    const parts = s.db
      .prepare('SELECT product_id, recipe_quantity, actual_quantity, cost, recipe_cost FROM assembly_components WHERE assembly_id = ? ORDER BY line_no')
      .all(made.assemblyId);
    expect(parts).toEqual([
      { product_id: rose, recipe_quantity: 9, actual_quantity: 9, cost: 4 * 400 + 5 * 455, recipe_cost: 4 * 400 + 5 * 455 },
      { product_id: wrap, recipe_quantity: 3, actual_quantity: 3, cost: 99, recipe_cost: 99 },
    ]);
    const audit = s.db.prepare("SELECT details FROM audit_log WHERE action = 'assembly.made' AND entity_id = ?").pluck().get(made.assemblyId) as string;
    expect(JSON.parse(audit)).toMatchObject({ quantity: 3, componentsCost, unitCost: 1325, recipe: 'Make bouquet' });
    expect(ev.seen).toContainEqual({ type: 'stock.changed' });

    const listed = await s.ok(manager, 'assembly.list', {});
    expect(listed.rows[0]).toMatchObject({ id: made.assemblyId, recipeName: 'Make bouquet', size: 'medium', quantity: 3, unitCost: 1325, substituted: false });
    expect((await s.ok(florist, 'assembly.list', {})).rows[0]).not.toHaveProperty('unitCost');
  });

  it('refuses with the list of what is short (names and missing quantities), writing nothing', async () => {
    const rose = await s.product('Short rose', 500, [{ quantity: 5, unitCost: 400 }]);
    const fern = await s.product('Short fern', 100, [{ quantity: 1, unitCost: 30 }]);
    const wrap = await s.product('Short wrap', 100, [{ quantity: 50, unitCost: 30 }]);
    const r = await recipe('Short bouquet', [
      { productId: rose, quantity: 3 },
      { productId: fern, quantity: 2 },
      { productId: wrap, quantity: 1 },
    ]);
    const error = await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 2 });
    expect(error).toMatchObject({ code: 'conflict', messageKey: 'errors:assembly.short', params: { bouquets: 2, list: 'Short rose — 1; Short fern — 3' } });
    expect(s.balance(rose)).toBe(5);
  });

  it('names the short products in the reader’s language', async () => {
    const rose = await s.product('Lang rose', 500, [{ quantity: 1, unitCost: 400 }]);
    const r = await recipe('Lang bouquet', [{ productId: rose, quantity: 2 }]);
    await s.ok(florist, 'users.setLanguage', { language: 'ru' });
    try {
      const error = await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 1 });
      expect(error.params?.list).toBe('Lang rose ru — 1');
    } finally {
      await s.ok(florist, 'users.setLanguage', { language: 'en' });
    }
  });

  it('makes them anyway, below zero, when the shop allows negative stock', async () => {
    const rose = await s.product('Neg rose', 500, [{ quantity: 2, unitCost: 400 }]);
    const r = await recipe('Neg bouquet', [{ productId: rose, quantity: 3 }]);
    await s.shopRules({ allowNegative: true });
    try {
      const plan = await s.ok(florist, 'assembly.plan', { variantId: r.variantId, quantity: 1 });
      expect(plan).toMatchObject({ allowNegative: true, short: [{ productId: rose, missing: 1 }] });
      const made = await s.ok(manager, 'assembly.make', { variantId: r.variantId, quantity: 1 });
      expect(s.balance(rose)).toBe(-1);
      // the shortfall rides on the newest lot at its cost
      expect(made).toMatchObject({ componentsCost: 1200, unitCost: 1200 });
      const audit = s.db.prepare("SELECT details FROM audit_log WHERE action = 'assembly.made' AND entity_id = ?").pluck().get(made.assemblyId) as string;
      expect(JSON.parse(audit).belowZero).toEqual([{ productId: rose, missing: 1 }]);
    } finally {
      await s.shopRules({ allowNegative: false });
    }
  });

  it('stores the florist’s substitution and shows it in the recipe-against-actual report', async () => {
    const rose = await s.product('Var rose', 500, [{ quantity: 20, unitCost: 400 }]);
    const tulip = await s.product('Var tulip', 300, [{ quantity: 20, unitCost: 150 }]);
    const fern = await s.product('Var fern', 100, [{ quantity: 20, unitCost: 30 }]);
    const r = await recipe('Var bouquet', [
      { productId: rose, quantity: 3 },
      { productId: fern, quantity: 2 },
    ]);
    // As the recipe once, then with 2 roses + 2 tulips instead of 3 roses and 1 fern instead of 2.
    await s.ok(florist, 'assembly.make', { variantId: r.variantId, quantity: 1 });
    const made = await s.ok(florist, 'assembly.make', {
      variantId: r.variantId,
      quantity: 2,
      components: [
        { productId: rose, quantity: 2 },
        { productId: tulip, quantity: 2 },
        { productId: fern, quantity: 1 },
      ],
      note: 'roses ran short',
    });
    const parts = s.db
      .prepare('SELECT product_id, recipe_quantity, actual_quantity, cost, recipe_cost FROM assembly_components WHERE assembly_id = ? ORDER BY line_no')
      .all(made.assemblyId);
    expect(parts).toEqual([
      { product_id: rose, recipe_quantity: 6, actual_quantity: 4, cost: 1600, recipe_cost: 2400 },
      { product_id: fern, recipe_quantity: 4, actual_quantity: 2, cost: 60, recipe_cost: 120 },
      { product_id: tulip, recipe_quantity: 0, actual_quantity: 4, cost: 600, recipe_cost: 0 },
    ]);
    expect(s.balance(rose)).toBe(20 - 3 - 4);
    expect(s.balance(tulip)).toBe(16);

    // The florist may not see reports; the manager may.
    expect((await s.call(florist, 'assembly.variance', { from: today(), to: today() })).ok).toBe(false);
    const report = await s.ok(manager, 'assembly.variance', { from: today(), to: today() });
    const group = report.groups.find((g) => g.variantId === r.variantId);
    expect(group).toMatchObject({ recipeName: 'Var bouquet', size: 'medium', assemblies: 2, bouquets: 3 });
    expect(group?.components).toEqual([
      { productId: rose, name: 'Var rose', recipeQuantity: 9, actualQuantity: 7, quantityDiff: -2, recipeCost: 3600, cost: 2800, costDiff: -800 },
      { productId: fern, name: 'Var fern', recipeQuantity: 6, actualQuantity: 4, quantityDiff: -2, recipeCost: 180, cost: 120, costDiff: -60 },
      { productId: tulip, name: 'Var tulip', recipeQuantity: 0, actualQuantity: 4, quantityDiff: 4, recipeCost: 0, cost: 600, costDiff: 600 },
    ]);
    expect(group).toMatchObject({ recipeCost: 3780, cost: 3520, costDiff: -260 });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const empty = await s.ok(manager, 'assembly.variance', { from: yesterday, to: yesterday });
    expect(empty.groups.find((g) => g.variantId === r.variantId)).toBeUndefined();
    expect((await s.call(manager, 'assembly.variance', { from: today(), to: yesterday })).ok).toBe(false);

    const listed = await s.ok(florist, 'assembly.list', { limit: 1 });
    expect(listed).toMatchObject({ rows: [{ id: made.assemblyId, substituted: true, note: 'roses ran short' }], more: true });
  });

  it('answers a repeated request id with the first assembly, making nothing more', async () => {
    const rose = await s.product('Req rose', 500, [{ quantity: 10, unitCost: 400 }]);
    const r = await recipe('Req bouquet', [{ productId: rose, quantity: 2 }]);
    const requestId = '0190a0b0-0000-7000-a000-000000000001';
    const first = await s.ok(florist, 'assembly.make', { variantId: r.variantId, quantity: 2, requestId });
    const before = counts();
    const again = await s.ok(florist, 'assembly.make', { variantId: r.variantId, quantity: 2, requestId });
    expect(again).toEqual(first);
    expect(counts()).toEqual(before);
    expect(s.balance(rose)).toBe(6);
  });

  it('refuses bad input with translated messages and writes nothing', async () => {
    const rose = await s.product('Bad rose', 500, [{ quantity: 10, unitCost: 400 }]);
    const never = await s.product('Never rose', 500, []);
    const service = await s.product('Bad service', 500, [], 'service');
    const r = await recipe('Bad bouquet', [{ productId: rose, quantity: 2 }]);
    expect((await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 0 })).messageKey).toBe('errors:assembly.quantityInvalid');
    expect((await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 501 })).messageKey).toBe('errors:assembly.quantityInvalid');
    expect((await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 1, components: [] })).messageKey).toBe('errors:assembly.noComponents');
    expect(
      (await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 1, components: [{ productId: service, quantity: 1 }] })).messageKey,
    ).toBe('errors:assembly.serviceComponent');
    expect(
      (await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 1, components: [{ productId: r.productId, quantity: 1 }] })).messageKey,
    ).toBe('errors:assembly.containsItself');
    expect((await refused(florist, 'assembly.make', { variantId: '0190a0b0-0000-7000-8000-0000000000ff', quantity: 1 })).messageKey).toBe(
      'errors:assembly.variantNotFound',
    );
    // A cashier does not make bouquets by default.
    expect((await refused(s.cashier, 'assembly.make', { variantId: r.variantId, quantity: 1 })).code).toBe('forbidden');
    await s.shopRules({ allowNegative: true });
    try {
      const error = await refused(florist, 'assembly.make', { variantId: r.variantId, quantity: 1, components: [{ productId: never, quantity: 1 }] });
      expect(error).toMatchObject({ messageKey: 'errors:assembly.neverReceived', params: { product: 'Never rose' } });
    } finally {
      await s.shopRules({ allowNegative: false });
    }
  });
});

describe('selling bouquets', () => {
  it('a ready bouquet sold at the counter leaves its ready lot at the assembly’s cost', async () => {
    const rose = await s.product('Ready rose', 500, [{ quantity: 10, unitCost: 400 }]);
    const r = await recipe('Ready bouquet', [{ productId: rose, quantity: 3 }]);
    const made = await s.ok(florist, 'assembly.make', { variantId: r.variantId, quantity: 2 });
    const sale = await s.ok(s.cashier, 'sales.commit', { lines: [{ productId: r.productId, quantity: 1 }], payments: [{ method: 'cash', tendered: 4500 }] });
    const moves = s.db.prepare("SELECT lot_id, quantity, unit_cost FROM stock_movements WHERE document_type = 'sale' AND document_id = ?").all(sale.saleId);
    expect(moves).toEqual([{ lot_id: made.lotId, quantity: -1, unit_cost: 1200 }]);
    expect(s.db.prepare('SELECT cost_of_goods FROM sale_lines WHERE sale_id = ?').pluck().get(sale.saleId)).toBe(1200);
    expect(s.balance(r.productId)).toBe(1);
    expect(s.balance(rose)).toBe(4);
  });

  it('a bouquet built at the counter is priced by the rules from its components and takes them from stock', async () => {
    const rose = await s.product('Counter rose', 500, [{ quantity: 10, unitCost: 400 }]);
    const fern = await s.product('Counter fern', 100, [{ quantity: 10, unitCost: 100 }]);
    s.db
      .prepare(
        `INSERT INTO pricing_rules (shop_id, fixed_addition, assembly_fee, rounding_step, rounding_mode, updated_at) VALUES (?, 0, 320, 50, 'up', ?)
         ON CONFLICT(shop_id) DO UPDATE SET assembly_fee = 320, fixed_addition = 0, rounding_step = 50, rounding_mode = 'up'`,
      )
      .run(shopId, new Date().toISOString());
    const { productId } = await s.ok(s.cashier, 'bouquets.customProduct', {});
    expect((await s.ok(s.cashier, 'bouquets.customProduct', {})).productId).toBe(productId);
    expect(s.db.prepare('SELECT kind, price FROM products WHERE id = ?').get(productId)).toEqual({ kind: 'ready_item', price: 0 });
    const names = s.db.prepare('SELECT lang, name FROM product_names WHERE product_id = ? AND own = 1 ORDER BY lang').all(productId);
    expect(names).toHaveLength(5);

    const components = [
      { productId: rose, quantity: 3 },
      { productId: fern, quantity: 2 },
    ];
    // 3 × 4.00 × 2.5 + 2 × 1.00 × 2.5 + fee 3.20 = 38.20 → up to the 0.50 step: 38.50
    const quote = await s.ok(s.cashier, 'sales.quote', { lines: [{ productId, quantity: 1, components }] });
    expect(quote.lines[0]).toMatchObject({ productId, name: 'Bouquet', listPrice: 3850, total: 3850, stock: 3 });
    const sale = await s.ok(s.cashier, 'sales.commit', {
      lines: [{ productId, quantity: 1, components }],
      payments: [{ method: 'cash', tendered: 4000 }],
    });
    expect(sale.total).toBe(3850);
    expect(s.balance(rose)).toBe(7);
    expect(s.balance(fern)).toBe(8);
    expect(s.db.prepare('SELECT cost_of_goods, components FROM sale_lines WHERE sale_id = ?').get(sale.saleId)).toEqual({
      cost_of_goods: 1400,
      components: JSON.stringify(components),
    });
  });
});
