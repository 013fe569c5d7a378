import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { consumeFifo, lotsOf, productBalance, receiveLot, returnToLot } from '../../shop/stock/ledger';
import { tempBackend } from '../helpers/tempBackend';

/**
 * The lot ledger against a model, through the real dispatcher on a real SQLite file: each call
 * is one transaction, as a sale or an arrival will be.
 */
const BASE = Date.parse('2026-03-01T08:00:00.000Z');
const day = (n: number) => new Date(BASE + n * 86_400_000).toISOString();

const testHandlers = {
  ...handlers,
  'test.shop': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      const shopId = ctx.newId();
      const at = ctx.now().toISOString();
      ctx.db.prepare(`INSERT INTO shops (id, name, currency, language, created_at) VALUES (?, 'Ledger', 'GEL', 'en', ?)`).run(shopId, at);
      ctx.db.prepare(`INSERT INTO app_settings (key, value) VALUES ('current_shop_id', ?)`).run(shopId);
      return shopId;
    },
  }),
  'test.product': handler({
    access: 'public',
    input: z.object({ kind: z.string() }),
    run(ctx, i) {
      const id = ctx.newId();
      const at = ctx.now().toISOString();
      ctx.db.prepare(`INSERT INTO products (id, kind, unit, price, created_at, updated_at) VALUES (?, ?, 'stem', 500, ?, ?)`).run(id, i.kind, at, at);
      ctx.db.prepare(`INSERT INTO product_names (product_seq, product_id, lang, name, own, sort_key) SELECT seq, id, 'en', 'Rose', 1, 'rose' FROM products WHERE id = ?`).run(id);
      return id;
    },
  }),
  'test.receive': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number(), unitCost: z.number(), arrivedAt: z.string() }),
    run: (ctx, i) => receiveLot(ctx, { ...i, documentType: 'opening', documentId: ctx.newId() }),
  }),
  'test.consume': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number(), allowNegative: z.boolean() }),
    run: (ctx, i) => consumeFifo(ctx, { ...i, documentType: 'sale', documentId: ctx.newId() }),
  }),
  'test.return': handler({
    access: 'public',
    input: z.object({ lotId: z.string(), quantity: z.number() }),
    run: (ctx, i) => returnToLot(ctx, { ...i, documentType: 'return', documentId: ctx.newId() }),
  }),
} satisfies HandlerMap;

let env: ReturnType<typeof tempBackend>;
const client = () => env.backend.newClient();
async function ok<T>(method: string, input: unknown): Promise<T> {
  const res = await env.backend.call(client(), method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}
const db = () => env.backend.db;

beforeAll(async () => {
  env = tempBackend({ handlers: testHandlers });
  await ok('test.shop', {});
});
afterAll(() => env.dispose());

interface ModelLot {
  id: string;
  arrivedAt: string;
  cost: number;
  balance: number;
}
interface Consumed {
  movements: { lotId: string; quantity: number; unitCost: number }[];
  costOfGoods: number;
  shortfall: number;
}

const fifoOrder = (a: ModelLot, b: ModelLot) =>
  a.arrivedAt < b.arrivedAt ? -1 : a.arrivedAt > b.arrivedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

type Step =
  | { op: 'receive'; quantity: number; cost: number; day: number }
  | { op: 'consume'; quantity: number; allowNegative: boolean }
  | { op: 'return'; lot: number; quantity: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('receive' as const), quantity: fc.integer({ min: 1, max: 60 }), cost: fc.integer({ min: 0, max: 900 }), day: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ op: fc.constant('consume' as const), quantity: fc.integer({ min: 1, max: 90 }), allowNegative: fc.boolean() }),
  fc.record({ op: fc.constant('return' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 20 }) }),
);

function ledgerState(productId: string) {
  const movements = db().prepare('SELECT count(*) FROM stock_movements WHERE product_id = ?').pluck().get(productId);
  const balances = db().prepare('SELECT lot_id, quantity FROM lot_balances WHERE product_id = ? ORDER BY lot_id').all(productId);
  return { movements, balances };
}

describe('stock ledger (property)', () => {
  it('consumes oldest first at lot cost, returns to the lot, keeps balances equal to the ledger, refuses a shortfall without writing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const productId = await ok<string>('test.product', { kind: 'cut_flower' });
        const lots: ModelLot[] = [];
        let wentNegative = false;
        for (const s of steps) {
          if (s.op === 'receive') {
            const arrivedAt = day(s.day);
            const r = await ok<{ lotId: string }>('test.receive', { productId, quantity: s.quantity, unitCost: s.cost, arrivedAt });
            lots.push({ id: r.lotId, arrivedAt, cost: s.cost, balance: s.quantity });
            continue;
          }
          if (s.op === 'return') {
            const lot = lots[s.lot % Math.max(1, lots.length)];
            if (!lot) continue;
            const back = await ok<{ lotId: string; quantity: number; unitCost: number }>('test.return', { lotId: lot.id, quantity: s.quantity });
            expect(back).toMatchObject({ lotId: lot.id, quantity: s.quantity, unitCost: lot.cost });
            lot.balance += s.quantity;
            continue;
          }
          const ordered = [...lots].sort(fifoOrder);
          const available = ordered.reduce((sum, l) => sum + Math.max(0, l.balance), 0);
          if (s.quantity > available && (!s.allowNegative || lots.length === 0)) {
            const before = ledgerState(productId);
            const res = await env.backend.call(client(), 'test.consume', { productId, quantity: s.quantity, allowNegative: s.allowNegative });
            expect(res.ok).toBe(false);
            if (!res.ok) {
              expect(res.error.code).toBe('conflict');
              if (s.allowNegative) expect(res.error.messageKey).toBe('errors:stock.noLots');
              else {
                expect(res.error.messageKey).toBe('errors:stock.insufficient');
                expect(res.error.params).toEqual({ product: 'Rose', wanted: s.quantity, available });
              }
            }
            expect(ledgerState(productId)).toEqual(before);
            continue;
          }
          // the model: positive balances oldest first, then any rest onto the newest lot
          const expected = new Map<string, number>();
          let left = s.quantity;
          for (const l of ordered) {
            if (left === 0) break;
            const take = Math.min(left, Math.max(0, l.balance));
            if (take > 0) expected.set(l.id, take);
            left -= take;
          }
          const newest = ordered[ordered.length - 1];
          if (left > 0 && newest) expected.set(newest.id, (expected.get(newest.id) ?? 0) + left);

          const got = await ok<Consumed>('test.consume', { productId, quantity: s.quantity, allowNegative: s.allowNegative });
          const gotTaken = new Map(got.movements.map((m) => [m.lotId, -m.quantity]));
          expect(gotTaken).toEqual(expected);
          expect(got.shortfall).toBe(left);
          let cost = 0;
          for (const [lotId, taken] of expected) {
            const lot = lots.find((l) => l.id === lotId);
            if (!lot) throw new Error('model lost a lot');
            lot.balance -= taken;
            cost += taken * lot.cost;
          }
          for (const m of got.movements) expect(m.unitCost).toBe(lots.find((l) => l.id === m.lotId)?.cost);
          expect(got.costOfGoods).toBe(cost);
          if (left > 0) wentNegative = true;

          // FIFO, stated directly: no lot older than one this consumption drew from (shortfall aside) still holds stock
          const drawnFrom = ordered.filter((l) => (expected.get(l.id) ?? 0) > 0 && !(left > 0 && l === newest));
          const youngest = drawnFrom[drawnFrom.length - 1];
          if (youngest) {
            for (const l of ordered) if (fifoOrder(l, youngest) < 0) expect(l.balance, 'older lot left with stock').toBeLessThanOrEqual(0);
          }
        }

        // the cache equals the ledger, lot by lot, and the model
        const rows = db()
          .prepare(
            `SELECT b.lot_id, b.quantity, (SELECT sum(m.quantity) FROM stock_movements m WHERE m.lot_id = b.lot_id) AS moved
               FROM lot_balances b WHERE b.product_id = ?`,
          )
          .all(productId) as { lot_id: string; quantity: number; moved: number }[];
        expect(rows.length).toBe(lots.length);
        for (const r of rows) {
          expect(r.quantity).toBe(r.moved);
          expect(r.quantity).toBe(lots.find((l) => l.id === r.lot_id)?.balance);
          if (!wentNegative) expect(r.quantity).toBeGreaterThanOrEqual(0);
        }
        expect(productBalance(db(), productId)).toBe(lots.reduce((sum, l) => sum + l.balance, 0));
        // cost of goods over the ledger = Σ consumed × lot cost
        const ledgerCost = db()
          .prepare(`SELECT coalesce(sum(-m.quantity * l.unit_cost), 0) FROM stock_movements m JOIN lots l ON l.id = m.lot_id WHERE m.product_id = ? AND m.quantity < 0`)
          .pluck()
          .get(productId);
        const movementCost = db()
          .prepare(`SELECT coalesce(sum(-quantity * unit_cost), 0) FROM stock_movements WHERE product_id = ? AND quantity < 0`)
          .pluck()
          .get(productId);
        expect(movementCost).toBe(ledgerCost);
      }),
      { numRuns: 150 },
    );
  }, 20_000);
});

describe('stock ledger (cases)', () => {
  it('returns stock to its lot at the lot cost, lists lots oldest first with age and value', async () => {
    const productId = await ok<string>('test.product', { kind: 'cut_flower' });
    const older = await ok<{ lotId: string }>('test.receive', { productId, quantity: 10, unitCost: 150, arrivedAt: day(0) });
    const newer = await ok<{ lotId: string }>('test.receive', { productId, quantity: 20, unitCost: 180, arrivedAt: day(2) });
    const sold = await ok<Consumed>('test.consume', { productId, quantity: 12, allowNegative: false });
    expect(sold.movements.map((m) => [m.lotId, m.quantity, m.unitCost])).toEqual([
      [older.lotId, -10, 150],
      [newer.lotId, -2, 180],
    ]);
    expect(sold.costOfGoods).toBe(10 * 150 + 2 * 180);

    const back = await ok<{ quantity: number; unitCost: number }>('test.return', { lotId: older.lotId, quantity: 3 });
    expect(back).toMatchObject({ quantity: 3, unitCost: 150 });
    expect(productBalance(db(), productId)).toBe(21);
    expect(lotsOf(db(), productId, new Date(Date.parse(day(5)) + 3_600_000))).toEqual([
      { lotId: older.lotId, arrivedAt: day(0), unitCost: 150, quantityReceived: 10, quantity: 3, ageDays: 5, value: 450 },
      { lotId: newer.lotId, arrivedAt: day(2), unitCost: 180, quantityReceived: 20, quantity: 18, ageDays: 3, value: 3240 },
    ]);
  });

  it('refuses services, unknown lots, bad quantities and costs, and a shortfall with no lot to carry it', async () => {
    const service = await ok<string>('test.product', { kind: 'service' });
    const refusal = async (method: string, input: unknown) => {
      const res = await env.backend.call(client(), method, input);
      if (res.ok) throw new Error(`${method} was accepted`);
      return res.error.messageKey;
    };
    expect(await refusal('test.receive', { productId: service, quantity: 1, unitCost: 1, arrivedAt: day(0) })).toBe('errors:stock.notStocked');
    const flower = await ok<string>('test.product', { kind: 'cut_flower' });
    expect(await refusal('test.receive', { productId: flower, quantity: 0, unitCost: 1, arrivedAt: day(0) })).toBe('errors:stock.quantityInvalid');
    expect(await refusal('test.receive', { productId: flower, quantity: 1.5, unitCost: 1, arrivedAt: day(0) })).toBe('errors:stock.quantityInvalid');
    expect(await refusal('test.receive', { productId: flower, quantity: 1, unitCost: -1, arrivedAt: day(0) })).toBe('errors:stock.costInvalid');
    expect(await refusal('test.receive', { productId: flower, quantity: 1, unitCost: 1, arrivedAt: 'soon' })).toBe('errors:stock.dateInvalid');
    expect(await refusal('test.consume', { productId: flower, quantity: 1, allowNegative: true })).toBe('errors:stock.noLots');
    expect(await refusal('test.return', { lotId: '0190a000-0000-7000-8000-000000000000', quantity: 1 })).toBe('errors:stock.lotNotFound');
    expect(db().prepare('SELECT count(*) FROM lots WHERE product_id IN (?, ?)').pluck().get(service, flower)).toBe(0);
  });
});
