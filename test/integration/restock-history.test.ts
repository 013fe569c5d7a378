import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { language } from '../../shop/api/schemas';
import { seedSalesHistoryDemo } from '../../shop/demo/history';
import { demoUser, seedDemoShop } from '../../shop/demo/seed';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * The demo's sales history (shop/demo/history.ts) on the demo shop: fast, every invariant of a real
 * day kept (shifts closed with a Z, receipt numbers in time order, payments = totals, cost of goods =
 * the FIFO movements, lots that arrived before the sale, history lots ending at zero, today's stock
 * untouched), and restock has something to show: averages and last year's March 8 uplift.
 */
const TODAY = new Date('2026-11-23T09:00:00.000Z');

const testHandlers = {
  ...handlers,
  'test.seed': handler({
    access: 'public',
    input: z.object({ language }),
    run(ctx, i) {
      const start = performance.now();
      seedDemoShop(ctx, i);
      // The demo seed may call it already (shop/demo/seed.ts); either way it runs once per shop.
      seedSalesHistoryDemo(ctx);
      const again = seedSalesHistoryDemo(ctx);
      return { ms: performance.now() - start, again };
    },
  }),
} satisfies HandlerMap;

async function seeded(lang: 'en' | 'ru') {
  const env = tempBackend({ handlers: testHandlers, now: () => TODAY, log: (e) => console.error(e), printing: { autoStart: false } });
  const { ok, call } = callsOn(() => env.backend);
  const anon = env.backend.newClient();
  const res = await env.backend.call(anon, 'test.seed', { language: lang });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  const value = res.value as { ms: number; again: { sales: number } };
  const db = env.backend.db;
  const summary = {
    days: db.prepare('SELECT count(DISTINCT substr(at, 1, 10)) FROM sales').pluck().get() as number,
    sales: db.prepare('SELECT count(*) FROM sales').pluck().get() as number,
  };
  const picker = (await ok(anon, 'users.picker')) as { id: string; role: string }[];
  const owner = env.backend.newClient();
  await ok(owner, 'users.signIn', { userId: picker.find((u) => u.role === 'owner')?.id ?? '', secret: demoUser('owner').password ?? '' });
  return { env, db, ok, call, owner, summary, ...value };
}

describe('the demo sales history', () => {
  let s: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    s = await seeded('en');
  }, 30_000);
  afterAll(() => s.env.dispose());

  it('covers 10 weeks and last year\'s Valentine\'s Day and March 8, once', () => {
    // 70 recent days + 15 Jan – 8 Mar 2026 (53 days)
    expect(s.summary.days).toBe(70 + 53);
    expect(s.summary.sales).toBeGreaterThan(1_200);
    expect(s.again.sales).toBe(0);
    // the whole demo seed; the history alone is well under 2 s on a quiet machine (tests run side by side here)
    expect(s.ms).toBeLessThan(20_000);
    const first = s.db.prepare('SELECT min(at) FROM sales').pluck().get() as string;
    expect(first.slice(0, 10)).toBe('2026-01-15');
    const last = s.db.prepare('SELECT max(at) FROM sales').pluck().get() as string;
    expect(last.slice(0, 10)).toBe('2026-11-22');
  });

  it('keeps every invariant of a day at the counter', () => {
    const db = s.db;
    // receipt numbers follow time
    const numbers = db.prepare('SELECT number FROM sales ORDER BY at, number').pluck().all() as number[];
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers[0]).toBe(1);
    // payments pay the total; line totals make it
    expect(db.prepare(`SELECT count(*) FROM sales s WHERE total <> (SELECT sum(amount) FROM sale_payments p WHERE p.sale_id = s.id)`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM sales s WHERE total <> (SELECT sum(total) FROM sale_lines l WHERE l.sale_id = s.id)`).pluck().get()).toBe(0);
    // cost of goods = the FIFO movements, from lots that arrived before the sale
    expect(
      db.prepare(`SELECT count(*) FROM sales s WHERE cost_of_goods <> (SELECT -sum(quantity * unit_cost) FROM stock_movements m WHERE m.document_type = 'sale' AND m.document_id = s.id)`).pluck().get(),
    ).toBe(0);
    expect(
      db.prepare(`SELECT count(*) FROM stock_movements m JOIN lots l ON l.id = m.lot_id JOIN sales s ON s.id = m.document_id WHERE m.document_type = 'sale' AND l.arrived_at > s.at`).pluck().get(),
    ).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM stock_movements m JOIN sales s ON s.id = m.document_id WHERE m.at <> s.at`).pluck().get()).toBe(0);
    // every shift closed the same day with its Z report and the cash counted as expected
    expect(db.prepare(`SELECT count(*) FROM shifts WHERE closed_at IS NULL OR counted_cash <> expected_cash`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM shifts s WHERE NOT EXISTS (SELECT 1 FROM shift_reports r WHERE r.shift_id = s.id AND r.kind = 'z')`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM sales s JOIN shifts h ON h.id = s.shift_id WHERE s.at < h.opened_at OR s.at > h.closed_at`).pluck().get()).toBe(0);
    // arrivals: lines = lots, totals add up
    expect(db.prepare(`SELECT count(*) FROM arrivals a WHERE total_cost <> (SELECT sum(line_cost) FROM arrival_lines l WHERE l.arrival_id = a.id)`).pluck().get()).toBe(0);
  });

  it('leaves today\'s stock as the seed laid it down: sales take only from history deliveries, which end at zero', () => {
    // History arrivals are written as seed data (no arrivals.posted audit entry, unlike the arrivals demo's).
    const historyLot = `l.document_type = 'arrival' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'arrivals.posted' AND a.entity_id = l.document_id)`;
    const lots = s.db.prepare(`SELECT count(*) FROM lots l WHERE ${historyLot}`).pluck().get() as number;
    expect(lots).toBeGreaterThan(100);
    expect(s.db.prepare(`SELECT count(*) FROM lots l JOIN lot_balances b ON b.lot_id = l.id WHERE ${historyLot} AND b.quantity <> 0`).pluck().get()).toBe(0);
    expect(
      s.db.prepare(`SELECT count(*) FROM stock_movements m JOIN lots l ON l.id = m.lot_id WHERE m.document_type = 'sale' AND NOT (${historyLot})`).pluck().get(),
    ).toBe(0);
  });

  it('gives restock averages and last year\'s March 8 uplift', async () => {
    const r = (await s.ok(s.owner, 'restock.suggest', {})) as { historyDays: number; suppliers: { lines: { avgDaily: number }[] }[] };
    expect(r.historyDays).toBe(28);
    expect(r.suppliers.flatMap((g) => g.lines).filter((l) => l.avgDaily > 0).length).toBeGreaterThan(20);
    const occasions = (await s.ok(s.owner, 'occasions.list', {})) as { builtin: string | null; observedUpliftBp: number | null }[];
    expect(occasions.find((o) => o.builtin === 'march8')?.observedUpliftBp).toBeGreaterThan(15_000);
    expect(occasions.find((o) => o.builtin === 'valentines')?.observedUpliftBp).toBeGreaterThan(12_000);
  });

  it('is deterministic', async () => {
    const again = await seeded('en');
    try {
      expect(again.summary).toEqual(s.summary);
      expect(again.summary.sales).toBeGreaterThan(0);
      const sums = (db: typeof s.db) => db.prepare('SELECT count(*) n, sum(total) t, sum(cost_of_goods) c FROM sales').get();
      expect(sums(again.db)).toEqual(sums(s.db));
    } finally {
      again.env.dispose();
    }
  }, 30_000);
});
