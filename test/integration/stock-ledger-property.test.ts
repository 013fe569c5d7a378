import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { createProduct } from '../../shop/catalog/products';
import { demoUser, seedDemoShop } from '../../shop/demo/seed';
import { consumeFifo, consumeFromLot, receiveLot, returnToLot } from '../../shop/stock/ledger';
import type { Role } from '../../shop/users/permissions';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * The lot ledger under random sequences of arrivals, sales (FIFO), write-offs (from a chosen lot
 * through the ledger, and by product through the real writeoffs.post) and returns, against a
 * model, on a real SQLite file. Each step is one transaction through the real dispatcher.
 * Properties: FIFO takes the oldest lots first; cost of goods is Σ consumed × lot cost; every
 * lot's balance equals the sum of its movements; no lot goes below zero unless the shop allows
 * negative stock, and then only the newest lot; a refused step writes nothing.
 */
const BASE = Date.parse('2026-02-01T06:00:00.000Z');
const day = (n: number) => new Date(BASE + n * 86_400_000).toISOString();

const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({ access: 'public', input: z.object({}), run: (ctx) => seedDemoShop(ctx, { language: 'en' }) }),
  'test.product': handler({
    access: 'public',
    input: z.object({}),
    run: (ctx) => createProduct(ctx, { kind: 'cut_flower', names: { en: 'Ranunculus' }, price: 500 }),
  }),
  'test.receive': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number(), unitCost: z.number(), arrivedAt: z.string() }),
    run: (ctx, i) => receiveLot(ctx, { ...i, documentType: 'arrival', documentId: ctx.newId() }),
  }),
  'test.sell': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number(), allowNegative: z.boolean() }),
    run: (ctx, i) => consumeFifo(ctx, { ...i, documentType: 'sale', documentId: ctx.newId() }),
  }),
  'test.writeoffLot': handler({
    access: 'public',
    input: z.object({ lotId: z.string(), quantity: z.number() }),
    run: (ctx, i) => consumeFromLot(ctx, { ...i, documentType: 'writeoff', documentId: ctx.newId() }),
  }),
  'test.return': handler({
    access: 'public',
    input: z.object({ lotId: z.string(), quantity: z.number() }),
    run: (ctx, i) => returnToLot(ctx, { ...i, documentType: 'return', documentId: ctx.newId() }),
  }),
} satisfies HandlerMap;

let env: ReturnType<typeof tempBackend>;
const { call, ok } = callsOn(() => env.backend);
let anon: ClientState;
let manager: ClientState;
const db = () => env.backend.db;

async function test<T>(method: string, input: unknown): Promise<T> {
  const res = await call(anon, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

beforeAll(async () => {
  env = tempBackend({ handlers: testHandlers, printing: { autoStart: false } });
  anon = env.backend.newClient();
  await test('test.seedDemo', {});
  const picker = (await ok(anon, 'users.picker')) as { id: string; role: Role }[];
  manager = env.backend.newClient();
  await ok(manager, 'users.signIn', { userId: picker.find((p) => p.role === 'manager')?.id ?? '', secret: demoUser('manager').pin ?? demoUser('manager').password ?? '' });
  // seeding the demo shop (catalogue, stock, recipes, history) takes seconds on a busy machine
}, 120_000);
afterAll(() => env.dispose());

interface ModelLot {
  id: string;
  arrivedAt: string;
  cost: number;
  balance: number;
}

const fifoOrder = (a: ModelLot, b: ModelLot) =>
  a.arrivedAt < b.arrivedAt ? -1 : a.arrivedAt > b.arrivedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

type Step =
  | { op: 'arrive'; quantity: number; cost: number; day: number }
  | { op: 'sell'; quantity: number }
  | { op: 'writeoffLot'; lot: number; quantity: number }
  | { op: 'writeoffProduct'; quantity: number }
  | { op: 'return'; lot: number; quantity: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('arrive' as const), quantity: fc.integer({ min: 1, max: 50 }), cost: fc.integer({ min: 0, max: 800 }), day: fc.integer({ min: 0, max: 10 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('sell' as const), quantity: fc.integer({ min: 1, max: 70 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('writeoffLot' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('writeoffProduct' as const), quantity: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('return' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 15 }) }) },
);

function ledger(productId: string) {
  return {
    movements: db().prepare('SELECT count(*) FROM stock_movements WHERE product_id = ?').pluck().get(productId),
    writeoffs: db().prepare('SELECT count(*) FROM writeoffs').pluck().get(),
    balances: db().prepare('SELECT lot_id, quantity FROM lot_balances WHERE product_id = ? ORDER BY lot_id').all(productId),
  };
}

/** What FIFO should take for `quantity`: positive balances oldest first, any rest onto the newest lot. */
function fifoModel(lots: ModelLot[], quantity: number): { take: Map<string, number>; shortfall: number } {
  const ordered = [...lots].sort(fifoOrder);
  const take = new Map<string, number>();
  let left = quantity;
  for (const l of ordered) {
    if (left === 0) break;
    const t = Math.min(left, Math.max(0, l.balance));
    if (t > 0) take.set(l.id, t);
    left -= t;
  }
  const newest = ordered.at(-1);
  if (left > 0 && newest) take.set(newest.id, (take.get(newest.id) ?? 0) + left);
  return { take, shortfall: left };
}

describe('stock ledger with write-offs (property)', () => {
  it('FIFO order, cost of goods, balances equal to the ledger, no lot below zero unless allowed (and then only the newest)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 30 }), async (allowNegative, steps) => {
        const productId = await test<string>('test.product', {});
        const lots: ModelLot[] = [];
        let expectedCogs = 0;
        /** lots that took a sale's shortfall: each was the newest lot at that moment (the movements equal the model's) */
        const tookShortfall = new Set<string>();
        const refusedWithoutWrites = async (method: string, input: unknown, client: ClientState = anon) => {
          const before = ledger(productId);
          const res = await call(client, method, input);
          expect(res.ok, `${method} refused`).toBe(false);
          expect(ledger(productId)).toEqual(before);
          return res.ok ? null : res.error;
        };

        for (const s of steps) {
          const available = lots.reduce((sum, l) => sum + Math.max(0, l.balance), 0);
          if (s.op === 'arrive') {
            const arrivedAt = day(s.day);
            const r = await test<{ lotId: string }>('test.receive', { productId, quantity: s.quantity, unitCost: s.cost, arrivedAt });
            lots.push({ id: r.lotId, arrivedAt, cost: s.cost, balance: s.quantity });
          } else if (s.op === 'sell') {
            if (s.quantity > available && (!allowNegative || lots.length === 0)) {
              await refusedWithoutWrites('test.sell', { productId, quantity: s.quantity, allowNegative });
              continue;
            }
            const model = fifoModel(lots, s.quantity);
            const got = await test<{ movements: { lotId: string; quantity: number; unitCost: number }[]; costOfGoods: number; shortfall: number }>(
              'test.sell',
              { productId, quantity: s.quantity, allowNegative },
            );
            expect(new Map(got.movements.map((m) => [m.lotId, -m.quantity]))).toEqual(model.take);
            expect(got.shortfall).toBe(model.shortfall);
            let cost = 0;
            for (const [lotId, taken] of model.take) {
              const lot = lots.find((l) => l.id === lotId);
              if (!lot) throw new Error('model lost a lot');
              lot.balance -= taken;
              cost += taken * lot.cost;
            }
            expect(got.costOfGoods).toBe(cost);
            expectedCogs += cost;
            if (model.shortfall > 0) tookShortfall.add([...lots].sort(fifoOrder).at(-1)?.id ?? '');
            // FIFO stated directly: every lot older than the youngest one drawn from (a shortfall aside) is now empty
            const ordered = [...lots].sort(fifoOrder);
            const drawn = ordered.filter((l) => model.take.has(l.id) && !(model.shortfall > 0 && l === ordered.at(-1)));
            const youngest = drawn.at(-1);
            if (youngest) for (const l of ordered) if (fifoOrder(l, youngest) < 0) expect(l.balance, 'an older lot kept stock').toBeLessThanOrEqual(0);
          } else if (s.op === 'writeoffLot') {
            const lot = lots[s.lot % Math.max(1, lots.length)];
            if (!lot) continue;
            if (s.quantity > lot.balance) {
              const error = await refusedWithoutWrites('test.writeoffLot', { lotId: lot.id, quantity: s.quantity });
              expect(error).toMatchObject({ messageKey: 'errors:writeoffs.lotShort', params: { product: 'Ranunculus', wanted: s.quantity, available: Math.max(0, lot.balance) } });
              continue;
            }
            const m = await test<{ lotId: string; quantity: number; unitCost: number }>('test.writeoffLot', { lotId: lot.id, quantity: s.quantity });
            expect(m).toMatchObject({ lotId: lot.id, quantity: -s.quantity, unitCost: lot.cost });
            lot.balance -= s.quantity;
          } else if (s.op === 'writeoffProduct') {
            // a write-off never goes below zero, whatever the shop allows for sales
            if (s.quantity > available) {
              const error = await refusedWithoutWrites('writeoffs.post', { reason: 'wilted', lines: [{ productId, quantity: s.quantity }] }, manager);
              expect(error).toMatchObject({ messageKey: 'errors:writeoffs.productShort', params: { wanted: s.quantity, available } });
              continue;
            }
            const model = fifoModel(lots, s.quantity);
            const posted = await ok(manager, 'writeoffs.post', { reason: 'wilted', lines: [{ productId, quantity: s.quantity }] });
            const lines = db().prepare('SELECT lot_id, quantity, unit_cost FROM writeoff_lines WHERE writeoff_id = ?').all(posted.writeoffId) as {
              lot_id: string;
              quantity: number;
              unit_cost: number;
            }[];
            expect(new Map(lines.map((l) => [l.lot_id, l.quantity]))).toEqual(model.take);
            let cost = 0;
            for (const [lotId, taken] of model.take) {
              const lot = lots.find((l) => l.id === lotId);
              if (!lot) throw new Error('model lost a lot');
              lot.balance -= taken;
              cost += taken * lot.cost;
            }
            expect(posted.totalCost).toBe(cost);
          } else {
            const lot = lots[s.lot % Math.max(1, lots.length)];
            if (!lot) continue;
            await test('test.return', { lotId: lot.id, quantity: s.quantity });
            lot.balance += s.quantity;
          }
        }

        // every lot: the cache equals the sum of its movements and the model
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
          if (r.quantity < 0) {
            expect(allowNegative, 'below zero without negative stock').toBe(true);
            expect(tookShortfall.has(r.lot_id), 'only the newest lot goes below zero').toBe(true);
          }
        }
        // cost of goods over the ledger's sales = Σ consumed × the lot's own cost = what the sales answered
        const ledgerCogs = db()
          .prepare(
            `SELECT coalesce(sum(-m.quantity * l.unit_cost), 0) FROM stock_movements m JOIN lots l ON l.id = m.lot_id
              WHERE m.product_id = ? AND m.document_type = 'sale'`,
          )
          .pluck()
          .get(productId);
        expect(ledgerCogs).toBe(expectedCogs);
        // write-off lines agree with their movements, lot by lot
        const mismatched = db()
          .prepare(
            `SELECT count(*) FROM writeoff_lines w
              WHERE w.product_id = ? AND w.quantity <> (SELECT -sum(m.quantity) FROM stock_movements m
                                                         WHERE m.document_type = 'writeoff' AND m.document_id = w.writeoff_id AND m.lot_id = w.lot_id)`,
          )
          .pluck()
          .get(productId);
        expect(mismatched).toBe(0);
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
