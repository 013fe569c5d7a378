import { afterEach, describe, expect, it } from 'vitest';
import type { ClientState } from '../../shop/api/define';
import type { Output } from '../../shop/api/contract';
import { salesShop, type SalesEnv } from './sales-fixture';

/** The sales journal over sales and returns posted by the real handlers: filters, paging and the full view. */
let shop: SalesEnv;
afterEach(() => shop.dispose());

async function refusal(client: ClientState, method: string, input: unknown) {
  const res = await shop.call(client, method, input);
  if (res.ok) throw new Error(`${method} was not refused`);
  return res.error;
}

type Row = Output<'journal.list'>['rows'][number];

async function setUp() {
  shop = await salesShop();
  await shop.shopRules({ cashRounding: 1 });
  const { cashier } = shop;
  const manager = await shop.signedIn('manager');
  const rose = await shop.product('Rose', 500, [{ quantity: 100, unitCost: 200 }]);
  const tulip = await shop.product('Tulip', 300, [{ quantity: 100, unitCost: 100 }]);
  const ribbon = await shop.product('Ribbon', 150, [{ quantity: 100, unitCost: 20 }]);
  const clients = (await shop.ok(cashier, 'clients.find', { query: 'Tamar' })) as { id: string }[];
  const tamar = clients[0]?.id ?? '';
  const sell = (client: ClientState, lines: { productId: string; quantity: number }[], payments: unknown[], extra: object = {}) =>
    shop.ok(client, 'sales.commit', { lines, payments, print: false, ...extra } as never);

  const s1 = await sell(cashier, [{ productId: rose, quantity: 1 }], [{ method: 'cash', tendered: 500 }]);
  const s2 = await sell(cashier, [{ productId: tulip, quantity: 2 }, { productId: ribbon, quantity: 1 }], [{ method: 'card', amount: 750 }]);
  const s3 = await sell(manager, [{ productId: rose, quantity: 3 }], [{ method: 'card', amount: 500 }, { method: 'cash', tendered: 1_000 }]);
  const s4 = await sell(cashier, [{ productId: tulip, quantity: 5 }], [{ method: 'card', amount: 1_350 }], { clientId: tamar });
  const lookup = await shop.ok(manager, 'returns.lookup', { saleId: s3.saleId });
  const r1 = await shop.ok(manager, 'returns.commit', {
    saleId: s3.saleId,
    lines: [{ lineId: lookup.lines[0]?.id ?? '', quantity: 1, disposition: 'writeoff' }],
    reason: 'broken',
    print: false,
  });
  return { cashier, manager, rose, tulip, ribbon, tamar, s1, s2, s3, s4, r1 };
}

describe('journal', () => {
  it('lists sales and returns newest first and filters by cashier, client, method, product, kind and shift', async () => {
    const f = await setUp();
    const { cashier } = f;
    const numbers = async (input: object) => (await shop.ok(cashier, 'journal.list', input as never)).rows.map((r: Row) => r.number);
    const all = await shop.ok(cashier, 'journal.list', {});
    expect(all.rows.map((r) => r.number)).toEqual([f.r1.number, f.s4.number, f.s3.number, f.s2.number, f.s1.number]);
    expect(all.next).toBeNull();
    const ret = all.rows[0];
    expect(ret).toMatchObject({ kind: 'return', originalSaleId: f.s3.saleId, originalNumber: f.s3.number, total: 500, methods: ['card'], lines: 1, names: ['Rose'] });
    expect(all.rows[3]).toMatchObject({ kind: 'sale', methods: ['card'], lines: 2, names: ['Tulip', 'Ribbon'], total: 750, clientName: null });
    expect(all.rows[2]?.methods).toEqual(['card', 'cash']);
    expect(all.rows[1]?.clientName).toBe('Tamar Japaridze');

    const managerId = shop.userId('manager');
    expect(await numbers({ cashierId: managerId })).toEqual([f.r1.number, f.s3.number]);
    expect(await numbers({ clientId: f.tamar })).toEqual([f.s4.number]);
    // the return went back to the card first (the sale's card part covers it)
    expect(await numbers({ method: 'card' })).toEqual([f.r1.number, f.s4.number, f.s3.number, f.s2.number]);
    expect(await numbers({ method: 'cash' })).toEqual([f.s3.number, f.s1.number]);
    expect(await numbers({ productId: f.rose })).toEqual([f.r1.number, f.s3.number, f.s1.number]);
    expect(await numbers({ productId: f.ribbon })).toEqual([f.s2.number]);
    expect(await numbers({ kind: 'return' })).toEqual([f.r1.number]);
    expect(await numbers({ kind: 'sale', method: 'card', productId: f.tulip })).toEqual([f.s4.number, f.s2.number]);

    const shiftId = (await shop.ok(cashier, 'shifts.current', {}))?.id ?? '';
    await shop.ok(cashier, 'shifts.close', { counted: [], print: false });
    await shop.ok(cashier, 'shifts.open', { openingFloat: 0 });
    const s5 = await shop.ok(cashier, 'sales.commit', { lines: [{ productId: f.rose, quantity: 1 }], payments: [{ method: 'card', amount: 500 }], print: false } as never);
    expect(await numbers({ shiftId })).toHaveLength(5);
    const newShift = (await shop.ok(cashier, 'shifts.current', {}))?.id ?? '';
    expect(await numbers({ shiftId: newShift })).toEqual([s5.number]);

    // florists sell but do not read the journal
    const florist = await shop.signedIn('florist');
    expect(await refusal(florist, 'journal.list', {})).toMatchObject({ code: 'forbidden' });
  });

  it('pages with a cursor that stays put while new sales come in, and filters by date', async () => {
    const f = await setUp();
    const { cashier } = f;
    const full = (await shop.ok(cashier, 'journal.list', {})).rows.map((r) => r.id);
    const seen: string[] = [];
    let page = await shop.ok(cashier, 'journal.list', { limit: 2 });
    seen.push(...page.rows.map((r) => r.id));
    // a sale posted between pages is newer than the cursor: it does not shift the next page
    await shop.ok(cashier, 'sales.commit', { lines: [{ productId: f.rose, quantity: 1 }], payments: [{ method: 'card', amount: 500 }], print: false } as never);
    while (page.next) {
      page = await shop.ok(cashier, 'journal.list', { limit: 2, before: page.next });
      expect(page.rows.length).toBeLessThanOrEqual(2);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(full);

    const first = shop.db.prepare('SELECT min(at) FROM sales').pluck().get() as string;
    const today = first.slice(0, 10);
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await shop.ok(cashier, 'journal.list', { from: today, to: today })).rows).toHaveLength(6);
    expect((await shop.ok(cashier, 'journal.list', { to: yesterday })).rows).toHaveLength(0);
    expect((await shop.ok(cashier, 'journal.list', { from: first })).rows).toHaveLength(6);
    const s2at = shop.db.prepare('SELECT at FROM sales WHERE id = ?').pluck().get(f.s2.saleId) as string;
    const upToS2 = await shop.ok(cashier, 'journal.list', { to: new Date(Date.parse(s2at) + 1).toISOString() });
    expect(upToS2.rows.map((r) => r.id)).toContain(f.s2.saleId);
    expect(upToS2.rows.every((r) => r.at <= s2at)).toBe(true);
    const fromS2 = await shop.ok(cashier, 'journal.list', { from: s2at });
    expect(fromS2.rows.every((r) => r.at >= s2at)).toBe(true);
    expect(fromS2.rows.map((r) => r.id)).toContain(f.r1.returnId);

    expect(await refusal(cashier, 'journal.list', { from: today, to: yesterday })).toMatchObject({ messageKey: 'errors:journal.rangeInvalid', field: 'to' });
    expect(await refusal(cashier, 'journal.list', { from: '2026-13-45' })).toMatchObject({ messageKey: 'errors:journal.dateInvalid', field: 'from' });
    expect(await refusal(cashier, 'journal.list', { from: 'yesterday' })).toMatchObject({ messageKey: 'errors:journal.dateInvalid' });
    expect(await refusal(cashier, 'journal.list', { limit: 500 })).toMatchObject({ code: 'invalid_input', field: 'limit' });
  });

  it('opens a sale with its lines, payments, returns and receipt jobs, and a return with its original', async () => {
    const f = await setUp();
    const { cashier } = f;
    const sale = await shop.ok(cashier, 'journal.get', { id: f.s3.saleId });
    expect(sale).toMatchObject({
      kind: 'sale',
      number: f.s3.number,
      total: 1_500,
      cashier: { id: shop.userId('manager') },
      client: null,
      original: null,
      returns: [{ id: f.r1.returnId, number: f.r1.number, total: 500 }],
      printJobs: [],
    });
    expect(sale.lines).toHaveLength(1);
    expect(sale.lines[0]).toMatchObject({ name: 'Rose', quantity: 3, unitPrice: 500, total: 1_500, returned: 1, disposition: null });
    expect(sale.payments).toEqual([
      { method: 'card', amount: 500, tendered: null, change: 0, reference: null },
      { method: 'cash', amount: 1_000, tendered: 1_000, change: 0, reference: null },
    ]);

    const ret = await shop.ok(cashier, 'journal.get', { id: f.r1.returnId });
    expect(ret).toMatchObject({
      kind: 'return',
      reason: 'broken',
      original: { id: f.s3.saleId, number: f.s3.number },
      payments: [{ method: 'card', amount: 500 }],
      returns: [],
    });
    expect(ret.lines[0]).toMatchObject({ originalLineId: sale.lines[0]?.id, disposition: 'writeoff', quantity: 1, total: 500 });

    const client = await shop.ok(cashier, 'journal.get', { id: f.s4.saleId });
    expect(client.client).toMatchObject({ id: f.tamar, name: 'Tamar Japaridze' });
    expect(client.clientDiscountBp).toBe(1_000);

    expect(await refusal(cashier, 'journal.get', { id: f.tamar })).toMatchObject({ code: 'not_found', messageKey: 'errors:journal.notFound' });
  });
});
