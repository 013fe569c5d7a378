import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { language, LANGUAGES, type Language } from '../../shop/api/schemas';
import { classifyBarcode } from '../../shop/catalog/barcode';
import { DEMO_PRODUCTS } from '../../shop/demo/catalog-data';
import { generateLargeCatalog } from '../../shop/demo/large';
import { demoPrice } from '../../shop/demo/prices';
import { DEMO_USERS, demoCurrency, seedDemoShop } from '../../shop/demo/seed';
import { ROLES } from '../../shop/users/permissions';
import { tempBackend } from '../helpers/tempBackend';

// The real handler map plus two entry points that run the generators through the real dispatcher,
// so they run inside one transaction exactly as shops.setup runs the seed.
const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({ access: 'public', input: z.object({ language }), run: (ctx, i) => seedDemoShop(ctx, i) }),
  'test.large': handler({
    access: 'public',
    input: z.object({ products: z.number(), barcodes: z.number(), seed: z.number() }),
    run: (ctx, i) => generateLargeCatalog(ctx, i),
  }),
} satisfies HandlerMap;

type Env = ReturnType<typeof tempBackend>;
const envs: Env[] = [];
afterEach(() => {
  while (envs.length > 0) envs.pop()?.dispose();
});

async function seeded(lang: Language) {
  const env = tempBackend({ handlers: testHandlers, log: (e) => console.error(e) });
  envs.push(env);
  const started = performance.now();
  const res = await env.backend.call(env.backend.newClient(), 'test.seedDemo', { language: lang });
  const ms = performance.now() - started;
  expect(res).toMatchObject({ ok: true });
  return { env, db: env.backend.db, ms };
}

describe('demo shop', () => {
  it('holds a realistic catalogue: ≥150 products, all named in five languages, valid barcodes, sane prices', async () => {
    const { db, ms } = await seeded('ka');
    // The target is 1 s, measured by `npm run bench`; this only catches a gross regression on a busy CI machine.
    expect(ms).toBeLessThan(5000);

    // The catalogue, and beside it the bouquets of the demo recipes (one product per size, named in the shop's language).
    const products = db
      .prepare('SELECT id, kind, price, unit FROM products WHERE id NOT IN (SELECT product_id FROM recipe_variants)')
      .all() as { id: string; kind: string; price: number; unit: string }[];
    expect(products.length).toBeGreaterThanOrEqual(150);
    expect(products.length).toBe(DEMO_PRODUCTS.length);
    const bouquets = db
      .prepare(
        `SELECT p.kind, p.price, (SELECT count(*) FROM product_names n WHERE n.product_id = p.id AND n.own = 1 AND n.lang = 'ka') AS named
           FROM recipe_variants v JOIN products p ON p.id = v.product_id`,
      )
      .all() as { kind: string; price: number; named: number }[];
    expect(bouquets.length).toBeGreaterThanOrEqual(12);
    for (const b of bouquets) expect(b).toMatchObject({ kind: 'ready_item', named: 1 });
    for (const b of bouquets) expect(b.price).toBeGreaterThan(0);
    const kinds = new Set(products.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['consumable', 'cut_flower', 'greenery', 'plant', 'ready_item', 'service']);

    const nameCounts = db
      .prepare(
        `SELECT p.id, count(n.lang) AS n FROM products p LEFT JOIN product_names n ON n.product_id = p.id AND n.own = 1 AND length(trim(n.name)) > 0
          WHERE p.id NOT IN (SELECT product_id FROM recipe_variants) GROUP BY p.id`,
      )
      .all() as { id: string; n: number }[];
    expect(nameCounts.filter((r) => r.n !== LANGUAGES.length)).toEqual([]);
    // names are translations, not copies: no product has the same English and Russian/Georgian name
    const sameAsEnglish = db
      .prepare(
        `SELECT en.name FROM product_names en JOIN product_names o ON o.product_id = en.product_id AND o.lang IN ('ru', 'ka') AND o.own = 1
          WHERE en.lang = 'en' AND en.own = 1 AND o.name = en.name`,
      )
      .all();
    expect(sameAsEnglish).toEqual([]);

    for (const p of products) {
      expect(Number.isInteger(p.price)).toBe(true);
      if (p.kind === 'service') expect(p.price).toBeGreaterThanOrEqual(0);
      else expect(p.price).toBeGreaterThan(0);
    }
    expect(products.filter((p) => p.price === 0).every((p) => p.kind === 'service')).toBe(true);

    const codes = db.prepare('SELECT code, symbology, product_id FROM barcodes').all() as { code: string; symbology: string; product_id: string }[];
    expect(codes.length).toBeGreaterThanOrEqual(150);
    for (const c of codes) {
      const cls = classifyBarcode(c.code);
      expect(cls, c.code).toMatchObject({ ok: true, symbology: c.symbology });
    }
    // every product but the services can be scanned
    const unscannable = db
      .prepare(`SELECT kind FROM products p WHERE NOT EXISTS (SELECT 1 FROM barcodes b WHERE b.product_id = p.id)`)
      .all() as { kind: string }[];
    expect(unscannable.every((r) => r.kind === 'service')).toBe(true);

    const categories = db.prepare('SELECT count(*) AS n FROM categories').get() as { n: number };
    expect(categories.n).toBeGreaterThanOrEqual(8);
    const uncategorised = db.prepare('SELECT count(*) AS n FROM products WHERE category_id IS NULL').get() as { n: number };
    expect(uncategorised.n).toBe(0);
  });

  it('has one user per role, and every DEMO_USERS credential signs in', async () => {
    const { env, db } = await seeded('ka');
    const roles = db.prepare('SELECT role, count(*) AS n FROM users GROUP BY role ORDER BY role').all() as { role: string; n: number }[];
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    expect(roles.every((r) => r.n === 1)).toBe(true);

    const client = env.backend.newClient();
    const picker = await env.backend.call(client, 'users.picker', {});
    if (!picker.ok) throw new Error(JSON.stringify(picker.error));
    const people = picker.value as { id: string; name: string; role: string }[];
    for (const demo of DEMO_USERS) {
      const person = people.find((p) => p.role === demo.role);
      expect(person?.name).toBe(demo.names.ka);
      const secret = demo.pin ?? demo.password;
      const res = await env.backend.call(client, 'users.signIn', { userId: person?.id, secret });
      expect(res, demo.role).toMatchObject({ ok: true });
      expect(client.userId).toBe(person?.id);
    }
    const wrong = await env.backend.call(client, 'users.signIn', { userId: people.find((p) => p.role === 'cashier')?.id, secret: '9999' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
  });

  it('has a few clients with local mobile numbers and personal discounts on some', async () => {
    const phoneOf: Record<Language, RegExp> = {
      ka: /^\+9955\d{8}$/,
      en: /^\+9955\d{8}$/,
      kk: /^\+77\d{9}$/,
      uz: /^\+998\d{9}$/,
      ru: /^\+79\d{9}$/,
    };
    for (const lang of ['ka', 'kk'] as const) {
      const { db } = await seeded(lang);
      const clients = db.prepare('SELECT name, phone, discount_bp FROM clients').all() as { name: string; phone: string; discount_bp: number }[];
      expect(clients.length).toBeGreaterThanOrEqual(5);
      expect(clients.length).toBeLessThanOrEqual(8);
      for (const c of clients) expect(c.phone).toMatch(phoneOf[lang]);
      expect(clients.some((c) => c.discount_bp > 0)).toBe(true);
      expect(clients.some((c) => c.discount_bp === 0)).toBe(true);
    }
  });

  it('opens in the currency of the chosen language, with prices rounded the local way', async () => {
    const expected: Record<Language, string> = { ka: 'GEL', en: 'GEL', kk: 'KZT', uz: 'UZS', ru: 'RUB' };
    for (const lang of LANGUAGES) expect(demoCurrency(lang)).toBe(expected[lang]);

    const { db } = await seeded('uz');
    const shop = db.prepare('SELECT currency, language, name FROM shops').get() as { currency: string; language: string; name: string };
    expect(shop).toEqual({ currency: 'UZS', language: 'uz', name: 'Posy Demo Flowers' });
    const prices = (db.prepare('SELECT price FROM products').all() as { price: number }[]).map((r) => r.price);
    expect(prices.every((p) => p % 1000_00 === 0)).toBe(true); // whole thousands of so'm

    expect(demoPrice(600, 'KZT') % 50_00).toBe(0);
    expect(demoPrice(600, 'GEL')).toBe(600);
    expect(demoPrice(0, 'UZS')).toBe(0);
    expect(demoPrice(1, 'UZS')).toBe(1000_00); // never rounds a priced item down to free
    expect(demoPrice(5000, 'RUB') % 100).toBe(0);
  });

  it('opens with stock: every stocked product in lots from the last six days, bought at a florist\'s margin', async () => {
    for (const lang of ['ka', 'uz'] as const) {
      const { db } = await seeded(lang);
      const products = db
        .prepare(
          `SELECT p.id, p.kind, p.price, p.category_id, (SELECT count(*) FROM lots l WHERE l.product_id = p.id) AS lots,
                  (SELECT coalesce(sum(quantity), 0) FROM lot_balances b WHERE b.product_id = p.id) AS stock
             FROM products p WHERE p.id NOT IN (SELECT product_id FROM recipe_variants)`,
        )
        .all() as { id: string; kind: string; price: number; category_id: string; lots: number; stock: number }[];
      for (const p of products) {
        if (p.kind === 'service') expect(p.lots, p.id).toBe(0);
        else expect(p.stock, p.id).toBeGreaterThan(0);
      }
      // some flowers came in twice, so FIFO has an older lot to sell first
      expect(products.filter((p) => p.lots >= 2).length).toBeGreaterThan(10);

      const lots = db
        .prepare(
          `SELECT l.unit_cost, l.arrived_at, l.document_type, p.price FROM lots l JOIN products p ON p.id = l.product_id
            WHERE l.document_type = 'opening'`,
        )
        .all() as { unit_cost: number; arrived_at: string; document_type: string; price: number }[];
      const now = Date.now();
      for (const l of lots) {
        expect(l.document_type).toBe('opening');
        expect(l.unit_cost).toBeGreaterThan(0);
        // a margin of about 2 to 3 times (currency rounding of cheap items aside)
        expect(l.unit_cost / l.price).toBeGreaterThan(0.25);
        expect(l.unit_cost / l.price).toBeLessThan(0.62);
        // one to six mornings ago
        const days = (now - Date.parse(l.arrived_at)) / 86_400_000;
        expect(days).toBeGreaterThan(0.7);
        expect(days).toBeLessThan(7);
      }
      // roses come by the hundred: 50 to 200 stems a delivery (the posted demo deliveries top up a few by the pack)
      const roseLots = db
        .prepare(
          `SELECT l.quantity_received FROM lots l JOIN products p ON p.id = l.product_id
             JOIN category_names c ON c.category_id = p.category_id AND c.lang = 'en' AND c.name = 'Roses'
            WHERE l.document_type = 'opening'`,
        )
        .pluck()
        .all() as number[];
      expect(roseLots.length).toBeGreaterThan(5);
      for (const q of roseLots) {
        expect(q).toBeGreaterThanOrEqual(25);
        expect(q).toBeLessThanOrEqual(200);
      }
    }
  });

  it('a cashier reads a flower\'s lots through stock.lots, oldest first, with ages and values', async () => {
    const { env, db } = await seeded('en');
    // a product with stock in exactly two lots (the past days' lots are sold out)
    const twice = db
      .prepare(`SELECT product_id FROM lot_balances WHERE quantity <> 0 GROUP BY product_id HAVING count(*) = 2 LIMIT 1`)
      .pluck()
      .get() as string;
    const till = env.backend.newClient();
    till.userId = db.prepare(`SELECT id FROM users WHERE role = 'cashier'`).pluck().get() as string;
    const res = await env.backend.call(till, 'stock.lots', { productId: twice });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    const value = res.value as { balance: number; lots: { arrivedAt: string; quantity: number; unitCost: number; ageDays: number; value: number }[] };
    expect(value.lots).toHaveLength(2);
    const [older, newer] = value.lots;
    expect(older && newer && older.arrivedAt < newer.arrivedAt && older.ageDays > newer.ageDays).toBe(true);
    expect(value.balance).toBe(value.lots.reduce((sum, l) => sum + l.quantity, 0));
    for (const l of value.lots) expect(l.value).toBe(l.quantity * l.unitCost);
    expect(await env.backend.call(till, 'stock.lots', { productId: '0190a000-0000-7000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', messageKey: 'errors:catalog.productNotFound' },
    });
  });

  it('refuses to seed a database that already has a shop, leaving it as it was', async () => {
    const { env, db } = await seeded('en');
    const before = (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
    const again = await env.backend.call(env.backend.newClient(), 'test.seedDemo', { language: 'en' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors:shops.alreadySetUp' } });
    expect((db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n).toBe(before);
  });
});

describe('demo shop through the first-start screen', () => {
  it('shops.setup in demo mode opens it, and a cashier finds a rose by part of its Georgian name', async () => {
    const env = tempBackend({ log: (e) => console.error(e) });
    envs.push(env);
    const client = env.backend.newClient();
    const res = await env.backend.call(client, 'shops.setup', { mode: 'demo', language: 'ka' });
    expect(res).toMatchObject({ ok: true, value: { session: null } });
    const picker = await env.backend.call(client, 'users.picker', {});
    if (!picker.ok) throw new Error(JSON.stringify(picker.error));
    const cashier = (picker.value as { id: string; role: string }[]).find((u) => u.role === 'cashier');
    expect(await env.backend.call(client, 'users.signIn', { userId: cashier?.id, secret: '1111' })).toMatchObject({ ok: true });
    const found = await env.backend.call(client, 'catalog.search', { query: 'ვარდ', lang: 'ka', limit: 200 });
    if (!found.ok) throw new Error(JSON.stringify(found.error));
    const { items } = found.value as { items: { name: string }[] };
    expect(items.length).toBeGreaterThan(50);
    expect(items.some((p) => p.name.startsWith('ვარდი ეკვადორი Freedom'))).toBe(true);
    // The app's demo has past days to plan from: closed shifts with sales, none of them today.
    const db = env.backend.db;
    expect(db.prepare(`SELECT count(*) FROM shifts WHERE closed_at IS NOT NULL`).pluck().get()).toBeGreaterThan(50);
    expect(db.prepare(`SELECT count(*) FROM sales`).pluck().get()).toBeGreaterThan(500);
    expect(db.prepare(`SELECT count(*) FROM shifts WHERE closed_at IS NULL`).pluck().get()).toBe(0);
  });

  it('the README lists exactly the demo credentials', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    for (const user of DEMO_USERS) {
      const secret = user.password ? `password \`${user.password}\`` : `PIN \`${user.pin}\``;
      expect(readme.includes(`| ${user.role} | ${secret} |`), `${user.role}: ${secret}`).toBe(true);
    }
  });
});

describe('large catalogue generator', () => {
  async function large(seed: number) {
    const env = tempBackend({ handlers: testHandlers, log: (e) => console.error(e) });
    envs.push(env);
    const client = env.backend.newClient();
    expect(await env.backend.call(client, 'test.seedDemo', { language: 'kk' })).toMatchObject({ ok: true });
    const db0 = env.backend.db;
    const demoCount = db0.prepare('SELECT count(*) FROM products').pluck().get() as number;
    const res = await env.backend.call(client, 'test.large', { products: 200, barcodes: 500, seed });
    expect(res).toEqual({ ok: true, value: { products: 200, barcodes: 500 } });
    const db = env.backend.db;
    const rows = db
      .prepare(
        `SELECT p.price, p.variety, p.colour, p.stem_length_cm,
                (SELECT group_concat(lang || ':' || name, '|') FROM (SELECT lang, name FROM product_names WHERE product_id = p.id AND own = 1 ORDER BY lang)) AS names,
                (SELECT group_concat(code, ',') FROM (SELECT code FROM barcodes WHERE product_id = p.id ORDER BY code)) AS codes
           FROM products p ORDER BY p.seq`,
      )
      .all()
      .slice(demoCount) as { names: string; codes: string | null; price: number }[];
    return { db, rows };
  }

  it('is deterministic for a seed, and a different seed gives different data', async () => {
    const a = await large(7);
    const b = await large(7);
    const c = await large(8);
    expect(a.rows).toHaveLength(200);
    expect(b.rows).toEqual(a.rows);
    expect(c.rows).not.toEqual(a.rows);
  });

  it('names every product in five languages and gives valid, evenly spread EAN-13 codes', async () => {
    const { db, rows } = await large(42);
    for (const r of rows) {
      expect(r.names.split('|').map((n) => n.split(':')[0])).toEqual(['en', 'ka', 'kk', 'ru', 'uz']);
      const codes = (r.codes ?? '').split(',');
      expect([2, 3]).toContain(codes.length);
      for (const code of codes) expect(classifyBarcode(code)).toMatchObject({ ok: true, symbology: 'ean13' });
      expect(r.price).toBeGreaterThan(0);
      expect(r.price % 50_00).toBe(0); // a Kazakh shop: tenge in 50s
    }
    // adds to the demo shop's categories rather than making a second "Roses"
    const roses = db.prepare(`SELECT count(*) AS n FROM category_names WHERE lang = 'en' AND name = 'Roses'`).get() as { n: number };
    expect(roses.n).toBe(1);
  });
});
