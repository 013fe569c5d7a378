import { afterEach, describe, expect, it } from 'vitest';
import type { ClientState } from '../../shop/api/define';
import type { Output } from '../../shop/api/contract';
import { salesShop, type SalesEnv } from './sales-fixture';

/**
 * Shifts through the real dispatcher on a real SQLite file: a float, sales posted by the real
 * sales.commit, cash in and out, an X then a Z against a count by denomination.
 */
let shop: SalesEnv;
afterEach(() => shop.dispose());

async function refusal(client: ClientState, method: string, input: unknown) {
  const res = await shop.call(client, method, input);
  if (res.ok) throw new Error(`${method} was not refused`);
  return res.error;
}

const rows = (table: string) => shop.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

async function sell(client: ClientState, productId: string, quantity: number, payments: unknown[]) {
  return shop.ok(client, 'sales.commit', { lines: [{ productId, quantity }], payments, print: false } as never);
}

describe('shifts', () => {
  it('opens once per register, refuses a second open and reports the running totals', async () => {
    shop = await salesShop({ openShift: false });
    const { cashier } = shop;
    expect(await shop.ok(cashier, 'shifts.current', {})).toBeNull();

    const opened = await shop.ok(cashier, 'shifts.open', { openingFloat: 5_000 });
    expect(opened).toMatchObject({ number: 1, openingFloat: 5_000, salesCount: 0, expectedCash: 5_000 });
    expect(opened.openedBy.name).toBeTruthy();
    expect(await shop.ok(cashier, 'shifts.current', {})).toEqual(opened);

    const before = rows('shifts');
    expect(await refusal(cashier, 'shifts.open', { openingFloat: 100 })).toMatchObject({
      code: 'conflict',
      messageKey: 'errors:shifts.alreadyOpen',
      params: { number: 1 },
    });
    expect(rows('shifts')).toBe(before);
    // the register id is this database's, created once
    const registers = shop.db.prepare("SELECT value FROM app_settings WHERE key = 'register_id'").all();
    expect(registers).toHaveLength(1);
  });

  it('refuses cash out beyond the drawer, sales and closing with no shift', async () => {
    shop = await salesShop({ openShift: false });
    const { cashier } = shop;
    const rose = await shop.product('Rose', 500, [{ quantity: 10, unitCost: 200 }]);
    expect(await refusal(cashier, 'shifts.close', { counted: [] })).toMatchObject({ messageKey: 'errors:shifts.noOpenShift' });
    expect(await refusal(cashier, 'shifts.cash', { kind: 'in', amount: 100, reason: 'change' })).toMatchObject({
      messageKey: 'errors:shifts.noOpenShift',
    });
    expect(await refusal(cashier, 'sales.commit', { lines: [{ productId: rose, quantity: 1 }], payments: [{ method: 'card', amount: 500 }] })).toMatchObject({
      messageKey: 'errors:shifts.noOpenShift',
    });
    expect(await refusal(cashier, 'shifts.xReport', {})).toMatchObject({ messageKey: 'errors:shifts.noOpenShift' });

    await shop.ok(cashier, 'shifts.open', { openingFloat: 2_000 });
    await shop.ok(cashier, 'shifts.cash', { kind: 'in', amount: 1_000, reason: 'coins from the bank' });
    const refused = await refusal(cashier, 'shifts.cash', { kind: 'out', amount: 3_001, reason: 'to the bank' });
    expect(refused).toMatchObject({ code: 'conflict', messageKey: 'errors:shifts.drawerShort', field: 'amount' });
    expect(refused.params).toEqual({ available: '30.00 GEL', amount: '30.01 GEL' });
    expect(rows('cash_movements')).toBe(1);
    const after = await shop.ok(cashier, 'shifts.cash', { kind: 'out', amount: 3_000, reason: 'to the bank' });
    expect(after).toMatchObject({ cashIn: 1_000, cashOut: 3_000, expectedCash: 0 });
    // a florist may sell but not manage the shift
    const florist = await shop.signedIn('florist');
    expect(await refusal(florist, 'shifts.cash', { kind: 'in', amount: 1, reason: 'x' })).toMatchObject({ code: 'forbidden' });
  });

  it('X then Z: expected cash against the count, variance, totals by method; the Z is stored and reprints identical', async () => {
    shop = await salesShop({ openShift: false });
    await shop.shopRules({ cashRounding: 1 });
    const { cashier } = shop;
    const rose = await shop.product('Rose', 450, [{ quantity: 100, unitCost: 200 }]);
    await shop.ok(cashier, 'shifts.open', { openingFloat: 10_000 });

    await sell(cashier, rose, 2, [{ method: 'cash', tendered: 1_000 }]); // 9.00 cash
    await sell(cashier, rose, 3, [{ method: 'card', amount: 1_350 }]); // 13.50 card
    await sell(cashier, rose, 4, [{ method: 'card', amount: 1_000 }, { method: 'cash', tendered: 800 }]); // 18.00: 10 card + 8 cash
    await shop.ok(cashier, 'shifts.cash', { kind: 'in', amount: 500, reason: 'change' });
    await shop.ok(cashier, 'shifts.cash', { kind: 'out', amount: 2_000, reason: 'to the safe' });

    const x = await shop.ok(cashier, 'shifts.xReport', {});
    const expected = 10_000 + 900 + 800 + 500 - 2_000;
    expect(x).toMatchObject({
      kind: 'x',
      salesCount: 3,
      returnsCount: 0,
      grossSales: 450 * 9,
      netSales: 4_050,
      byMethod: { cash: { sales: 1_700, refunds: 0, net: 1_700 }, card: { sales: 2_350, refunds: 0, net: 2_350 } },
      cashIn: 500,
      cashOut: 2_000,
      expectedCash: expected,
      counted: null,
      variance: null,
      closedAt: null,
      costOfGoods: 9 * 200,
    });
    expect(x.cashMovements.map((m) => [m.kind, m.amount, m.reason])).toEqual([
      ['in', 500, 'change'],
      ['out', 2_000, 'to the safe'],
    ]);
    // the shift is still open after an X
    expect((await shop.ok(cashier, 'shifts.current', {}))?.expectedCash).toBe(expected);

    // expected 102.00; counted 101.99 in notes and coins: one tetri short
    const counted = [
      { denomination: 5_000, count: 1 },
      { denomination: 2_000, count: 2 },
      { denomination: 1_000, count: 1 },
      { denomination: 100, count: 1 },
      { denomination: 50, count: 1 },
      { denomination: 20, count: 2 },
      { denomination: 5, count: 1 },
      { denomination: 2, count: 2 },
      { denomination: 1, count: 0 },
    ];
    const countedCash = 5_000 + 4_000 + 1_000 + 100 + 50 + 40 + 5 + 4;
    const z = await shop.ok(cashier, 'shifts.close', { counted, print: false });
    expect(z).toMatchObject({ kind: 'z', expectedCash: expected, countedCash, variance: countedCash - expected });
    expect(z.variance).toBe(-1);
    expect(z.counted).toEqual([
      { denomination: 5_000, count: 1, amount: 5_000 },
      { denomination: 2_000, count: 2, amount: 4_000 },
      { denomination: 1_000, count: 1, amount: 1_000 },
      { denomination: 100, count: 1, amount: 100 },
      { denomination: 50, count: 1, amount: 50 },
      { denomination: 20, count: 2, amount: 40 },
      { denomination: 5, count: 1, amount: 5 },
      { denomination: 2, count: 2, amount: 4 },
    ]);
    expect(z.closedAt).toBeTruthy();

    // stored: the shift row carries the totals, the report reads back identical, even after more happens
    const shiftRow = shop.db.prepare('SELECT expected_cash, counted_cash, closed_at FROM shifts').get();
    expect(shiftRow).toEqual({ expected_cash: expected, counted_cash: countedCash, closed_at: z.closedAt });
    expect(await shop.ok(cashier, 'shifts.current', {})).toBeNull();
    await shop.ok(cashier, 'shifts.open', { openingFloat: 0 });
    await sell(cashier, rose, 1, [{ method: 'cash', tendered: 450 }]);
    expect(await shop.ok(cashier, 'shifts.report', { id: z.id })).toEqual(z);
    const list = await shop.ok(cashier, 'shifts.reports', { shiftId: z.shiftId });
    expect(list.map((r) => r.kind)).toEqual(['z', 'x']);
    expect(list[0]).toMatchObject({ id: z.id, variance: z.variance, shiftNumber: 1 });

    // the second shift is number 2 and starts from its own float
    expect(await shop.ok(cashier, 'shifts.current', {})).toMatchObject({ number: 2, salesCount: 1, expectedCash: 450 });
    // a closed shift is never edited
    expect(() => shop.db.prepare('UPDATE shifts SET counted_cash = 0 WHERE id = ?').run(z.shiftId)).toThrow(/never edited/);
  });

  it('refuses bad denominations and writes nothing', async () => {
    shop = await salesShop();
    const { cashier } = shop;
    const denominations = await shop.ok(cashier, 'shifts.denominations', {});
    expect(denominations.currency).toBe('GEL');
    expect(denominations.notes).toContain(20_000);
    expect(denominations.coins).toContain(5);

    const unknown = await refusal(cashier, 'shifts.close', { counted: [{ denomination: 300, count: 1 }] });
    expect(unknown).toMatchObject({ code: 'invalid_input', messageKey: 'errors:shifts.denominationUnknown', field: 'counted.0.denomination' });
    expect(unknown.params).toEqual({ value: '3.00 GEL', currency: 'GEL' });
    const twice = await refusal(cashier, 'shifts.close', {
      counted: [
        { denomination: 500, count: 1 },
        { denomination: 500, count: 2 },
      ],
    });
    expect(twice).toMatchObject({ messageKey: 'errors:shifts.denominationTwice', field: 'counted.1.denomination' });
    expect(await refusal(cashier, 'shifts.close', { counted: [{ denomination: 500, count: -1 }] })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal(cashier, 'shifts.close', { counted: [{ denomination: 500, count: 1.5 }] })).toMatchObject({ code: 'invalid_input' });
    expect(rows('shift_reports')).toBe(0);
    expect(await shop.ok(cashier, 'shifts.current', {})).not.toBeNull();
  });

  it('close queues the Z report print; printReport queues a copy; audit records open, cash and close', async () => {
    shop = await salesShop();
    const { cashier } = shop;
    const owner = await shop.signedIn('owner');
    await shop.ok(owner, 'printers.save', {
      name: 'Counter',
      transport: 'tcp',
      address: 'tcp://127.0.0.1:9',
      paperMm: 80,
      isDefault: true,
    } as never);
    await shop.ok(cashier, 'shifts.cash', { kind: 'in', amount: 100, reason: 'coins' });
    // an X shown on screen, then printed: its first print is no copy
    const x = await shop.ok(cashier, 'shifts.xReport', {});
    expect(await shop.ok(cashier, 'shifts.printReport', { id: x.id })).toMatchObject({ copy: false });
    shop.db.prepare("DELETE FROM print_jobs WHERE document_id = ?").run(x.id);
    const z: Output<'shifts.close'> = await shop.ok(cashier, 'shifts.close', { counted: [{ denomination: 10_000, count: 1 }] });
    const jobs = () => shop.db.prepare("SELECT document_id, copy FROM print_jobs WHERE document_type = 'report' ORDER BY created_at, id").all();
    expect(jobs()).toEqual([{ document_id: z.id, copy: 0 }]);
    const again = await shop.ok(cashier, 'shifts.printReport', { id: z.id });
    expect(again).toMatchObject({ copy: true });
    expect(again.jobId).toBeTruthy();
    expect(jobs()).toEqual([
      { document_id: z.id, copy: 0 },
      { document_id: z.id, copy: 1 },
    ]);
    const actions = shop.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'shifts.%' ORDER BY rowid").pluck().all();
    expect(actions).toEqual(['shifts.open', 'shifts.cash', 'shifts.xReport', 'shifts.close']);
  });
});
