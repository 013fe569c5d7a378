import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { createCategory, createProduct } from '../../shop/catalog/products';
import { addCountEntries } from '../../shop/counts/entries';
import { demoUser, seedDemoShop } from '../../shop/demo/seed';
import { consumeFifo, receiveLot } from '../../shop/stock/ledger';
import type { Role } from '../../shop/users/permissions';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * Stock counts through the real dispatcher on a real SQLite file: a demo shop, a category of our
 * own with known lots, a florist who counts (stock.count only) and a manager who posts (stock.adjust).
 */
const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({ access: 'public', input: z.object({}), run: (ctx) => seedDemoShop(ctx, { language: 'en' }) }),
  'test.category': handler({
    access: 'public',
    input: z.object({ name: z.string(), parentId: z.string().optional() }),
    run: (ctx, i) => createCategory(ctx, { names: { en: i.name }, ...(i.parentId ? { parentId: i.parentId } : {}) }),
  }),
  'test.product': handler({
    access: 'public',
    input: z.object({
      name: z.string(),
      categoryId: z.string().optional(),
      kind: z.enum(['cut_flower', 'service']).default('cut_flower'),
      barcode: z.string().optional(),
      lots: z.array(z.object({ quantity: z.number(), unitCost: z.number(), arrivedAt: z.string() })).default([]),
    }),
    run(ctx, i) {
      const productId = createProduct(ctx, {
        kind: i.kind,
        names: { en: i.name },
        price: 1000,
        ...(i.categoryId ? { categoryId: i.categoryId } : {}),
        ...(i.barcode ? { barcodes: [i.barcode] } : {}),
      });
      for (const lot of i.lots) receiveLot(ctx, { productId, ...lot, documentType: 'opening', documentId: ctx.newId() });
      return productId;
    },
  }),
  'test.sell': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number() }),
    run: (ctx, i) => consumeFifo(ctx, { ...i, documentType: 'sale', documentId: ctx.newId(), allowNegative: true }),
  }),
  // H7's terminal import calls addCountEntries inside its own handler, as this one does
  'test.import': handler({
    access: 'stock.count',
    input: z.object({ countId: z.string(), entries: z.array(z.object({ productId: z.string(), quantity: z.number() })) }),
    run: (ctx, i) => addCountEntries(ctx, i.countId, i.entries, 'file'),
  }),
} satisfies HandlerMap;

let env: ReturnType<typeof tempBackend>;
const { call, ok } = callsOn(() => env.backend);
let anon: ClientState;
let florist: ClientState;
let manager: ClientState;
let roses: string;
let sprays: string;
let tulips: string;
let redRose: string;
let whiteRose: string;
let sprayRose: string;
let tulip: string;

const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n, 6)).toISOString();

async function raw<T>(method: string, input: unknown): Promise<T> {
  const res = await env.backend.call(anon, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

async function signedIn(role: Role): Promise<ClientState> {
  const picker = (await ok(anon, 'users.picker')) as { id: string; role: Role }[];
  const user = picker.find((p) => p.role === role);
  if (!user) throw new Error(`no ${role}`);
  const client = env.backend.newClient();
  await ok(client, 'users.signIn', { userId: user.id, secret: demoUser(role).pin ?? demoUser(role).password ?? '' });
  return client;
}

const db = () => env.backend.db;
const balance = (productId: string) =>
  db().prepare('SELECT coalesce(sum(quantity), 0) FROM lot_balances WHERE product_id = ?').pluck().get(productId) as number;
const rows = (sql: string, ...args: unknown[]) => db().prepare(sql).all(...args) as Record<string, unknown>[];

beforeEach(async () => {
  env = tempBackend({ handlers: testHandlers, log: () => {}, printing: { autoStart: false } });
  anon = env.backend.newClient();
  await raw('test.seedDemo', {});
  florist = await signedIn('florist');
  manager = await signedIn('manager');
  roses = await raw<string>('test.category', { name: 'Count roses' });
  sprays = await raw<string>('test.category', { name: 'Count spray roses', parentId: roses });
  tulips = await raw<string>('test.category', { name: 'Count tulips' });
  redRose = await raw<string>('test.product', {
    name: 'Red rose',
    categoryId: roses,
    barcode: 'CNT-RED',
    lots: [
      { quantity: 10, unitCost: 100, arrivedAt: day(0) },
      { quantity: 10, unitCost: 150, arrivedAt: day(2) },
    ],
  });
  whiteRose = await raw<string>('test.product', {
    name: 'White rose',
    categoryId: roses,
    barcode: 'CNT-WHITE',
    lots: [{ quantity: 5, unitCost: 200, arrivedAt: day(1) }],
  });
  sprayRose = await raw<string>('test.product', {
    name: 'Spray rose',
    categoryId: sprays,
    barcode: 'CNT-SPRAY',
    lots: [{ quantity: 8, unitCost: 80, arrivedAt: day(3) }],
  });
  tulip = await raw<string>('test.product', {
    name: 'Tulip',
    categoryId: tulips,
    barcode: 'CNT-TULIP',
    lots: [{ quantity: 30, unitCost: 60, arrivedAt: day(1) }],
  });
});

afterEach(() => env.dispose());

type Detail = {
  showsExpected: boolean;
  costVisible: boolean;
  status: string;
  lines: { productId: string; name: string; counted: number | null; expected?: number; difference?: number; value?: number | null }[];
  totals: Record<string, number | null>;
  recent: { productId: string; quantity: number; counted: number }[];
};
const detail = async (client: ClientState, countId: string) => (await ok(client, 'counts.get', { id: countId })) as unknown as Detail;
const line = (d: Detail, productId: string) => d.lines.find((l) => l.productId === productId);

async function scan(client: ClientState, countId: string, code: string, times = 1) {
  let last: unknown;
  for (let i = 0; i < times; i++) last = await ok(client, 'counts.add', { countId, code });
  return last as { productId: string; counted: number };
}

describe('counting a category', () => {
  it('covers the category and its subcategories, one scan adds one, a typed quantity and a negative entry correct it', async () => {
    const { countId, number } = await ok(florist, 'counts.create', { categoryId: roses, blind: false, note: 'Friday' });
    expect(number).toBeGreaterThan(0);
    expect((await scan(florist, countId, 'CNT-RED', 3)).counted).toBe(3);
    const typed = (await ok(florist, 'counts.add', { countId, productId: redRose, quantity: 15, source: 'manual' })) as { counted: number; name: string };
    expect(typed).toMatchObject({ counted: 18, name: 'Red rose' });
    expect((await ok(florist, 'counts.add', { countId, code: 'CNT-RED', quantity: -2 })) as { counted: number }).toMatchObject({ counted: 16 });
    // spray roses sit in a subcategory of roses: in scope
    expect((await scan(florist, countId, 'CNT-SPRAY')).counted).toBe(1);

    const d = await detail(florist, countId);
    expect(d.showsExpected).toBe(true);
    expect(d.lines.map((l) => l.name)).toEqual(['Red rose', 'Spray rose', 'White rose']);
    expect(line(d, redRose)).toMatchObject({ counted: 16, expected: 20, difference: -4 });
    // a shortage is valued at what FIFO would take: the 4 oldest stems at 100 (the manager sees values)
    expect(line(await detail(manager, countId), redRose)?.value).toBe(-400);
    expect(line(d, whiteRose)).toMatchObject({ counted: null, expected: 5 });
    expect(d.totals.uncounted).toBe(1);
    expect(d.recent[0]).toMatchObject({ productId: sprayRose, quantity: 1, counted: 1 });
    expect(d.recent).toHaveLength(6);
  });

  it('refuses an unknown barcode, a product outside the category, a service and a count going below zero, writing nothing', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: roses, blind: false });
    const before = rows('SELECT * FROM count_entries').length;
    const unknown = await call(florist, 'counts.add', { countId, code: 'NO-SUCH-CODE' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', messageKey: 'errors:counts.unknownBarcode', params: { code: 'NO-SUCH-CODE' } } });
    const outside = await call(florist, 'counts.add', { countId, code: 'CNT-TULIP' });
    expect(outside).toMatchObject({ ok: false, error: { messageKey: 'errors:counts.outOfScope', params: { product: 'Tulip', category: 'Count roses' } } });
    const service = await raw<string>('test.product', { name: 'Delivery', kind: 'service', categoryId: roses });
    expect(await call(florist, 'counts.add', { countId, productId: service })).toMatchObject({ ok: false, error: { messageKey: 'errors:counts.notStocked' } });
    expect(await call(florist, 'counts.add', { countId, code: 'CNT-RED', quantity: -1 })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors:counts.belowZero' },
    });
    expect(await call(florist, 'counts.add', { countId, code: 'CNT-RED', quantity: 0 })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors:counts.quantityInvalid' },
    });
    // a whole import is refused when one line is out of scope
    expect(
      await call(florist, 'test.import', { countId, entries: [{ productId: redRose, quantity: 5 }, { productId: tulip, quantity: 3 }] }),
    ).toMatchObject({ ok: false, error: { messageKey: 'errors:counts.outOfScope', field: 'entries.1.productId' } });
    expect(rows('SELECT * FROM count_entries')).toHaveLength(before);
  });

  it('keeps one open count per scope: the same category, one inside another, or all stock', async () => {
    const { number } = await ok(florist, 'counts.create', { categoryId: roses, blind: false });
    for (const input of [{ categoryId: roses }, { categoryId: sprays }, {}]) {
      expect(await call(florist, 'counts.create', { blind: false, ...input })).toMatchObject({
        ok: false,
        error: { code: 'conflict', messageKey: 'errors:counts.openExists', params: { number } },
      });
    }
    // tulips do not overlap roses
    expect((await call(florist, 'counts.create', { categoryId: tulips, blind: true })).ok).toBe(true);
    const list = (await ok(florist, 'counts.list', {})) as { status: string; categoryName: string | null }[];
    expect(list.map((c) => c.categoryName).sort()).toEqual(['Count roses', 'Count tulips']);
  });

  it('terminal entries through addCountEntries add up with scans', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: roses, blind: false });
    await scan(florist, countId, 'CNT-WHITE');
    const added = await call(florist, 'test.import', {
      countId,
      entries: [
        { productId: whiteRose, quantity: 2 },
        { productId: redRose, quantity: 7 },
        { productId: whiteRose, quantity: 1 },
      ],
    });
    expect(added).toEqual({ ok: true, value: {
      added: 3,
      products: [
        { productId: whiteRose, counted: 4 },
        { productId: redRose, counted: 7 },
      ],
    } });
    expect(rows(`SELECT source FROM count_entries WHERE count_id = ? AND source = 'file'`, countId)).toHaveLength(3);
  });
});

describe('counts.addEntries', () => {
  it('adds a terminal upload in one go, audited as counts.imported, and refuses it whole when one line is wrong', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: roses, blind: true });
    const added = await ok(florist, 'counts.addEntries', {
      countId,
      source: 'serial',
      entries: [
        { productId: redRose, quantity: 12 },
        { productId: sprayRose, quantity: 3 },
      ],
    });
    expect(added.added).toBe(2);
    expect(rows(`SELECT action, details FROM audit_log WHERE action = 'counts.imported'`)).toHaveLength(1);
    expect(rows(`SELECT DISTINCT source FROM count_entries WHERE count_id = ?`, countId)).toEqual([{ source: 'serial' }]);
    const bad = await call(florist, 'counts.addEntries', {
      countId,
      source: 'file',
      entries: [
        { productId: redRose, quantity: 1 },
        { productId: redRose, quantity: 0 },
      ],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', messageKey: 'errors:counts.quantityInvalid' } });
    expect(rows(`SELECT 1 FROM count_entries WHERE count_id = ?`, countId)).toHaveLength(2);
  });

  it('shows a cancelled count with what was counted and nothing compared', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: roses, blind: false });
    await scan(florist, countId, 'CNT-RED', 2);
    await ok(florist, 'counts.cancel', { countId });
    const d = await detail(manager, countId);
    expect(d.status).toBe('cancelled');
    expect(d.showsExpected).toBe(false);
    expect(line(d, redRose)).toEqual(expect.objectContaining({ counted: 2 }));
    expect(Object.keys(line(d, redRose) ?? {})).not.toContain('expected');
  });

  it('compares with the stock at posting: a sale made while counting is not booked as missing', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: tulips, blind: false });
    await raw('test.sell', { productId: tulip, quantity: 4 });
    await ok(florist, 'counts.add', { countId, productId: tulip, quantity: 26, source: 'manual' });
    const posted = (await ok(manager, 'counts.post', { countId })) as unknown as Record<string, number>;
    expect(posted).toMatchObject({ shortageQuantity: 0, surplusQuantity: 0, value: 0 });
    expect(rows(`SELECT 1 FROM stock_movements WHERE document_type = 'adjustment'`)).toHaveLength(0);
  });

  it('a sale made after a product was counted is not booked as found again: the count compares with the stock when it was counted', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: tulips, blind: false });
    await ok(florist, 'counts.add', { countId, productId: tulip, quantity: 26, source: 'manual' }); // 30 booked, 4 gone
    await new Promise((r) => setTimeout(r, 5));
    await raw('test.sell', { productId: tulip, quantity: 5 }); // the shop keeps selling before the manager posts
    const d = await detail(manager, countId);
    expect(line(d, tulip)).toMatchObject({ counted: 26, expected: 30, difference: -4, value: -240 });
    const posted = (await ok(manager, 'counts.post', { countId })) as unknown as Record<string, number>;
    expect(posted).toMatchObject({ shortageQuantity: 4, surplusQuantity: 0, value: -240 });
    expect(balance(tulip)).toBe(21);
  });
});

describe('what differences are worth', () => {
  it('is sent only to who may see reports: a florist or cashier who counts gets quantities, no values; the owner and manager get them', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: roses, blind: false });
    await ok(florist, 'counts.add', { countId, productId: redRose, quantity: 16, source: 'manual' }); // 4 short: 4 × 100
    await ok(florist, 'counts.add', { countId, productId: whiteRose, quantity: 7, source: 'manual' }); // 2 found: 2 × 200
    await ok(florist, 'counts.add', { countId, productId: sprayRose, quantity: 8, source: 'manual' });
    const cashier = await signedIn('cashier');
    const owner = await signedIn('owner');
    // any of the values as digits in the JSON (−400, 400, 0 aside: quantities are small numbers)
    const valueFigures = (v: unknown) => JSON.stringify(v).match(/\b(400|-400)\b/g) ?? [];

    for (const counter of [florist, cashier]) {
      const d = await detail(counter, countId);
      expect(d).toMatchObject({ showsExpected: true, costVisible: false });
      expect(line(d, redRose)).toMatchObject({ counted: 16, expected: 20, difference: -4, value: null });
      expect(line(d, whiteRose)).toMatchObject({ difference: 2, value: null });
      expect(d.totals).toMatchObject({ shortageQuantity: 4, surplusQuantity: 2, shortageValue: null, surplusValue: null, value: null });
      expect(d.lines.every((l) => l.value === null)).toBe(true);
      expect(valueFigures(d)).toEqual([]);
    }
    for (const reader of [owner, manager]) {
      const d = await detail(reader, countId);
      expect(d.costVisible).toBe(true);
      expect(line(d, redRose)?.value).toBe(-400);
      expect(line(d, whiteRose)?.value).toBe(400);
      expect(d.totals).toMatchObject({ shortageValue: 400, surplusValue: 400, value: 0 });
    }

    // posting needs stock.adjust; the answer's values need reports.view as well (a cashier given stock.adjust posts by quantities)
    db().prepare(`INSERT INTO role_permissions (role, permission) VALUES ('cashier', 'stock.adjust')`).run();
    const poster = await signedIn('cashier');
    const posted = (await ok(poster, 'counts.post', { countId })) as unknown as Record<string, unknown>;
    expect(posted).toMatchObject({ countId, shortageQuantity: 4, surplusQuantity: 2, shortageValue: null, surplusValue: null, value: null, costVisible: false });
    expect(valueFigures(posted)).toEqual([]);
    // the values are booked all the same, and a posted count reads them back for the owner only
    expect(rows('SELECT value FROM count_lines WHERE count_id = ? ORDER BY value', countId).map((r) => r.value)).toEqual([-400, 0, 400]);
    const frozen = await detail(florist, countId);
    expect(frozen).toMatchObject({ status: 'posted', costVisible: false, totals: { value: null, shortageValue: null } });
    expect(frozen.lines.every((l) => l.value === null)).toBe(true);
    expect((await detail(owner, countId)).totals).toMatchObject({ shortageValue: 400, surplusValue: 400 });
  });

  it('answers the manager’s posting with its values', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: tulips, blind: false });
    await ok(florist, 'counts.add', { countId, productId: tulip, quantity: 27, source: 'manual' });
    const posted = (await ok(manager, 'counts.post', { countId })) as unknown as Record<string, unknown>;
    expect(posted).toMatchObject({ shortageQuantity: 3, shortageValue: 180, value: -180, costVisible: true });
  });
});

describe('blind counts', () => {
  it('hide expected, difference and value from a counter without stock.adjust, in the backend', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: roses, blind: true });
    await scan(florist, countId, 'CNT-RED', 2);
    const forFlorist = await detail(florist, countId);
    expect(forFlorist.showsExpected).toBe(false);
    for (const l of forFlorist.lines) {
      expect(Object.keys(l)).not.toContain('expected');
      expect(Object.keys(l)).not.toContain('difference');
      expect(Object.keys(l)).not.toContain('value');
    }
    expect(Object.keys(forFlorist.totals).sort()).toEqual(['counted', 'products', 'uncounted']);
    expect(JSON.stringify(forFlorist)).not.toContain('"expected"');
    // the manager, who posts, sees them
    const forManager = await detail(manager, countId);
    expect(forManager.showsExpected).toBe(true);
    expect(line(forManager, redRose)).toMatchObject({ counted: 2, expected: 20, difference: -18 });
  });
});

describe('posting', () => {
  it('writes adjustment movements so balances equal the count, values differences at lot costs, freezes lines and audits', async () => {
    const { countId, number } = await ok(florist, 'counts.create', { categoryId: roses, blind: false });
    await ok(florist, 'counts.add', { countId, productId: redRose, quantity: 13, source: 'manual' }); // 20 → 13: −7
    await ok(florist, 'counts.add', { countId, productId: whiteRose, quantity: 7, source: 'manual' }); // 5 → 7: +2
    await ok(florist, 'counts.add', { countId, productId: sprayRose, quantity: 8, source: 'manual' }); // same

    // the florist may count but not post
    expect(await call(florist, 'counts.post', { countId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const posted = (await ok(manager, 'counts.post', { countId, requestId: '01900000-0000-7000-8000-000000000001' })) as unknown as Record<string, number>;
    // −7 red: 7 of the 10 oldest at 100 = 700; +2 white at the newest lot's 200 = 400
    expect(posted).toMatchObject({
      number,
      products: 3,
      shortageQuantity: 7,
      shortageValue: 700,
      surplusQuantity: 2,
      surplusValue: 400,
      value: -300,
      uncounted: 0,
    });
    expect(balance(redRose)).toBe(13);
    expect(balance(whiteRose)).toBe(7);
    expect(balance(sprayRose)).toBe(8);
    expect(balance(tulip)).toBe(30);
    // the shortage came out of the oldest lot
    const redLots = rows('SELECT l.unit_cost, b.quantity FROM lot_balances b JOIN lots l ON l.id = b.lot_id WHERE b.product_id = ? ORDER BY b.arrived_at', redRose);
    expect(redLots).toEqual([
      { unit_cost: 100, quantity: 3 },
      { unit_cost: 150, quantity: 10 },
    ]);
    // the found white roses are a new lot dated like the newest one, at its cost
    const adj = rows(`SELECT product_id, quantity, unit_cost FROM stock_movements WHERE document_type = 'adjustment' AND document_id = ? ORDER BY product_id, quantity`, countId);
    expect(adj).toEqual(
      [
        { product_id: redRose, quantity: -7, unit_cost: 100 },
        { product_id: whiteRose, quantity: 2, unit_cost: 200 },
      ].sort((a, b) => a.product_id.localeCompare(b.product_id)),
    );
    const found = rows(`SELECT arrived_at, unit_cost FROM lots WHERE document_type = 'adjustment' AND product_id = ?`, whiteRose);
    expect(found).toEqual([{ arrived_at: day(1), unit_cost: 200 }]);

    const frozen = rows('SELECT product_id, expected, counted, value FROM count_lines WHERE count_id = ? ORDER BY product_id', countId);
    expect(frozen).toHaveLength(3);
    expect(frozen.find((r) => r.product_id === redRose)).toEqual({ product_id: redRose, expected: 20, counted: 13, value: -700 });

    const audit = rows(`SELECT action, details FROM audit_log WHERE entity_id = ? ORDER BY rowid`, countId);
    expect(audit.map((a) => a.action)).toEqual(['counts.created', 'counts.posted']);
    expect(JSON.parse(audit[1]?.details as string)).toMatchObject({ number, shortageValue: 700, surplusValue: 400, value: -300 });

    // the posted count reads its frozen lines, not today's stock
    await raw('test.sell', { productId: redRose, quantity: 5 });
    const d = await detail(manager, countId);
    expect(d.status).toBe('posted');
    expect(line(d, redRose)).toMatchObject({ expected: 20, counted: 13, difference: -7, value: -700 });

    // the same request again answers the first post; another is refused
    const again = await ok(manager, 'counts.post', { countId, requestId: '01900000-0000-7000-8000-000000000001' });
    expect(again).toEqual(posted);
    const twice = await call(manager, 'counts.post', { countId, requestId: '01900000-0000-7000-8000-000000000002' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors:counts.alreadyPosted', params: { number } } });
    expect(rows(`SELECT 1 FROM audit_log WHERE action = 'counts.posted'`)).toHaveLength(1);
    // nothing more can be counted in it
    expect(await call(florist, 'counts.add', { countId, code: 'CNT-RED' })).toMatchObject({ ok: false, error: { messageKey: 'errors:counts.alreadyPosted' } });
  });

  it('refuses uncounted products in scope until the poster confirms them as zero', async () => {
    const { countId } = await ok(florist, 'counts.create', { categoryId: roses, blind: false });
    await ok(florist, 'counts.add', { countId, productId: redRose, quantity: 20, source: 'manual' });
    const refused = await call(manager, 'counts.post', { countId });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', messageKey: 'errors:counts.uncounted', params: { total: 2, products: 'Spray rose, White rose' } },
    });
    expect(rows(`SELECT 1 FROM stock_movements WHERE document_type = 'adjustment'`)).toHaveLength(0);
    expect(rows('SELECT status FROM counts WHERE id = ?', countId)).toEqual([{ status: 'open' }]);

    const posted = (await ok(manager, 'counts.post', { countId, uncountedAsZero: true })) as unknown as Record<string, number>;
    expect(posted).toMatchObject({ uncounted: 2, shortageQuantity: 13, shortageValue: 5 * 200 + 8 * 80 });
    expect([balance(redRose), balance(whiteRose), balance(sprayRose)]).toEqual([20, 0, 0]);
    const d = await detail(manager, countId);
    expect(line(d, whiteRose)).toMatchObject({ counted: null, expected: 5, difference: -5 });
  });

  it('refuses a count nobody counted in, and a cancelled count', async () => {
    const { countId, number } = await ok(florist, 'counts.create', { categoryId: tulips, blind: false });
    expect(await call(manager, 'counts.post', { countId, uncountedAsZero: true })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors:counts.nothingCounted' },
    });
    await scan(florist, countId, 'CNT-TULIP');
    await ok(florist, 'counts.cancel', { countId });
    expect(await call(manager, 'counts.post', { countId, uncountedAsZero: true })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors:counts.cancelled', params: { number } },
    });
    expect(await call(florist, 'counts.cancel', { countId })).toMatchObject({ ok: false, error: { messageKey: 'errors:counts.cancelled' } });
    expect(balance(tulip)).toBe(30);
    expect(rows(`SELECT action FROM audit_log WHERE entity_id = ? ORDER BY rowid`, countId).map((r) => r.action)).toEqual([
      'counts.created',
      'counts.cancelled',
    ]);
    // a cancelled count frees its scope
    expect((await call(florist, 'counts.create', { categoryId: tulips, blind: false })).ok).toBe(true);
  });

  it('fills lots sold below zero first, then books the rest as a new lot; an all-stock count covers every category', async () => {
    await raw('test.sell', { productId: tulip, quantity: 35 }); // 30 in stock, 5 sold ahead of their arrival
    expect(balance(tulip)).toBe(-5);
    const { countId } = await ok(manager, 'counts.create', { blind: true });
    // counted 4 tulips: +9, of which 5 fill the lot below zero (at its 60), 4 a new lot at 60
    await ok(manager, 'counts.add', { countId, code: 'CNT-TULIP', quantity: 4 });
    for (const p of [redRose, whiteRose, sprayRose]) await ok(manager, 'counts.add', { countId, productId: p, quantity: balance(p), source: 'manual' });
    const d = await detail(manager, countId);
    expect(line(d, tulip)).toMatchObject({ expected: -5, counted: 4, difference: 9, value: 540 });
    await ok(manager, 'counts.post', { countId, uncountedAsZero: true });
    expect(balance(tulip)).toBe(4);
    expect(rows('SELECT quantity FROM lot_balances WHERE product_id = ? AND quantity < 0', tulip)).toHaveLength(0);
    // every other product of the demo shop in stock was uncounted and is now zero
    const left = db()
      .prepare(`SELECT count(*) FROM lot_balances b JOIN products p ON p.id = b.product_id WHERE b.quantity <> 0 AND p.id NOT IN (?, ?, ?, ?)`)
      .pluck()
      .get(tulip, redRose, whiteRose, sprayRose);
    expect(left).toBe(0);
  });

  it('answers another shop’s or a missing count as not found', async () => {
    expect(await call(florist, 'counts.get', { id: '01900000-0000-7000-8000-0000000000ff' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', messageKey: 'errors:counts.notFound' },
    });
  });
});
