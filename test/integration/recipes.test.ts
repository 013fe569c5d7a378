import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { createProduct, archiveProduct } from '../../shop/catalog/products';
import { demoUser, seedDemoShop } from '../../shop/demo/seed';
import { receiveLot } from '../../shop/stock/ledger';
import type { Role } from '../../shop/users/permissions';
import type { ApiResult } from '../../shop/api/contract';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * Recipes and pricing rules through the real dispatcher on a real SQLite file (the English demo
 * shop: lari, bouquet prices rounded up to 0.50 by default).
 */
const KINDS = ['cut_flower', 'greenery', 'consumable', 'plant', 'ready_item', 'service'] as const;
const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      seedDemoShop(ctx, { language: 'en' });
      // This file prices from the currency's defaults and its own products: no demo rules, no markdowns.
      ctx.db.exec('DELETE FROM kind_markups; DELETE FROM pricing_rules; UPDATE markdown_rules SET archived = 1');
    },
  }),
  'test.product': handler({
    access: 'public',
    input: z.object({ name: z.string(), kind: z.enum(KINDS), price: z.number().int(), archived: z.boolean().default(false) }),
    run(ctx, i) {
      const id = createProduct(ctx, { kind: i.kind, names: { en: i.name }, price: i.price });
      if (i.archived) archiveProduct(ctx, id);
      return id;
    },
  }),
  'test.receive': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number().int(), unitCost: z.number().int(), arrivedAt: z.string() }),
    run: (ctx, i) => receiveLot(ctx, { ...i, documentType: 'opening', documentId: ctx.newId() }).lotId,
  }),
} satisfies HandlerMap;

let env: ReturnType<typeof tempBackend>;
let call: ReturnType<typeof callsOn>['call'];
let ok: ReturnType<typeof callsOn>['ok'];
let anon: ClientState;
const users: Partial<Record<Role, ClientState>> = {};
const as = (role: Role) => users[role] as ClientState;

async function raw<T>(method: string, input: unknown): Promise<T> {
  const res = await call(anon, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}
const product = (name: string, kind: (typeof KINDS)[number] = 'cut_flower', price = 100, archived = false) =>
  raw<string>('test.product', { name, kind, price, archived });
const receive = (productId: string, quantity: number, unitCost: number, day: number) =>
  raw<string>('test.receive', { productId, quantity, unitCost, arrivedAt: `2026-03-${String(day).padStart(2, '0')}T06:00:00.000Z` });

function refused(res: ApiResult<unknown>) {
  expect(res.ok, JSON.stringify(res)).toBe(false);
  return (res as Extract<ApiResult<unknown>, { ok: false }>).error;
}

const db = () => env.backend.db;
const count = (sql: string, ...args: unknown[]) => db().prepare(sql).pluck().get(...args) as number;
const writes = () => ({
  recipes: count('SELECT count(*) FROM recipes'),
  variants: count('SELECT count(*) FROM recipe_variants'),
  components: count('SELECT count(*) FROM recipe_components'),
  products: count('SELECT count(*) FROM products'),
  audit: count('SELECT count(*) FROM audit_log'),
});

let rose: string;
let wrap: string;
let fern: string;

beforeAll(async () => {
  env = tempBackend({ handlers: testHandlers, log: () => {}, printing: { autoStart: false } });
  ({ call, ok } = callsOn(() => env.backend));
  anon = env.backend.newClient();
  await raw('test.seedDemo', {});
  const picker = (await ok(anon, 'users.picker')) as { id: string; role: Role }[];
  for (const role of ['owner', 'manager', 'cashier', 'florist'] as const) {
    const client = env.backend.newClient();
    const user = demoUser(role);
    await ok(client, 'users.signIn', { userId: picker.find((p) => p.role === role)?.id ?? '', secret: user.pin ?? user.password ?? '' });
    users[role] = client;
  }
  await ok(as('cashier'), 'shifts.open', { openingFloat: 0 });
  rose = await product('Test rose', 'cut_flower', 500);
  await receive(rose, 10, 100, 1);
  await receive(rose, 10, 150, 2);
  wrap = await product('Test wrap', 'consumable', 300);
  await receive(wrap, 5, 200, 1);
  fern = await product('Test fern', 'greenery', 100);
  await receive(fern, 30, 40, 1);
});
afterAll(() => env.dispose());

describe('pricing rules', () => {
  it('start at the currency defaults: lari rounds up to 0.50, flowers × 2.5', async () => {
    const rules = await ok(as('owner'), 'pricing.get', {});
    expect(rules).toMatchObject({
      currency: 'GEL',
      roundingStep: 50,
      roundingMode: 'up',
      fixedAddition: 0,
      assemblyFee: 0,
      stored: false,
      markups: { cut_flower: 25_000, greenery: 20_000, consumable: 20_000, plant: 20_000, ready_item: 10_000 },
    });
    expect(rules.examples).toEqual([
      { amount: 1210, rounded: 1250 },
      { amount: 1225, rounded: 1250 },
      { amount: 1240, rounded: 1250 },
    ]);
  });

  it('are the owner’s: a manager may read them but not change them', async () => {
    const input = { fixedAddition: 0, assemblyFee: 0, roundingStep: 100, roundingMode: 'nearest' as const, markups: {} };
    expect(refused(await call(as('manager'), 'pricing.save', input)).code).toBe('forbidden');
    expect(refused(await call(as('owner'), 'pricing.save', { ...input, roundingStep: 0 })).messageKey).toBe('errors:recipes.stepInvalid');
    expect(refused(await call(as('owner'), 'pricing.save', { ...input, markups: { service: 10_000 } })).code).toBe('invalid_input');
    const saved = await ok(as('owner'), 'pricing.save', { ...input, markups: { greenery: 30_000 } });
    expect(saved).toMatchObject({ roundingStep: 100, roundingMode: 'nearest', stored: true, markups: { greenery: 30_000, cut_flower: 25_000 } });
    const audit = db().prepare("SELECT details FROM audit_log WHERE action = 'pricing.saved' ORDER BY rowid DESC").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ from: { roundingStep: 50 }, to: { roundingStep: 100, roundingMode: 'nearest' } });
    // back to the defaults the rest of the file prices with
    await ok(as('owner'), 'pricing.save', { ...input, roundingStep: 50, roundingMode: 'up', markups: { greenery: 20_000 } });
  });
});

describe('a recipe', () => {
  let recipeId: string;
  let mediumProduct: string;

  it('costs its components at the lots FIFO would take, and prices them by the rules', async () => {
    // 15 roses: 10 at 1.00 + 5 at 1.50 = 17.50 × 2.5 = 43.75; wrap 2.00 × 2 = 4.00; fee 5.00 → 52.75 → up to 53.00
    const preview = await ok(as('owner'), 'recipes.preview', {
      variants: [{ size: 'medium', assemblyFee: 500, components: [{ productId: rose, quantity: 15 }, { productId: wrap, quantity: 1 }] }],
    });
    expect(preview.problem).toBeNull();
    expect(preview.variants[0]).toMatchObject({ cost: 1950, price: 5300, makeable: 1, noCost: false });
    expect(preview.variants[0]?.breakdown).toMatchObject({ subtotal: 5275, rounding: 25, assemblyFee: 500 });
  });

  it('is saved with one ready bouquet product per size, named in the shop language, with a shop barcode and the rule price', async () => {
    const events: string[] = [];
    const off = env.backend.onEvent((e) => events.push(e.type));
    const saved = await ok(as('manager'), 'recipes.save', {
      name: 'Meadow test',
      description: 'Roses in kraft paper',
      variants: [
        { size: 'small', assemblyFee: 300, components: [{ productId: rose, quantity: 5 }, { productId: wrap, quantity: 1 }] },
        { size: 'medium', assemblyFee: 500, components: [{ productId: rose, quantity: 15 }, { productId: wrap, quantity: 1 }] },
      ],
    });
    off();
    recipeId = saved.id;
    expect(saved.variants.map((v) => [v.size, v.productName, v.price, v.rulePrice, v.cost])).toEqual([
      // 5 × 1.00 × 2.5 = 12.50 + 4.00 + 3.00 = 19.50
      ['small', 'Meadow test · S', 1950, 1950, 700],
      ['medium', 'Meadow test · M', 5300, 5300, 1950],
    ]);
    mediumProduct = saved.variants[1]?.productId ?? '';
    const p = await ok(as('manager'), 'catalog.get', { id: mediumProduct });
    expect(p).toMatchObject({ kind: 'ready_item', unit: 'piece', price: 5300, archived: false });
    expect(p.barcodes[0]?.code).toMatch(/^20\d{11}$/);
    expect(events).toEqual(expect.arrayContaining(['recipes.changed', 'catalog.changed']));
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'recipes.saved' AND entity_id = ?", recipeId)).toBe(1);
  });

  it('shows what it costs only to who may see costs', async () => {
    const [ownerView] = await ok(as('owner'), 'recipes.list', { query: 'meadow' });
    const [cashierView] = await ok(as('cashier'), 'recipes.list', { query: 'MEADOW' });
    expect(ownerView?.variants[0]?.cost).toBe(700);
    expect(cashierView?.variants[0]).not.toHaveProperty('cost');
    expect(cashierView?.variants[0]).not.toHaveProperty('breakdown');
    expect(cashierView?.variants[0]?.components[0]).not.toHaveProperty('cost');
    expect(cashierView?.variants[0]?.price).toBe(1950);
    expect(await ok(as('owner'), 'recipes.list', { query: 'autumn' })).toEqual([]);
  });

  it('follows the lots: selling the cheap roses raises its cost, but the shelf price moves only on reprice', async () => {
    await ok(as('cashier'), 'sales.commit', { lines: [{ productId: rose, quantity: 10 }], payments: [{ method: 'card', amount: 5000 }] });
    const got = await ok(as('owner'), 'recipes.get', { id: recipeId });
    const medium = got.variants.find((v) => v.size === 'medium');
    // 10 left at 1.50, the 5 missing ride on the newest lot at 1.50: 22.50 + 2.00
    expect(medium).toMatchObject({ cost: 2450, price: 5300, makeable: 0 });
    // 22.50 × 2.5 = 56.25 + 4.00 + 5.00 = 65.25 → 65.50
    expect(medium?.rulePrice).toBe(6550);
    expect(got.variants.find((v) => v.size === 'small')?.makeable).toBe(2);

    expect(refused(await call(as('florist'), 'recipes.reprice', { id: recipeId })).code).toBe('forbidden');
    const { repriced } = await ok(as('manager'), 'recipes.reprice', { id: recipeId });
    expect(repriced.map((r) => [r.productId, r.from, r.to])).toEqual([
      // small: 5 × 1.50 × 2.5 = 18.75 + 4 + 3 = 25.75 → 26.00
      [got.variants[0]?.productId, 1950, 2600],
      [mediumProduct, 5300, 6550],
    ]);
    expect((await ok(as('cashier'), 'catalog.get', { id: mediumProduct })).price).toBe(6550);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'recipes.repriced'")).toBe(1);
    expect((await ok(as('manager'), 'recipes.reprice', { id: recipeId })).repriced).toEqual([]);
  });

  it('is refused when it would contain itself, directly or through another recipe’s bouquet, and nothing is written', async () => {
    const before = writes();
    const direct = refused(
      await call(as('manager'), 'recipes.save', {
        id: recipeId,
        name: 'Meadow test',
        variants: [{ size: 'large', assemblyFee: 0, components: [{ productId: mediumProduct, quantity: 1 }] }],
      }),
    );
    expect(direct).toMatchObject({ messageKey: 'errors:recipes.containsItself', field: 'variants.0.components.0.productId', params: { product: 'Meadow test · M' } });
    expect(writes()).toEqual(before);

    // A basket holds a Meadow bouquet; Meadow may then not hold the basket.
    const basket = await ok(as('manager'), 'recipes.save', {
      name: 'Test basket',
      variants: [{ size: 'large', assemblyFee: 0, components: [{ productId: mediumProduct, quantity: 1 }, { productId: fern, quantity: 3 }] }],
    });
    const basketProduct = basket.variants[0]?.productId ?? '';
    // the basket's cost includes the bouquet, which has no lots of its own: costed by its recipe
    expect(basket.variants[0]).toMatchObject({ cost: 2450 + 120, noCost: false });
    const after = writes();
    const transitive = refused(
      await call(as('manager'), 'recipes.save', {
        id: recipeId,
        name: 'Meadow test',
        variants: [{ size: 'medium', assemblyFee: 0, components: [{ productId: rose, quantity: 3 }, { productId: basketProduct, quantity: 1 }] }],
      }),
    );
    expect(transitive.messageKey).toBe('errors:recipes.containsItself');
    expect(writes()).toEqual(after);
    const preview = await ok(as('manager'), 'recipes.preview', {
      id: recipeId,
      variants: [{ size: 'medium', assemblyFee: 0, components: [{ productId: basketProduct, quantity: 1 }] }],
    });
    expect(preview.problem?.messageKey).toBe('errors:recipes.containsItself');
  });

  it('refuses services, archived products, zero quantities, a component twice and a size twice', async () => {
    const delivery = await product('Test delivery', 'service', 1000);
    const old = await product('Old ribbon', 'consumable', 100, true);
    const save = (variants: unknown) => call(as('manager'), 'recipes.save', { name: 'Bad', variants });
    const one = (components: unknown, size = 'small') => [{ size, assemblyFee: 0, components }];
    const before = writes();
    expect(refused(await save(one([{ productId: delivery, quantity: 1 }]))).messageKey).toBe('errors:recipes.componentService');
    expect(refused(await save(one([{ productId: old, quantity: 1 }]))).messageKey).toBe('errors:recipes.componentArchived');
    expect(refused(await save(one([{ productId: rose, quantity: 0 }]))).messageKey).toBe('errors:recipes.quantityInvalid');
    expect(refused(await save(one([{ productId: rose, quantity: 1.5 }]))).messageKey).toBe('errors:recipes.quantityInvalid');
    expect(refused(await save(one([]))).messageKey).toBe('errors:recipes.componentsRequired');
    expect(refused(await save([])).messageKey).toBe('errors:recipes.sizesRequired');
    expect(
      refused(await save(one([{ productId: rose, quantity: 1 }, { productId: rose, quantity: 2 }]))).messageKey,
    ).toBe('errors:recipes.duplicateComponent');
    expect(
      refused(await save([...one([{ productId: rose, quantity: 1 }]), ...one([{ productId: rose, quantity: 2 }])])),
    ).toMatchObject({ messageKey: 'errors:recipes.duplicateSize', field: 'variants.1.size' });
    expect(refused(await save(one([{ productId: '0190a0a0-0000-7000-8000-000000000000', quantity: 1 }]))).messageKey).toBe(
      'errors:catalog.productNotFound',
    );
    expect(refused(await call(as('florist'), 'recipes.save', { name: 'X', variants: one([{ productId: rose, quantity: 1 }]) })).code).toBe(
      'forbidden',
    );
    expect(writes()).toEqual(before);
  });

  it('renames its bouquets, removes a size by archiving its product, and archives with its bouquets', async () => {
    const got = await ok(as('manager'), 'recipes.get', { id: recipeId });
    const small = got.variants.find((v) => v.size === 'small');
    const saved = await ok(as('manager'), 'recipes.save', {
      id: recipeId,
      name: 'Meadow joy',
      variants: [{ size: 'medium', assemblyFee: 500, components: [{ productId: rose, quantity: 15 }, { productId: wrap, quantity: 1 }] }],
    });
    expect(saved.variants.map((v) => [v.size, v.productName])).toEqual([['medium', 'Meadow joy · M']]);
    expect((await ok(as('manager'), 'catalog.get', { id: small?.productId ?? '' })).archived).toBe(true);
    expect(saved.variants[0]?.productId).toBe(mediumProduct);

    await ok(as('manager'), 'recipes.archive', { id: recipeId });
    expect((await ok(as('manager'), 'catalog.get', { id: mediumProduct })).archived).toBe(true);
    expect((await ok(as('manager'), 'recipes.list', {})).map((r) => r.name)).not.toContain('Meadow joy');
    expect((await ok(as('manager'), 'recipes.list', { includeArchived: true })).map((r) => r.name)).toContain('Meadow joy');
    await ok(as('manager'), 'recipes.archive', { id: recipeId, archived: false });
    expect((await ok(as('manager'), 'catalog.get', { id: mediumProduct })).archived).toBe(false);
    // the removed size stays removed
    expect((await ok(as('manager'), 'catalog.get', { id: small?.productId ?? '' })).archived).toBe(true);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'recipes.archived' AND entity_id = ?", recipeId)).toBe(2);
  });

  it('takes a JPEG, PNG or WebP photo of at most 2 MB, judged by its bytes', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const set = (dataUrl: string | null, role: Role = 'manager') => call(as(role), 'recipes.setPhoto', { id: recipeId, dataUrl });
    const before = writes();
    expect(refused(await set(`data:image/jpeg;base64,${png}`)).messageKey).toBe('errors:recipes.photoType');
    expect(refused(await set(`data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`)).messageKey).toBe(
      'errors:recipes.photoType',
    );
    expect(refused(await set(`data:image/svg+xml;base64,${png}`)).messageKey).toBe('errors:recipes.photoType');
    expect(refused(await set('not a data url')).messageKey).toBe('errors:recipes.photoData');
    const big = Buffer.alloc(2 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(refused(await set(`data:image/jpeg;base64,${big.toString('base64')}`)).messageKey).toBe('errors:recipes.photoTooLarge');
    expect(refused(await set(`data:image/png;base64,${png}`, 'florist')).code).toBe('forbidden');
    expect(writes()).toEqual(before);

    await ok(as('manager'), 'recipes.setPhoto', { id: recipeId, dataUrl: `data:image/png;base64,${png}` });
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
    expect((await call(as('manager'), 'recipes.setPhoto', { id: recipeId, dataUrl: `data:image/webp;base64,${webp.toString('base64')}` })).ok).toBe(true);
    await ok(as('manager'), 'recipes.setPhoto', { id: recipeId, dataUrl: `data:image/png;base64,${png}` });
    const listed = (await ok(as('cashier'), 'recipes.list', { query: 'joy' }))[0];
    expect(listed?.photo).toBe(`data:image/png;base64,${png}`);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'recipes.photoSet' AND entity_id = ?", recipeId)).toBe(3);
    await ok(as('manager'), 'recipes.setPhoto', { id: recipeId, dataUrl: null });
    expect((await ok(as('cashier'), 'recipes.get', { id: recipeId })).photo).toBeNull();
  });
});

describe('a bouquet built at the counter', () => {
  it('is priced in sales.quote by the rules, with the recipe size’s fee or the shop’s', async () => {
    const custom = await product('Counter bouquet', 'ready_item', 99_900);
    // 3 roses at 1.50 × 2.5 = 11.25; 2 fern at 0.40 × 2 = 1.60 → 12.85 → up to 13.00
    const quote = await ok(as('cashier'), 'sales.quote', {
      lines: [{ productId: custom, quantity: 1, components: [{ productId: rose, quantity: 3 }, { productId: fern, quantity: 2 }] }],
    });
    expect(quote.lines[0]).toMatchObject({ listPrice: 1300, unitPrice: 1300 });

    await ok(as('owner'), 'pricing.save', { fixedAddition: 100, assemblyFee: 1000, roundingStep: 100, roundingMode: 'nearest', markups: {} });
    // 12.85 + 10.00 fee + 1.00 addition = 23.85 → nearest 1.00 → 24.00
    const again = await ok(as('cashier'), 'sales.quote', {
      lines: [{ productId: custom, quantity: 2, components: [{ productId: rose, quantity: 3 }, { productId: fern, quantity: 2 }] }],
    });
    expect(again.lines[0]).toMatchObject({ listPrice: 2400, total: 4800 });

    // On a recipe size's product the size's own fee applies (5.00 for Meadow joy · M)
    const got = await ok(as('cashier'), 'recipes.list', { query: 'joy' });
    const medium = got[0]?.variants[0];
    const sized = await ok(as('cashier'), 'sales.quote', {
      lines: [{ productId: medium?.productId ?? '', quantity: 1, components: [{ productId: rose, quantity: 3 }, { productId: fern, quantity: 2 }] }],
    });
    // 12.85 + 5.00 + 1.00 = 18.85 → 19.00
    expect(sized.lines[0]?.listPrice).toBe(1900);
  });
});
