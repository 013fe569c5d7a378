import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../shop/api/define';
import { handlers } from '../shop/api/handlers';
import { Backend } from '../shop/backend';
import { demoUser, seedDemoShop } from '../shop/demo/seed';
import { seededRandom } from '../shop/demo/random';
import { receiveLot } from '../shop/stock/ledger';
import { median, p95, timed, type Figure } from './stats';

/**
 * The issue's figure: restock.suggest over a year of sales — 200,000 sale lines in a demo shop of
 * ~60 stocked products, with weekday seasonality and the rushes of Valentine's Day, March 8 and
 * the rest, a tenth of the sales with a bouquet built at the counter (components as JSON), and
 * bouquets made ahead (assembly movements). The history is written straight into the tables in
 * one transaction (the counter's own commit would take minutes for a year); the suggestion is
 * asked through the dispatcher the way the screen asks it, today being 3 March, so March 8's
 * rush is in the horizon and last year's is measured.
 */

const TARGET_MS = 500;
const RUNS = 20;
const YEAR_RUNS = 5;
const LINES = 200_000;
const TODAY = '2027-03-03T10:00:00.000Z';
const DAY_MS = 86_400_000;

const benchHandlers = {
  ...handlers,
  'bench.restockShop': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      seedDemoShop(ctx, { language: 'ka' });
      const shopId = ctx.shopId as string;
      const products = ctx.db
        .prepare(
          `SELECT id, price, kind FROM products WHERE kind IN ('cut_flower','greenery','consumable') AND archived = 0 AND price > 0 ORDER BY seq LIMIT 60`,
        )
        .all() as { id: string; price: number; kind: string }[];
      const at = ctx.now().toISOString();
      const suppliers = ['Flora Holland', 'Ecuador Roses', 'Local Greens'].map((name, i) => {
        const id = ctx.newId();
        ctx.db.prepare('INSERT INTO suppliers (id, shop_id, name, lead_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, shopId, name, i + 1, at, at);
        return id;
      });
      products.forEach((p, i) => {
        // every seventh product has no usual supplier
        const supplierId = i % 7 === 6 ? null : (suppliers[i % 3] ?? null);
        const vaseLife = p.kind === 'consumable' ? null : 5 + (i % 9);
        ctx.db.prepare('UPDATE products SET supplier_id = ?, vase_life_days = ?, min_stock = ? WHERE id = ?').run(supplierId, vaseLife, i % 4 === 0 ? 10 : null, p.id);
        if (supplierId) {
          ctx.db
            .prepare('INSERT INTO supplier_products (supplier_id, product_id, pack_kind, pack_size) VALUES (?, ?, ?, ?)')
            .run(supplierId, p.id, i % 5 === 0 ? 'box' : 'bunch', [10, 20, 25, 50][i % 4] ?? 10);
        }
        // stock for the bouquets made ahead (assembly movements need a lot)
        receiveLot(ctx, { productId: p.id, quantity: 1_000_000, unitCost: Math.max(1, Math.round(p.price / 3)), arrivedAt: '2026-01-01T05:00:00.000Z', documentType: 'opening', documentId: ctx.newId() });
      });
      return products;
    },
  }),
} satisfies HandlerMap;

async function must<T>(backend: Backend, client: ClientState, method: string, input: unknown): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

/** How busy a day is: weekends sell more, occasions' rushes much more. */
function dayFactor(date: Date): number {
  const weekday = [0.9, 0.8, 0.85, 0.9, 1.0, 1.3, 1.4][date.getUTCDay()] ?? 1;
  const md = date.toISOString().slice(5, 10);
  const rush: Record<string, number> = {
    '02-12': 2, '02-13': 3, '02-14': 4, '03-02': 1.5, '03-03': 2, '03-05': 2, '03-06': 3, '03-07': 4, '03-08': 5,
    '09-01': 2.5, '10-05': 2, '12-28': 1.5, '12-29': 1.5, '12-30': 2, '12-31': 2.5,
  };
  return weekday * (rush[md] ?? 1);
}

/** A year of sales written straight into the tables, one transaction. Returns the sale lines written. */
export function writeYearOfSales(db: Database, products: { id: string; price: number }[]): number {
  const random = seededRandom(2027);
  const shopId = db.prepare(`SELECT value FROM app_settings WHERE key = 'current_shop_id'`).pluck().get() as string;
  const cashier = db.prepare(`SELECT id FROM users WHERE role = 'cashier'`).pluck().get() as string;
  const lots = new Map((db.prepare('SELECT product_id, id, unit_cost FROM lots').all() as { product_id: string; id: string; unit_cost: number }[]).map((l) => [l.product_id, l]));
  const names = new Map((db.prepare(`SELECT p.id, n.name FROM products p JOIN product_names n ON n.product_seq = p.seq AND n.lang = 'ka'`).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  // Popular products sell more: a Zipf-like weight by position.
  const weights = products.map((_, i) => 1 / (1 + i * 0.15));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickProduct = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < products.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return products[i] ?? products[0];
    }
    return products[products.length - 1];
  };
  const today = Math.floor(Date.parse(TODAY) / DAY_MS);
  const days = Array.from({ length: 365 }, (_, i) => today - 365 + i);
  const factors = days.map((d) => dayFactor(new Date(d * DAY_MS)));
  // Each day's share of the year's lines, rounded so that the year comes to exactly LINES.
  const factorSum = factors.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const dayLines = factors.map((f) => {
    const before = Math.round((cumulative / factorSum) * LINES);
    cumulative += f;
    return Math.round((cumulative / factorSum) * LINES) - before;
  });

  const insertShift = db.prepare(
    `INSERT INTO shifts (id, shop_id, register_id, number, opened_at, opened_by, opening_float, closed_at, closed_by, expected_cash, counted_cash)
     VALUES (?, ?, 'bench', ?, ?, ?, 0, ?, ?, 0, 0)`,
  );
  const insertSale = db.prepare(
    `INSERT INTO sales (id, shop_id, shift_id, kind, number, at, cashier_id, currency, subtotal, discount_total, total, cost_of_goods)
     VALUES (?, ?, ?, 'sale', ?, ?, ?, 'GEL', ?, 0, ?, 0)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO sale_lines (id, sale_id, shop_id, line_no, product_id, name, quantity, list_price, unit_price, discount, total, cost_of_goods, components)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?)`,
  );
  const insertPayment = db.prepare(`INSERT INTO sale_payments (id, sale_id, shop_id, method, amount) VALUES (?, ?, ?, 'card', ?)`);
  const insertMovement = db.prepare(
    `INSERT INTO stock_movements (id, shop_id, lot_id, product_id, quantity, unit_cost, document_type, document_id, at) VALUES (?, ?, ?, ?, ?, ?, 'assembly', ?, ?)`,
  );
  let number = (db.prepare('SELECT coalesce(max(number), 0) FROM sales').pluck().get() as number) + 1;
  let written = 0;
  const bouquetProduct = products[0];
  db.transaction(() => {
    days.forEach((day, di) => {
      const shiftId = uuidv7();
      const open = new Date(day * DAY_MS + 5 * 3_600_000).toISOString();
      const close = new Date(day * DAY_MS + 17 * 3_600_000).toISOString();
      insertShift.run(shiftId, shopId, di + 1, open, cashier, close, cashier);
      const target = written + (dayLines[di] ?? 0);
      while (written < target) {
        const saleId = uuidv7();
        const at = new Date(day * DAY_MS + 5 * 3_600_000 + Math.floor(random() * 12 * 3_600_000)).toISOString();
        const lineCount = Math.min(target - written, 1 + Math.floor(random() * 4.6));
        const lines: { productId: string; name: string; quantity: number; price: number; components: string | null }[] = [];
        for (let l = 0; l < lineCount; l++) {
          if (l === 0 && random() < 0.1 && bouquetProduct) {
            const components = Array.from({ length: 2 + Math.floor(random() * 3) }, () => ({ productId: pickProduct()?.id ?? '', quantity: 1 + Math.floor(random() * 7) }));
            lines.push({ productId: bouquetProduct.id, name: 'Bouquet', quantity: 1, price: 4_500, components: JSON.stringify(components) });
          } else {
            const p = pickProduct() ?? products[0];
            if (!p) throw new Error('no products');
            lines.push({ productId: p.id, name: names.get(p.id) ?? '?', quantity: 1 + Math.floor(random() * 9), price: p.price, components: null });
          }
        }
        const total = lines.reduce((t, l) => t + l.price * l.quantity, 0);
        insertSale.run(saleId, shopId, shiftId, number++, at, cashier, total, total);
        lines.forEach((l, i) => insertLine.run(uuidv7(), saleId, shopId, i + 1, l.productId, l.name, l.quantity, l.price, l.price, l.price * l.quantity, l.components));
        if (total > 0) insertPayment.run(uuidv7(), saleId, shopId, total);
        written += lines.length;
      }
      // the morning's bouquets made ahead: a few components
      for (let k = 0; k < 3; k++) {
        const p = pickProduct();
        const lot = p ? lots.get(p.id) : undefined;
        if (!p || !lot) continue;
        insertMovement.run(uuidv7(), shopId, lot.id, p.id, -(3 + Math.floor(random() * 10)), lot.unit_cost, uuidv7(), new Date(day * DAY_MS + 6 * 3_600_000).toISOString());
      }
    });
  })();
  return written;
}

export async function benchRestock(dir: string): Promise<Figure[]> {
  const dataDir = join(dir, 'restock');
  mkdirSync(dataDir, { recursive: true });
  const backend = Backend.boot({ dataDir, handlers: benchHandlers, now: () => new Date(TODAY), log: (e) => console.error(e) });
  try {
    const anon = backend.newClient();
    const products = await must<{ id: string; price: number }[]>(backend, anon, 'bench.restockShop', {});
    const lines = writeYearOfSales(backend.db, products);
    backend.db.exec('ANALYZE');
    const picker = await must<{ id: string; role: string }[]>(backend, anon, 'users.picker', {});
    const owner = backend.newClient();
    await must(backend, owner, 'users.signIn', { userId: picker.find((u) => u.role === 'owner')?.id, secret: demoUser('owner').password });

    const check = await must<{ suppliers: { lines: { occasions: unknown[] }[] }[] }>(backend, owner, 'restock.suggest', {});
    const withUplift = check.suppliers.flatMap((s) => s.lines).filter((l) => l.occasions.length > 0).length;
    if (withUplift === 0) throw new Error('restock bench: March 8 should lift the forecast');
    const runs = async (input: unknown, n = RUNS) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) samples.push(await timed(() => must(backend, owner, 'restock.suggest', input)));
      return samples;
    };
    const fourWeeks = await runs({});
    const year = await runs({ weeks: 52 }, YEAR_RUNS);
    const occasions: number[] = [];
    for (let i = 0; i < RUNS; i++) occasions.push(await timed(() => must(backend, owner, 'occasions.list', {})));
    const note = `${lines.toLocaleString('en')} sale lines over 365 days, ${products.length} products, 10% counter bouquets, March 8 in the horizon`;
    return [
      { name: 'Restock suggestion over a year of sales, 4 weeks of history (p95)', value: p95(fourWeeks), unit: 'ms', target: TARGET_MS, note: `${note}; median ${median(fourWeeks).toFixed(1)} ms` },
      // Not the figure (the screen asks for 2–12 weeks): what the longest history costs, read line by line.
      { name: 'Restock suggestion averaging all 52 weeks (p95)', value: p95(year), unit: 'ms', target: null, note: `${note}; reads every line of the year` },
      { name: 'Occasions calendar with observed uplift (p95)', value: p95(occasions), unit: 'ms', target: null, note },
    ];
  } finally {
    backend.shutdown();
  }
}
