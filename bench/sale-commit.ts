import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../shop/api/define';
import { handlers } from '../shop/api/handlers';
import { Backend } from '../shop/backend';
import { demoUser, seedDemoShop } from '../shop/demo/seed';
import { receiveLot } from '../shop/stock/ledger';
import { median, p99, timed, timedSync, type Figure } from './stats';

/**
 * The figure: `sales.commit` of a 5-line sale, one line a bouquet of 12 components, on the
 * demo shop in WAL with synchronous=FULL (the production pragmas, db/open.ts), through the real
 * dispatcher; and its ratio to a minimal hand-written transaction inserting the same rows (sale,
 * 5 lines, 1 payment, 16 stock movements, 1 audit entry) into the same database, measured
 * alternately so both see the same disk.
 */


const WARM_UP = 50;
const RUNS = 600;
/** So much stock, arrived so long ago, that every consumption takes one movement from one lot. */
const BIG_LOT = 10_000_000;

const benchHandlers = {
  ...handlers,
  'bench.saleShop': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      seedDemoShop(ctx, { language: 'ka' });
      const pick = (sql: string, n: number) => ctx.db.prepare(sql).pluck().all(n) as string[];
      // Stocked goods (flowers, greenery, packaging) for the plain lines and the bouquet's components.
      const stocked = pick(
        `SELECT id FROM products WHERE kind IN ('cut_flower','greenery','consumable') AND archived = 0 ORDER BY seq LIMIT ?`,
        16,
      );
      const [bouquet] = pick(`SELECT id FROM products WHERE kind = 'ready_item' ORDER BY seq LIMIT ?`, 1);
      if (stocked.length < 16 || !bouquet) throw new Error('the demo catalogue is too small for the sale bench');
      const lots: Record<string, string> = {};
      for (const productId of stocked) {
        lots[productId] = receiveLot(ctx, {
          productId,
          quantity: BIG_LOT,
          unitCost: 100,
          arrivedAt: '2020-01-01T06:00:00.000Z',
          documentType: 'opening',
          documentId: ctx.newId(),
        }).lotId;
      }
      return { plain: stocked.slice(0, 4), components: stocked.slice(4, 16), bouquet, lots };
    },
  }),
} satisfies HandlerMap;

async function must<T>(backend: Backend, client: ClientState, method: string, input: unknown): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

export async function benchSaleCommit(dir: string): Promise<Figure[]> {
  const dataDir = join(dir, 'sale-commit');
  mkdirSync(dataDir, { recursive: true });
  const backend = Backend.boot({ dataDir, handlers: benchHandlers, log: (e) => console.error(e) });
  try {
    const db = backend.db;
    const anon = backend.newClient();
    const shop = await must<{ plain: string[]; components: string[]; bouquet: string; lots: Record<string, string> }>(
      backend,
      anon,
      'bench.saleShop',
      {},
    );
    const picker = await must<{ id: string; role: string }[]>(backend, anon, 'users.picker', {});
    const cashierId = picker.find((u) => u.role === 'cashier')?.id;
    const cashier = backend.newClient();
    await must(backend, cashier, 'users.signIn', { userId: cashierId, secret: demoUser('cashier').pin });
    await must(backend, cashier, 'shifts.open', { openingFloat: 0 });

    const journal = db.pragma('journal_mode', { simple: true });
    const synchronous = db.pragma('synchronous', { simple: true });
    if (journal !== 'wal' || synchronous !== 2) throw new Error(`expected WAL + synchronous=FULL, got ${String(journal)} + ${String(synchronous)}`);

    const draft = {
      lines: [
        ...shop.plain.map((productId, i) => ({
          productId,
          quantity: i + 1,
          ...(i === 1 ? { discount: { kind: 'percent' as const, value: 500, reason: 'bench' } } : {}),
        })),
        { productId: shop.bouquet, quantity: 1, components: shop.components.map((productId) => ({ productId, quantity: 3 })) },
      ],
      payments: [{ method: 'cash' as const, tendered: 100_000_000 }],
      print: false,
    };
    const commit = () => must(backend, cashier, 'sales.commit', draft);

    // The same rows by hand: no validation, no pricing, no FIFO planning, statements prepared once.
    const shiftId = db.prepare('SELECT id FROM shifts WHERE closed_at IS NULL').pluck().get() as string;
    const shopId = db.prepare(`SELECT value FROM app_settings WHERE key = 'current_shop_id'`).pluck().get() as string;
    const nextNumber = db.prepare('SELECT coalesce(max(number), 0) + 1 FROM sales WHERE shop_id = ?').pluck();
    const insSale = db.prepare(
      `INSERT INTO sales (id, shop_id, shift_id, kind, number, at, cashier_id, currency, subtotal, discount_total, rounding, total, cost_of_goods)
       VALUES (?, ?, ?, 'sale', ?, ?, ?, 'GEL', 1000, 0, 0, 1000, 100)`,
    );
    const insLine = db.prepare(
      `INSERT INTO sale_lines (id, sale_id, shop_id, line_no, product_id, name, quantity, list_price, unit_price, discount, total, cost_of_goods)
       VALUES (?, ?, ?, ?, ?, 'name', 1, 200, 200, 0, 200, 100)`,
    );
    const insPayment = db.prepare(`INSERT INTO sale_payments (id, sale_id, shop_id, method, amount, tendered, change) VALUES (?, ?, ?, 'cash', 1000, 1000, 0)`);
    const insMove = db.prepare(
      `INSERT INTO stock_movements (id, shop_id, lot_id, product_id, quantity, unit_cost, document_type, document_id, at, user_id)
       VALUES (?, ?, ?, ?, -1, 100, 'sale', ?, ?, ?)`,
    );
    const insAudit = db.prepare(`INSERT INTO audit_log (id, shop_id, at, user_id, action, entity, entity_id, details) VALUES (?, ?, ?, ?, 'sales.posted', 'sale', ?, '{}')`);
    const lineProducts = [...shop.plain, shop.bouquet];
    const moved = [...shop.plain, ...shop.components];
    const byHand = db.transaction(() => {
      const saleId = uuidv7();
      const at = new Date().toISOString();
      for (const productId of moved) insMove.run(uuidv7(), shopId, shop.lots[productId], productId, saleId, at, cashierId);
      insSale.run(saleId, shopId, shiftId, nextNumber.get(shopId), at, cashierId);
      lineProducts.forEach((productId, i) => insLine.run(uuidv7(), saleId, shopId, i + 1, productId));
      insPayment.run(uuidv7(), saleId, shopId);
      insAudit.run(uuidv7(), shopId, at, cashierId, saleId);
    });

    for (let i = 0; i < WARM_UP; i++) {
      await commit();
      byHand();
    }
    const api: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      api.push(await timed(commit));
      hand.push(timedSync(byHand));
    }
    const ratio = median(api) / median(hand);

    // What the commit costs apart from the disk's flush: the same sale with synchronous=OFF. When the
    // FULL figure misses its target while this one is far inside it, the disk's fsync is the floor
    // (the hand-written transaction pays the same flush).
    db.pragma('synchronous = OFF');
    const noSync: number[] = [];
    try {
      for (let i = 0; i < RUNS / 2; i++) noSync.push(await timed(commit));
    } finally {
      db.pragma('synchronous = FULL');
    }
    const note = `median ${median(api).toFixed(3)} ms; the hand-written transaction (the disk's flush, mostly) takes ${median(hand).toFixed(3)} ms; ${RUNS} sales`;
    return [
      { name: 'sale commit p99 (5 lines, bouquet of 12, WAL+FULL)', value: p99(api), unit: 'ms', target: 5, note },
      { name: 'sale commit / hand-written transaction (median)', value: ratio, unit: '×', target: 3 },
      {
        name: 'sale commit p99 without the flush (synchronous=OFF, for comparison)',
        value: p99(noSync),
        unit: 'ms',
        target: null,
        note: `median ${median(noSync).toFixed(3)} ms: the code and SQLite work of a commit; FULL adds one fsync of the WAL`,
      },
    ];
  } finally {
    backend.shutdown();
  }
}

// `npx tsx bench/sale-commit.ts [dir]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'posy-bench-sale-'));
  try {
    console.log(JSON.stringify(await benchSaleCommit(dir), null, 2));
  } finally {
    if (!process.argv[2]) rmSync(dir, { recursive: true, force: true });
  }
}
