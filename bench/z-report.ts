import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../shop/api/define';
import { handlers } from '../shop/api/handlers';
import { Backend } from '../shop/backend';
import { demoUser, seedDemoShop } from '../shop/demo/seed';
import { openShift } from '../shop/shifts/current';
import { registerId } from '../shop/shifts/register';
import { computeShiftReport } from '../shop/shifts/report';
import { receiveLot } from '../shop/stock/ledger';
import { median, p95, timed, timedSync, type Figure } from './stats';

/**
 * The figure: the Z report over a shift of 1,000 sales (cash, card and split, some with
 * discounts) and 50 returns, in a database that also holds an earlier shift of 1,000 sales, all
 * posted through the real sales.commit and returns.commit. Measured three ways: the figures alone
 * (shop/shifts/report.ts, many runs), an X report through the dispatcher (the same computation,
 * stored in its transaction, many runs), and the one real close with its count (stored, the print
 * job queued).
 */


const SALES_PER_SHIFT = 1_000;
const RETURNS = 50;
const RUNS = 50;
const TARGET_MS = 100;
const BIG_LOT = 10_000_000;

const benchHandlers = {
  ...handlers,
  'bench.zShop': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      seedDemoShop(ctx, { language: 'ka' });
      ctx.db.prepare('UPDATE shops SET cash_rounding = 1').run();
      const products = ctx.db
        .prepare(`SELECT id FROM products WHERE kind IN ('cut_flower','greenery','consumable') AND archived = 0 AND price > 0 ORDER BY seq LIMIT 8`)
        .pluck()
        .all() as string[];
      for (const productId of products) {
        receiveLot(ctx, { productId, quantity: BIG_LOT, unitCost: 50, arrivedAt: '2020-01-01T06:00:00.000Z', documentType: 'opening', documentId: ctx.newId() });
      }
      return products;
    },
  }),
} satisfies HandlerMap;

async function must<T>(backend: Backend, client: ClientState, method: string, input: unknown): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

/** One shift's worth of sales: every third by card, every fifth split, every seventh with a discount. */
async function fillShift(backend: Backend, client: ClientState, products: string[], sales: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < sales; i++) {
    const lines = [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => ({ productId: products[(i + k) % products.length] ?? '', quantity: 1 + ((i + k) % 4) }));
    const discount = i % 7 === 0 ? { discount: { kind: 'percent', value: 500, reason: 'bench' } } : {};
    const quote = await must<{ total: number }>(backend, client, 'sales.quote', { lines, ...discount });
    const payments =
      i % 5 === 0
        ? [{ method: 'card', amount: Math.floor(quote.total / 4) }, { method: 'cash', tendered: quote.total }]
        : i % 3 === 0
          ? [{ method: 'card', amount: quote.total }]
          : [{ method: 'cash', tendered: quote.total }];
    const sale = await must<{ saleId: string }>(backend, client, 'sales.commit', { lines, payments, print: false, ...discount });
    ids.push(sale.saleId);
  }
  return ids;
}

export async function benchZReport(dir: string): Promise<Figure[]> {
  const dataDir = join(dir, 'z-report');
  mkdirSync(dataDir, { recursive: true });
  const backend = Backend.boot({ dataDir, handlers: benchHandlers, log: (e) => console.error(e) });
  try {
    const db = backend.db;
    const anon = backend.newClient();
    const products = await must<string[]>(backend, anon, 'bench.zShop', {});
    const picker = await must<{ id: string; role: string }[]>(backend, anon, 'users.picker', {});
    const owner = backend.newClient();
    await must(backend, owner, 'users.signIn', { userId: picker.find((u) => u.role === 'owner')?.id, secret: demoUser('owner').password });

    // An earlier shift, closed: the Z must not slow down with the shop's history.
    await must(backend, owner, 'shifts.open', { openingFloat: 10_000 });
    await fillShift(backend, owner, products, SALES_PER_SHIFT);
    await must(backend, owner, 'shifts.close', { counted: [], print: false });

    await must(backend, owner, 'shifts.open', { openingFloat: 10_000 });
    const saleIds = await fillShift(backend, owner, products, SALES_PER_SHIFT);
    for (let i = 0; i < RETURNS; i++) {
      const saleId = saleIds[i * 7] ?? '';
      const sale = await must<{ lines: { id: string; returnable: number }[] }>(backend, owner, 'returns.lookup', { saleId });
      const line = sale.lines[0];
      if (!line) continue;
      await must(backend, owner, 'returns.commit', {
        saleId,
        lines: [{ lineId: line.id, quantity: 1, disposition: i % 2 === 0 ? 'restock' : 'writeoff' }],
        reason: 'bench',
        print: false,
      });
    }
    for (let i = 0; i < 10; i++) {
      await must(backend, owner, 'shifts.cash', { kind: i % 2 === 0 ? 'in' : 'out', amount: 1_000, reason: 'bench' });
    }

    const shopId = db.prepare(`SELECT value FROM app_settings WHERE key = 'current_shop_id'`).pluck().get() as string;
    const shift = openShift(db, shopId, registerId(db));
    if (!shift) throw new Error('no open shift to report on');
    const counted = [{ denomination: 20_000, count: 10 }, { denomination: 100, count: 7 }];

    for (let i = 0; i < 5; i++) computeShiftReport(db, shift, { counted });
    const pure = Array.from({ length: RUNS }, () => timedSync(() => computeShiftReport(db, shift, { counted })));
    const xRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) xRuns.push(await timed(() => must(backend, owner, 'shifts.xReport', {})));
    const close = await timed(() => must(backend, owner, 'shifts.close', { counted }));
    const check = computeShiftReport(db, { ...shift, closed_at: null }, { counted });
    if (check.salesCount !== SALES_PER_SHIFT) throw new Error(`expected ${SALES_PER_SHIFT} sales in the shift, got ${check.salesCount}`);

    const note = `${SALES_PER_SHIFT} sales + ${RETURNS} returns in the shift, ${SALES_PER_SHIFT} more in an earlier shift`;
    return [
      { name: 'Z report figures over a shift of 1,000 sales (median)', value: median(pure), unit: 'ms', target: TARGET_MS, note },
      { name: 'X report through the API, shift of 1,000 sales (p95)', value: p95(xRuns), unit: 'ms', target: TARGET_MS, note },
      { name: 'Z report: shifts.close of a shift of 1,000 sales', value: close, unit: 'ms', target: TARGET_MS, note: `${note}; one close, stored and print queued` },
    ];
  } finally {
    backend.shutdown();
  }
}
