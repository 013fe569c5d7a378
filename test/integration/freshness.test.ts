import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { language } from '../../shop/api/schemas';
import { seedFreshnessDemo } from '../../shop/demo/freshness';
import { demoUser, seedDemoShop } from '../../shop/demo/seed';
import { saleReceipt } from '../../shop/printing/receipts';
import { receiveLot } from '../../shop/stock/ledger';
import type { Role } from '../../shop/users/permissions';
import { renderReceipt } from '../../hardware/printer/index';
import { codePageNumbers } from '../../hardware/printer/codepages';
import { callsOn } from '../helpers/calls';
import { printedLines, readPrinted } from '../helpers/escpos-decoder';
import { tempBackend } from '../helpers/tempBackend';

/**
 * Freshness through the real dispatcher on a real SQLite file, with the backend's clock set by the
 * test: ages and remaining days, markdown rules applied at the counter per lot age and scope,
 * the receipt line, sell-first, low stock, and who may see what the shop paid.
 */
const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({ access: 'public', input: z.object({ language }), run: (ctx, i) => seedDemoShop(ctx, i) }),
  // The demo shop comes with freshness data (seedFreshnessDemo); most tests start without it.
  'test.plainFreshness': handler({
    access: 'public',
    input: z.object({}),
    run: (ctx) => {
      ctx.db.prepare('UPDATE markdown_rules SET archived = 1').run();
      ctx.db.prepare('UPDATE products SET min_stock = NULL, vase_life_days = NULL').run();
    },
  }),
  'test.freshnessDemo': handler({
    access: 'public',
    input: z.object({}),
    run: (ctx) => {
      const t = performance.now();
      seedFreshnessDemo(ctx);
      return performance.now() - t;
    },
  }),
  'test.lot': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number().int(), unitCost: z.number().int(), arrivedAt: z.string() }),
    run: (ctx, i) => receiveLot(ctx, { ...i, documentType: 'opening', documentId: ctx.newId() }).lotId,
  }),
  'test.supplier': handler({
    access: 'public',
    input: z.object({ name: z.string(), archived: z.boolean().default(false) }),
    run(ctx, i) {
      const supplierId = ctx.newId();
      const at = ctx.now().toISOString();
      ctx.db
        .prepare('INSERT INTO suppliers (id, shop_id, name, lead_days, archived, created_at, updated_at) VALUES (?, ?, ?, 2, ?, ?, ?)')
        .run(supplierId, ctx.shopId, i.name, i.archived ? 1 : 0, at, at);
      return supplierId;
    },
  }),
  'test.pack': handler({
    access: 'public',
    input: z.object({ supplierId: z.string(), productId: z.string(), packSize: z.number().int() }),
    run(ctx, i) {
      ctx.db.prepare("INSERT INTO supplier_products (supplier_id, product_id, pack_kind, pack_size) VALUES (?, ?, 'bunch', ?)").run(i.supplierId, i.productId, i.packSize);
    },
  }),
} satisfies HandlerMap;

const T0 = '2026-03-10T09:00:00.000Z';
const DAY = 86_400_000;
const daysBefore = (n: number, hours = 0) => new Date(Date.parse(T0) - n * DAY - hours * 3_600_000).toISOString();

let clock = new Date(T0);
let env: ReturnType<typeof tempBackend>;
const { call, ok } = callsOn(() => env.backend);
let anon: ClientState;
let owner: ClientState;
let cashier: ClientState;

async function signedIn(role: Role): Promise<ClientState> {
  const picker = (await ok(anon, 'users.picker')) as { id: string; role: Role }[];
  const user = picker.find((p) => p.role === role);
  if (!user) throw new Error(`no ${role}`);
  const client = env.backend.newClient();
  await ok(client, 'users.signIn', { userId: user.id, secret: demoUser(role).pin ?? demoUser(role).password ?? '' });
  return client;
}

async function product(name: string, price: number, extra: Record<string, unknown> = {}): Promise<string> {
  const p = (await ok(owner, 'catalog.create', { kind: 'cut_flower', names: { en: name }, price, ...extra } as never)) as { id: string };
  return p.id;
}

async function lot(productId: string, quantity: number, unitCost: number, arrivedAt: string): Promise<string> {
  const res = await call(anon, 'test.lot', { productId, quantity, unitCost, arrivedAt });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.value as string;
}

async function rule(fromDay: number, percentBp: number, scope: Record<string, string> = {}): Promise<string> {
  return (await ok(owner, 'markdown.save', { fromDay, percentBp, scope } as never)).id;
}

type OverviewRow = {
  lotId: string;
  productId: string;
  ageDays: number;
  remainingDays: number | null;
  state: string;
  quantity: number;
  unitCost: number | null;
  value: number | null;
  markdownBp: number | null;
};

async function lotsOf(client: ClientState, productId: string): Promise<OverviewRow[]> {
  const o = await ok(client, 'stock.overview', { limit: 500 });
  return (o.rows as OverviewRow[]).filter((r) => r.productId === productId);
}

beforeEach(async () => {
  clock = new Date(T0);
  env = tempBackend({ handlers: testHandlers, now: () => clock, printing: { autoStart: false }, log: (e) => console.error(e) });
  anon = env.backend.newClient();
  const seeded = await env.backend.call(anon, 'test.seedDemo', { language: 'en' });
  if (!seeded.ok) throw new Error(JSON.stringify(seeded.error));
  const plain = await env.backend.call(anon, 'test.plainFreshness', {});
  if (!plain.ok) throw new Error(JSON.stringify(plain.error));
  owner = await signedIn('owner');
  cashier = await signedIn('cashier');
  await ok(cashier, 'shifts.open', { openingFloat: 10_000 });
});
afterEach(() => env.dispose());

describe('product freshness fields', () => {
  it('vase life, minimum and supplier are created, read, changed, cleared and audited; bad values refused', async () => {
    const supplierId = (await call(anon, 'test.supplier', { name: 'Flora Holland' })) as { ok: true; value: string };
    const created = await ok(owner, 'catalog.create', {
      kind: 'cut_flower',
      names: { en: 'Rose Avalanche' },
      price: 500,
      vaseLifeDays: 9,
      minStock: 40,
      supplierId: supplierId.value,
    });
    expect(created).toMatchObject({ vaseLifeDays: 9, minStock: 40, supplierId: supplierId.value });
    const events: string[] = [];
    const off = env.backend.onEvent((e) => events.push(e.type));
    const updated = await ok(owner, 'catalog.update', { id: created.id, vaseLifeDays: 10, minStock: null });
    off();
    expect(updated).toMatchObject({ vaseLifeDays: 10, minStock: null, supplierId: supplierId.value });
    expect(events).toContain('stock.changed');
    const audit = env.backend.db
      .prepare("SELECT details FROM audit_log WHERE action = 'catalog.product.updated' AND entity_id = ?")
      .pluck()
      .get(created.id) as string;
    expect(JSON.parse(audit).changes).toEqual({ vaseLifeDays: { from: 9, to: 10 }, minStock: { from: 40, to: null } });
    expect(await ok(owner, 'catalog.get', { id: created.id })).toMatchObject({ vaseLifeDays: 10 });

    const bad = await call(owner, 'catalog.update', { id: created.id, vaseLifeDays: 0 });
    expect(bad).toMatchObject({ ok: false, error: { messageKey: 'errors:freshness.vaseLifeInvalid', field: 'vaseLifeDays' } });
    const negative = await call(owner, 'catalog.update', { id: created.id, minStock: -1 });
    expect(negative).toMatchObject({ ok: false, error: { messageKey: 'errors:freshness.minStockInvalid' } });
    const unknown = await call(owner, 'catalog.update', { id: created.id, supplierId: '01890000-0000-7000-8000-000000000000' });
    expect(unknown).toMatchObject({ ok: false, error: { messageKey: 'errors:freshness.supplierNotFound', field: 'supplierId' } });
    const archived = (await call(anon, 'test.supplier', { name: 'Gone', archived: true })) as { ok: true; value: string };
    const refused = await call(owner, 'catalog.update', { id: created.id, supplierId: archived.value });
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'errors:freshness.supplierArchived' } });
  });
});

describe('ages and remaining days', () => {
  it('whole days since arrival at the backend clock; remaining = vase life − age; states', async () => {
    const rose = await product('Rose', 500, { vaseLifeDays: 7 });
    await lot(rose, 10, 200, daysBefore(0, 2)); // age 0
    await lot(rose, 10, 200, daysBefore(5, 1)); // age 5: 2 left → ageing
    await lot(rose, 10, 200, daysBefore(7)); // age 7: last day
    await lot(rose, 10, 200, daysBefore(9)); // expired
    const rows = await lotsOf(owner, rose);
    expect(rows.map((r) => [r.ageDays, r.remainingDays, r.state])).toEqual([
      [9, -2, 'expired'],
      [7, 0, 'lastDay'],
      [5, 2, 'ageing'],
      [0, 7, 'fresh'],
    ]);
    // a day later every lot is a day older
    clock = new Date(Date.parse(T0) + DAY);
    expect((await lotsOf(owner, rose)).map((r) => r.ageDays)).toEqual([10, 8, 6, 1]);

    const moss = await product('Moss', 300, { kind: 'consumable' });
    await lot(moss, 5, 100, daysBefore(30));
    expect(await lotsOf(owner, moss)).toMatchObject([{ ageDays: 31, remainingDays: null, state: 'none' }]);
  });

  it('filters, sorts, pages and totals', async () => {
    const rose = await product('Rose Filter', 500, { vaseLifeDays: 7 });
    const tulip = await product('Tulip Filter', 300, { vaseLifeDays: 5 });
    await lot(rose, 10, 200, daysBefore(1));
    await lot(tulip, 4, 100, daysBefore(4));
    const o = await ok(owner, 'stock.overview', { query: 'filter', sort: 'remaining', dir: 'asc' });
    expect(o.rows.map((r) => r.name)).toEqual(['Tulip Filter', 'Rose Filter']);
    expect(o.totals).toMatchObject({ lots: 2, quantity: 14, value: 2400 });
    const aging = await ok(owner, 'stock.overview', { query: 'filter', onlyAging: true });
    expect(aging.rows.map((r) => r.name)).toEqual(['Tulip Filter']);
    const page = await ok(owner, 'stock.overview', { query: 'filter', sort: 'name', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, rows: [{ name: 'Tulip Filter' }] });
  });
});

describe('cost is shown only to those who see reports', () => {
  it('the owner sees unit cost and value; a cashier gets null and costVisible false', async () => {
    const rose = await product('Rose Cost', 500, { vaseLifeDays: 7 });
    await lot(rose, 10, 230, daysBefore(6));
    expect(await lotsOf(owner, rose)).toMatchObject([{ unitCost: 230, value: 2300 }]);
    expect(await lotsOf(cashier, rose)).toMatchObject([{ unitCost: null, value: null, quantity: 10 }]);
    const asCashier = await ok(cashier, 'stock.overview', {});
    expect(asCashier.costVisible).toBe(false);
    expect(asCashier.totals.value).toBeNull();
    expect(asCashier.rows.every((r) => r.unitCost === null && r.value === null)).toBe(true);
    const sell = await ok(cashier, 'stock.sellFirst', {});
    expect(sell.rows.every((r) => r.unitCost === null && r.value === null)).toBe(true);
    expect(sell.rows.some((r) => r.productId === rose)).toBe(true);
  });
});

describe('markdown rules', () => {
  it('only pricing.manage edits them; saves and archives are audited and announced', async () => {
    const refused = await call(cashier, 'markdown.save', { fromDay: 5, percentBp: 2000, scope: {} });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const events: string[] = [];
    const off = env.backend.onEvent((e) => events.push(e.type));
    const saved = await ok(owner, 'markdown.save', { fromDay: 5, percentBp: 2000, scope: { kind: 'cut_flower' } });
    expect(saved).toMatchObject({ fromDay: 5, percentBp: 2000, scope: { kind: 'cut_flower' }, archived: false });
    const clash = await call(owner, 'markdown.save', { fromDay: 5, percentBp: 3000, scope: { kind: 'cut_flower' } });
    expect(clash).toMatchObject({ ok: false, error: { messageKey: 'errors:freshness.ruleSameDay', field: 'fromDay' } });
    await ok(owner, 'markdown.save', { id: saved.id, fromDay: 6, percentBp: 2500, scope: { kind: 'cut_flower' } });
    await ok(owner, 'markdown.archive', { id: saved.id });
    off();
    expect(events.filter((e) => e === 'pricing.changed')).toHaveLength(3);
    expect(await ok(cashier, 'markdown.list', {})).toEqual([]);
    const all = await ok(cashier, 'markdown.list', { includeArchived: true });
    expect(all.find((r) => r.id === saved.id)).toMatchObject({ fromDay: 6, percentBp: 2500, archived: true });
    const actions = env.backend.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'markdown.%' AND entity_id = ? ORDER BY rowid").pluck().all(saved.id);
    expect(actions).toEqual(['markdown.saved', 'markdown.saved', 'markdown.archived']);
    const bad = await call(owner, 'markdown.save', { fromDay: 5, percentBp: 0, scope: {} });
    expect(bad).toMatchObject({ ok: false, error: { messageKey: 'errors:freshness.percentInvalid' } });
  });

  it('apply at the counter per FIFO part by its age: quote and commit agree, sale_lines keeps markdown and percent', async () => {
    const rose = await product('Rose Mark', 1000, { vaseLifeDays: 10 });
    await lot(rose, 3, 300, daysBefore(6)); // old: 20 % off
    await lot(rose, 10, 300, daysBefore(1)); // fresh
    await rule(5, 2000, { kind: 'cut_flower' });
    const draft = { lines: [{ productId: rose, quantity: 5 }] };
    const quote = await ok(cashier, 'sales.quote', draft);
    // 3 old stems × 10.00 × 20 % = 6.00 off; 2 fresh stems at full price
    expect(quote.lines[0]).toMatchObject({ markdown: 600, markdownBp: 2000, discount: 600, total: 4400 });
    expect(quote.approvalNeeded).toBeNull();
    const sale = await ok(cashier, 'sales.commit', { ...draft, payments: [{ method: 'cash', tendered: 5000 }] });
    const line = env.backend.db.prepare('SELECT markdown, markdown_bp, discount, total FROM sale_lines WHERE sale_id = ?').get(sale.saleId);
    expect(line).toEqual({ markdown: 600, markdown_bp: 2000, discount: 600, total: 4400 });

    // What is left is all fresh: no markdown any more.
    const after = await ok(cashier, 'sales.quote', { lines: [{ productId: rose, quantity: 2 }] });
    expect(after.lines[0]).toMatchObject({ markdown: 0, markdownBp: null });
  });

  it('the same product on two lines: the second line gets the markdown of the lots it will really take', async () => {
    const rose = await product('Rose Twice', 1000, { vaseLifeDays: 10 });
    await lot(rose, 3, 300, daysBefore(6)); // old: 20 % off
    await lot(rose, 10, 300, daysBefore(1)); // fresh
    await rule(5, 2000);
    // The first line takes the 3 old stems (the commit consumes the lines in order); the second gets fresh ones.
    const draft = { lines: [{ productId: rose, quantity: 3 }, { productId: rose, quantity: 2, discount: { kind: 'percent', value: 1000, reason: 'regular' } }] };
    const quote = await ok(cashier, 'sales.quote', draft as never);
    expect(quote.lines[0]).toMatchObject({ markdown: 600, markdownBp: 2000 });
    expect(quote.lines[1]).toMatchObject({ markdown: 0, markdownBp: null, discount: 200, total: 1800 });
    const sale = await ok(cashier, 'sales.commit', { ...draft, payments: [{ method: 'cash', tendered: 5000 }] } as never);
    const lines = env.backend.db.prepare('SELECT markdown, total FROM sale_lines WHERE sale_id = ? ORDER BY line_no').all(sale.saleId);
    expect(lines).toEqual([{ markdown: 600, total: 2400 }, { markdown: 0, total: 1800 }]);
  });

  it('stems sold ahead of their arrival (negative stock) are not marked down for the last, old lot', async () => {
    await ok(owner, 'shops.update', { allowNegativeStock: true } as never);
    const rose = await product('Rose Ahead', 1000, { vaseLifeDays: 10 });
    await lot(rose, 2, 300, daysBefore(6)); // old: 20 % off, the only lot
    await rule(5, 2000);
    // 2 old stems are there; the other 3 came with a delivery not booked in yet: fresh, full price.
    const quote = await ok(cashier, 'sales.quote', { lines: [{ productId: rose, quantity: 5 }] });
    expect(quote.lines[0]).toMatchObject({ markdown: 400, total: 4600 });
    await ok(cashier, 'sales.commit', { lines: [{ productId: rose, quantity: 5 }], payments: [{ method: 'cash', tendered: 5000 }] });
    const ahead = await ok(cashier, 'sales.quote', { lines: [{ productId: rose, quantity: 2 }] });
    expect(ahead.lines[0]).toMatchObject({ markdown: 0, markdownBp: null, total: 2000 });
  });

  it('most specific scope wins (product > category > kind > all); within a scope the highest day reached', async () => {
    const categories = (await ok(owner, 'catalog.categories', {})) as { id: string }[];
    const categoryId = categories[0]?.id ?? '';
    const inCategory = await product('Scoped A', 1000, { vaseLifeDays: 20, categoryId });
    const own = await product('Scoped B', 1000, { vaseLifeDays: 20, categoryId });
    const kindOnly = await product('Scoped C', 1000, { vaseLifeDays: 20 });
    const greens = await product('Scoped D', 1000, { kind: 'greenery' });
    for (const p of [inCategory, own, kindOnly, greens]) await lot(p, 10, 100, daysBefore(8));
    await rule(2, 500); // all: 5 %
    await rule(3, 1000, { kind: 'cut_flower' });
    await rule(7, 1500, { kind: 'cut_flower' }); // reached at 8 → 15 %
    await rule(10, 4000, { kind: 'cut_flower' }); // not reached
    await rule(4, 2500, { categoryId });
    await rule(9, 5000, { productId: own }); // not reached: the product's own schedule has nothing yet
    const bpOf = async (productId: string) => (await ok(cashier, 'sales.quote', { lines: [{ productId, quantity: 1 }] })).lines[0]?.markdownBp;
    expect(await bpOf(inCategory)).toBe(2500);
    expect(await bpOf(own)).toBeNull();
    expect(await bpOf(kindOnly)).toBe(1500);
    expect(await bpOf(greens)).toBe(500);
    // overview says the same
    expect((await lotsOf(owner, kindOnly))[0]?.markdownBp).toBe(1500);
    clock = new Date(Date.parse(T0) + DAY); // age 9: the product's own rule is reached
    expect(await bpOf(own)).toBe(5000);
  });

  it('never on an overridden price; mixed percents show the effective one', async () => {
    const rose = await product('Rose Override', 1000, { vaseLifeDays: 10 });
    await lot(rose, 1, 300, daysBefore(8)); // 30 %
    await lot(rose, 1, 300, daysBefore(6)); // 20 %
    await lot(rose, 2, 300, daysBefore(1));
    await rule(5, 2000);
    await rule(8, 3000);
    const overridden = await ok(cashier, 'sales.quote', { lines: [{ productId: rose, quantity: 1, priceOverride: { unitPrice: 1000, reason: 'as is' } }] });
    expect(overridden.lines[0]).toMatchObject({ markdown: 0, markdownBp: null, total: 1000 });
    const mixed = await ok(cashier, 'sales.quote', { lines: [{ productId: rose, quantity: 4 }] });
    // 3.00 + 2.00 off 40.00 = 12.5 %
    expect(mixed.lines[0]).toMatchObject({ markdown: 500, markdownBp: 1250 });
  });

  it('shows on the receipt line, decoded from the ESC/POS bytes', async () => {
    const rose = await product('Rose Receipt', 1000, { vaseLifeDays: 10 });
    await lot(rose, 5, 300, daysBefore(6));
    await rule(5, 2000);
    const sale = await ok(cashier, 'sales.commit', {
      lines: [{ productId: rose, quantity: 2, discount: { kind: 'amount', value: 100, reason: 'regular' } }],
      payments: [{ method: 'cash', tendered: 2000 }],
      print: false,
    } as never);
    const doc = saleReceipt(env.backend.db, sale.saleId, { openDrawer: false });
    const config = { transport: { kind: 'tcp', host: '127.0.0.1', port: 9100 }, paperMm: 80, rk1048: false, codePageNumbers: {}, drawer: { pin: 0, t1: 25, t2: 250 } } as const;
    const lines = printedLines(readPrinted(await renderReceipt(doc, config), codePageNumbers({})));
    const at = lines.findIndex((l) => l.startsWith('Rose Receipt'));
    expect(at).toBeGreaterThan(-1);
    expect(lines[at + 2]).toMatch(/^ *Markdown -20 % +-4\.00 [A-Z]{3}$/);
    expect(lines[at + 3]).toMatch(/^ *Discount +-1\.00 [A-Z]{3}$/);
  });
});

describe('sell first and low stock', () => {
  it('sell first lists ageing, last-day, expired and marked-down lots with what to do, most urgent first', async () => {
    const rose = await product('Rose Urgent', 1000, { vaseLifeDays: 7 });
    await lot(rose, 1, 300, daysBefore(9)); // expired
    await lot(rose, 1, 300, daysBefore(7)); // last day
    await lot(rose, 1, 300, daysBefore(5)); // 2 left, no markdown
    await lot(rose, 1, 300, daysBefore(1)); // fresh: not listed
    const plant = await product('Plant Old', 1000, { kind: 'plant' });
    await lot(plant, 1, 300, daysBefore(40));
    await rule(30, 1000, { productId: plant }); // marked down, no vase life
    const rows = (await ok(owner, 'stock.sellFirst', {})).rows.filter((r) => r.productId === rose || r.productId === plant);
    expect(rows.map((r) => [r.name, r.remainingDays, r.action])).toEqual([
      ['Rose Urgent', -2, 'writeOff'],
      ['Rose Urgent', 0, 'useToday'],
      ['Rose Urgent', 2, 'markDown'],
      ['Plant Old', null, 'sellFirst'],
    ]);
  });

  it('products below minimum, reorder rounded up to the supplier pack; the count for the top bar', async () => {
    const supplier = (await call(anon, 'test.supplier', { name: 'Bloom' })) as { ok: true; value: string };
    const rose = await product('Rose Low', 1000, { minStock: 50, supplierId: supplier.value });
    await call(anon, 'test.pack', { supplierId: supplier.value, productId: rose, packSize: 20 });
    await lot(rose, 12, 300, daysBefore(1));
    await product('Tulip Low', 500, { minStock: 10 });
    const enough = await product('Gerbera Enough', 500, { minStock: 5 });
    await lot(enough, 5, 100, daysBefore(1));
    await product('Archived Low', 500, { minStock: 10 }).then((id) => ok(owner, 'catalog.archive', { id }));
    const low = await ok(cashier, 'stock.low', {});
    expect(low.map((r) => [r.name, r.balance, r.minStock, r.reorder, r.packSize, r.supplierName])).toEqual([
      ['Rose Low', 12, 50, 40, 20, 'Bloom'],
      ['Tulip Low', 0, 10, 10, null, null],
    ]);
    expect(await ok(cashier, 'stock.lowCount', {})).toEqual({ count: 2 });
  });
});

describe('demo', () => {
  it('vase lives per category, minimums with some below, one markdown rule for cut flowers; fast', async () => {
    const res = await call(anon, 'test.freshnessDemo', {});
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.value as number).toBeLessThan(300);
    const db = env.backend.db;
    const range = (category: string) =>
      db
        .prepare(
          `SELECT min(p.vase_life_days) AS lo, max(p.vase_life_days) AS hi FROM products p JOIN category_names n ON n.category_id = p.category_id AND n.lang = 'en' WHERE n.name = ?`,
        )
        .get(category);
    expect(range('Roses')).toEqual({ lo: 7, hi: 10 });
    expect(range('Chrysanthemums')).toMatchObject({ lo: expect.any(Number) });
    expect(db.prepare("SELECT count(*) FROM products WHERE kind IN ('plant','consumable') AND vase_life_days IS NOT NULL").pluck().get()).toBe(0);
    expect(await ok(cashier, 'markdown.list', {})).toMatchObject([{ fromDay: 6, percentBp: 2000, scope: { kind: 'cut_flower' } }]);
    expect((await ok(cashier, 'stock.lowCount', {})).count).toBeGreaterThan(0);
  });
});
