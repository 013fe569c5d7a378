import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../shop/api/define';
import { handlers } from '../shop/api/handlers';
import { Backend } from '../shop/backend';
import { demoUser, seedDemoShop } from '../shop/demo/seed';
import { receiveLot } from '../shop/stock/ledger';
import { median, p95, timed, type Figure } from './stats';

/**
 * The figure: the stock view of 2,000 lots with ages. The demo shop (Georgian) gets vase
 * lives on its flowers, a handful of markdown rules of every scope, and lots spread over the last
 * three weeks until 2,000 lots hold stock. Measured through the dispatcher as the stock screen
 * asks: the first page (oldest first) with totals, and "only what needs selling" sorted by days left.
 */

const LOTS = 2_000;
const RUNS = 50;
const TARGET_MS = 50;
const DAY_MS = 86_400_000;

const benchHandlers = {
  ...handlers,
  'bench.stockShop': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      seedDemoShop(ctx, { language: 'ka' });
      const db = ctx.db;
      db.prepare("UPDATE products SET vase_life_days = 7 + (seq % 8) WHERE kind IN ('cut_flower','greenery')").run();
      const shopId = db.prepare(`SELECT value FROM app_settings WHERE key = 'current_shop_id'`).pluck().get() as string;
      const products = db
        .prepare(`SELECT id, category_id FROM products WHERE kind <> 'service' AND archived = 0 ORDER BY seq`)
        .all() as { id: string; category_id: string | null }[];
      const at = ctx.now().toISOString();
      const rule = db.prepare(
        `INSERT INTO markdown_rules (id, shop_id, from_day, percent_bp, product_kind, category_id, product_id, archived, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      );
      rule.run(ctx.newId(), shopId, 10, 1000, null, null, null, at, at);
      rule.run(ctx.newId(), shopId, 5, 2000, 'cut_flower', null, null, at, at);
      rule.run(ctx.newId(), shopId, 8, 3000, 'cut_flower', null, null, at, at);
      const category = products.find((p) => p.category_id !== null)?.category_id ?? null;
      if (category) rule.run(ctx.newId(), shopId, 4, 2500, null, category, null, at, at);
      for (const p of products.slice(0, 5)) rule.run(ctx.newId(), shopId, 3, 1500, null, null, p.id, at, at);

      const have = db.prepare('SELECT count(*) FROM lot_balances WHERE quantity > 0').pluck().get() as number;
      const now = ctx.now().getTime();
      for (let i = have; i < LOTS; i++) {
        const p = products[i % products.length];
        if (!p) break;
        receiveLot(ctx, {
          productId: p.id,
          quantity: 5 + (i % 40),
          unitCost: 100 + ((i * 37) % 900),
          arrivedAt: new Date(now - ((i * 7919) % (21 * 24)) * 3_600_000 - DAY_MS / 4).toISOString(),
          documentType: 'opening',
          documentId: ctx.newId(),
        });
      }
      return db.prepare('SELECT count(*) FROM lot_balances WHERE quantity > 0').pluck().get() as number;
    },
  }),
} satisfies HandlerMap;

async function must<T>(backend: Backend, client: ClientState, method: string, input: unknown): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

export async function benchStockView(dir: string): Promise<Figure[]> {
  const dataDir = join(dir, 'stock-view');
  mkdirSync(dataDir, { recursive: true });
  const backend = Backend.boot({ dataDir, handlers: benchHandlers, log: (e) => console.error(e) });
  try {
    const anon = backend.newClient();
    const lots = await must<number>(backend, anon, 'bench.stockShop', {});
    if (lots < LOTS) throw new Error(`expected ${LOTS} lots with stock, got ${lots}`);
    const picker = await must<{ id: string; role: string }[]>(backend, anon, 'users.picker', {});
    const owner = backend.newClient();
    await must(backend, owner, 'users.signIn', { userId: picker.find((u) => u.role === 'owner')?.id, secret: demoUser('owner').password });

    const firstPage = { limit: 100 };
    const aging = { onlyAging: true, sort: 'remaining', dir: 'asc', limit: 100 };
    for (let i = 0; i < 5; i++) await must(backend, owner, 'stock.overview', firstPage);
    const check = await must<{ total: number; totals: { lots: number } }>(backend, owner, 'stock.overview', firstPage);
    if (check.total !== lots) throw new Error(`the overview shows ${check.total} lots of ${lots}`);
    const page: number[] = [];
    const needs: number[] = [];
    for (let i = 0; i < RUNS; i++) page.push(await timed(() => must(backend, owner, 'stock.overview', firstPage)));
    for (let i = 0; i < RUNS; i++) needs.push(await timed(() => must(backend, owner, 'stock.overview', aging)));
    const note = `${lots} lots with stock, ages over 3 weeks, ${9} markdown rules of every scope; median ${median(page).toFixed(1)} ms`;
    return [
      { name: 'Stock view of 2,000 lots with ages, first page + totals (p95)', value: p95(page), unit: 'ms', target: TARGET_MS, note },
      {
        name: 'Stock view of 2,000 lots: only what needs selling, by days left (p95)',
        value: p95(needs),
        unit: 'ms',
        target: TARGET_MS,
        note: `${lots} lots; median ${median(needs).toFixed(1)} ms`,
      },
    ];
  } finally {
    backend.shutdown();
  }
}
