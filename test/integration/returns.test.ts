import { afterEach, describe, expect, it } from 'vitest';
import type { ClientState } from '../../shop/api/define';
import type { BackendEvent } from '../../shop/api/define';
import { salesShop, type SalesEnv } from './sales-fixture';

/**
 * Returns against sales posted by the real sales.commit: refunds that add up to what was paid,
 * card first then cash, stock back to the lots it came from or written off, and every refusal
 * leaving the database as it was.
 */
let shop: SalesEnv;
afterEach(() => shop.dispose());

async function refusal(client: ClientState, method: string, input: unknown) {
  const res = await shop.call(client, method, input);
  if (res.ok) throw new Error(`${method} was not refused`);
  return res.error;
}

function snapshot() {
  const n = (t: string) => shop.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return { sales: n('sales'), lines: n('sale_lines'), payments: n('sale_payments'), movements: n('stock_movements'), audit: n('audit_log') };
}

const lotBalances = (productId: string) =>
  shop.db
    .prepare('SELECT b.quantity FROM lot_balances b JOIN lots l ON l.id = b.lot_id WHERE b.product_id = ? ORDER BY l.arrived_at')
    .pluck()
    .all(productId) as number[];

async function sale(client: ClientState, lines: { productId: string; quantity: number }[], payments: unknown[], extra: object = {}) {
  return shop.ok(client, 'sales.commit', { lines, payments, print: false, ...extra } as never);
}

describe('returns', () => {
  it('partial, second and last return add up to exactly what was paid; over-returns and returning a return are refused', async () => {
    shop = await salesShop();
    await shop.shopRules({ cashRounding: 1 });
    const manager = await shop.signedIn('manager');
    const rose = await shop.product('Rose', 450, [{ quantity: 10, unitCost: 200 }]);
    const sold = await sale(manager, [{ productId: rose, quantity: 3 }], [{ method: 'cash', tendered: 2_000 }], {
      discount: { kind: 'amount', value: 100, reason: 'regular' },
    });
    expect(sold.total).toBe(1_250);

    const looked = await shop.ok(manager, 'returns.lookup', { code: `posy:sale:${sold.saleId}` });
    expect(looked).toMatchObject({ id: sold.saleId, number: sold.number, total: 1_250, fullyReturned: false });
    const lineId = looked.lines[0]?.id ?? '';
    expect(looked.lines[0]).toMatchObject({ quantity: 3, returned: 0, returnable: 3, total: 1_250 });
    expect((await shop.ok(manager, 'returns.lookup', { number: sold.number })).id).toBe(sold.saleId);

    const r1 = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [{ lineId, quantity: 1, disposition: 'restock' }],
      reason: 'wrong colour',
      print: false,
    });
    expect(r1.refunds).toEqual([{ method: 'cash', amount: 416 }]);
    expect(r1.number).toBe(sold.number + 1);
    const r2 = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [{ lineId, quantity: 1, disposition: 'restock' }],
      reason: 'wrong colour',
      print: false,
    });
    expect(r2.total).toBe(417);

    const before = snapshot();
    const over = await refusal(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [{ lineId, quantity: 2, disposition: 'restock' }],
      reason: 'all of them',
    });
    expect(over).toMatchObject({ code: 'conflict', messageKey: 'errors:returns.tooMany', field: 'lines.0.quantity' });
    expect(over.params).toEqual({ product: 'Rose', returnable: 1, sold: 3 });
    expect(await refusal(manager, 'returns.quote', { saleId: sold.saleId, lines: [{ lineId, quantity: 2, disposition: 'restock' }] })).toEqual(over);
    expect(snapshot()).toEqual(before);

    const r3 = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [{ lineId, quantity: 1, disposition: 'restock' }],
      reason: 'wrong colour',
      print: false,
    });
    expect(r1.total + r2.total + r3.total).toBe(1_250);
    expect(shop.balance(rose)).toBe(10);
    expect(await refusal(manager, 'returns.commit', { saleId: sold.saleId, lines: [{ lineId, quantity: 1, disposition: 'restock' }], reason: 'again' })).toMatchObject({
      messageKey: 'errors:returns.lineReturned',
    });
    expect((await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId })).fullyReturned).toBe(true);

    // a return is never returned, nor looked up for returning
    expect(await refusal(manager, 'returns.lookup', { saleId: r1.returnId })).toMatchObject({
      code: 'conflict',
      messageKey: 'errors:returns.notASale',
      params: { number: r1.number },
    });
    const returnLine = shop.db.prepare('SELECT id FROM sale_lines WHERE sale_id = ?').pluck().get(r1.returnId) as string;
    expect(await refusal(manager, 'returns.commit', { saleId: r1.returnId, lines: [{ lineId: returnLine, quantity: 1, disposition: 'restock' }], reason: 'x' })).toMatchObject({
      messageKey: 'errors:returns.notASale',
    });
    expect(snapshot().sales).toBe(4);
    // the audit has one entry per return
    expect(shop.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'returns.posted'").pluck().get()).toBe(3);
  });

  it('a return sent again with the same request id answers the return already posted and puts nothing back twice', async () => {
    shop = await salesShop();
    const manager = await shop.signedIn('manager');
    const rose = await shop.product('Rose', 450, [{ quantity: 10, unitCost: 200 }]);
    const sold = await sale(manager, [{ productId: rose, quantity: 3 }], [{ method: 'cash', tendered: 2_000 }]);
    const lineId = (await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId })).lines[0]?.id ?? '';
    const input = {
      saleId: sold.saleId,
      lines: [{ lineId, quantity: 1, disposition: 'restock' as const }],
      reason: 'wrong colour',
      print: false,
      requestId: '0190d000-0000-7000-8000-0000000000ff',
    };
    const first = await shop.ok(manager, 'returns.commit', input);
    const stock = shop.balance(rose);
    expect(await shop.ok(manager, 'returns.commit', input)).toEqual(first);
    expect(shop.balance(rose)).toBe(stock);
    expect((await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId })).lines[0]).toMatchObject({ returned: 1, returnable: 2 });
  });

  it('restock goes back to the lots the sale took from, newest first; a write-off leaves stock out; the Z shows both', async () => {
    shop = await salesShop();
    await shop.shopRules({ cashRounding: 1 });
    const manager = await shop.signedIn('manager');
    const tulip = await shop.product('Tulip', 300, [
      { quantity: 5, unitCost: 100 },
      { quantity: 5, unitCost: 150 },
    ]);
    const sold = await sale(manager, [{ productId: tulip, quantity: 7 }], [{ method: 'card', amount: 2_100 }]);
    expect(lotBalances(tulip)).toEqual([0, 3]);
    const { lines } = await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId });
    const lineId = lines[0]?.id ?? '';

    await shop.ok(manager, 'returns.commit', { saleId: sold.saleId, lines: [{ lineId, quantity: 3, disposition: 'restock' }], reason: 'too many', print: false });
    expect(lotBalances(tulip)).toEqual([1, 5]);
    const movements = shop.db.prepare("SELECT count(*) FROM stock_movements WHERE document_type = 'return'").pluck().get();
    expect(movements).toBe(2);

    const before = lotBalances(tulip);
    const w = await shop.ok(manager, 'returns.commit', { saleId: sold.saleId, lines: [{ lineId, quantity: 2, disposition: 'writeoff' }], reason: 'wilted', print: false });
    expect(lotBalances(tulip)).toEqual(before);
    expect(w.refunds).toEqual([{ method: 'card', amount: 600 }]);
    const dispositions = shop.db
      .prepare("SELECT l.disposition, l.quantity, l.cost_of_goods FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE s.kind = 'return' ORDER BY s.number")
      .all();
    expect(dispositions).toEqual([
      { disposition: 'restock', quantity: 3, cost_of_goods: 2 * 150 + 100 },
      { disposition: 'writeoff', quantity: 2, cost_of_goods: 2 * 100 },
    ]);

    // the ledger still balances: lot balances equal the movements
    const ledger = shop.db.prepare('SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE product_id = ?').pluck().get(tulip);
    expect(ledger).toBe(shop.balance(tulip));

    const x = await shop.ok(manager, 'shifts.xReport', {});
    expect(x).toMatchObject({
      returnsCount: 2,
      returnsTotal: 900 + 600,
      restocked: { quantity: 3, amount: 900, cost: 400 },
      writtenOff: { quantity: 2, amount: 600, cost: 200 },
      costOfGoods: 5 * 100 + 2 * 150 - 400,
      byMethod: { card: { sales: 2_100, refunds: 1_500, net: 600 } },
    });
  });

  it('two lines of one product returned together never put more into a lot than the sale took from it', async () => {
    shop = await salesShop();
    await shop.shopRules({ cashRounding: 1 });
    const manager = await shop.signedIn('manager');
    const rose = await shop.product('Rose', 400, [
      { quantity: 3, unitCost: 100 },
      { quantity: 2, unitCost: 180 },
    ]);
    const sold = await sale(
      manager,
      [
        { productId: rose, quantity: 2 },
        { productId: rose, quantity: 3 },
      ],
      [{ method: 'card', amount: 2_000 }],
    );
    expect(lotBalances(rose)).toEqual([0, 0]);
    const { lines } = await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId });
    const r = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: lines.map((l) => ({ lineId: l.id, quantity: l.quantity, disposition: 'restock' as const })),
      reason: 'event cancelled',
      print: false,
    });
    expect(lotBalances(rose)).toEqual([3, 2]);
    expect(r.refunds).toEqual([{ method: 'card', amount: 2_000 }]);
    const cost = shop.db.prepare('SELECT cost_of_goods FROM sales WHERE id = ?').pluck().get(r.returnId);
    expect(cost).toBe(3 * 100 + 2 * 180);
  });

  it('a returned bouquet puts its components back into their lots', async () => {
    shop = await salesShop();
    await shop.shopRules({ cashRounding: 1 });
    const manager = await shop.signedIn('manager');
    const rose = await shop.product('Rose', 400, [{ quantity: 20, unitCost: 100 }]);
    const fern = await shop.product('Fern', 100, [{ quantity: 20, unitCost: 30 }]);
    const bouquet = await shop.product('Bouquet', 3_000, [], 'ready_item');
    const lines2 = [{ productId: bouquet, quantity: 2, components: [{ productId: rose, quantity: 5 }, { productId: fern, quantity: 2 }] }];
    // A bouquet built at the counter is priced from its components by the shop's pricing rules.
    const { total } = (await shop.ok(manager, 'sales.quote', { lines: lines2 })) as { total: number };
    const sold = await sale(manager, lines2 as never, [{ method: 'card', amount: total }]);
    expect([shop.balance(rose), shop.balance(fern)]).toEqual([10, 16]);
    const { lines } = await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId });
    const r = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [{ lineId: lines[0]?.id ?? '', quantity: 1, disposition: 'restock' }],
      reason: 'wrong bouquet',
      print: false,
    });
    expect([shop.balance(rose), shop.balance(fern)]).toEqual([15, 18]);
    expect(r.total).toBe(total / 2);
    expect(shop.db.prepare('SELECT cost_of_goods FROM sales WHERE id = ?').pluck().get(r.returnId)).toBe(5 * 100 + 2 * 30);
  });

  it('refunds a split payment card first, then cash; cash refunds lower the expected cash; rounding settles on the last return', async () => {
    shop = await salesShop();
    await shop.shopRules({ cashRounding: 5 });
    const manager = await shop.signedIn('manager');
    const rose = await shop.product('Rose', 1_000, [{ quantity: 10, unitCost: 300 }]);
    const gerbera = await shop.product('Gerbera', 333, [{ quantity: 10, unitCost: 100 }]);
    const floatBefore = (await shop.ok(manager, 'shifts.current', {}))?.expectedCash ?? 0;

    // 2 roses (20.00) + 3 gerberas (9.99) = 29.99: 12.00 by card, the rest 17.99 in cash rounds to 18.00
    const sold = await sale(
      manager,
      [
        { productId: rose, quantity: 2 },
        { productId: gerbera, quantity: 3 },
      ],
      [
        { method: 'card', amount: 1_200 },
        { method: 'cash', tendered: 2_000 },
      ],
    );
    expect(sold.total).toBe(3_000);
    const paid = shop.db.prepare('SELECT method, amount FROM sale_payments WHERE sale_id = ? ORDER BY method').all(sold.saleId);
    expect(paid).toEqual([
      { method: 'card', amount: 1_200 },
      { method: 'cash', amount: 1_800 },
    ]);
    const { lines } = await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId });
    const [roseLine, gerberaLine] = lines;

    // one rose: 10.00 goes back to the card
    const a = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [{ lineId: roseLine?.id ?? '', quantity: 1, disposition: 'restock' }],
      reason: 'broken stem',
      print: false,
    });
    expect(a.refunds).toEqual([{ method: 'card', amount: 1_000 }]);
    // one gerbera (3.33): the card has 2.00 left, the cash part 1.33 rounds to 1.35 — quoted first, writing nothing
    const before = snapshot();
    const quote = await shop.ok(manager, 'returns.quote', {
      saleId: sold.saleId,
      lines: [{ lineId: gerberaLine?.id ?? '', quantity: 1, disposition: 'writeoff' }],
    });
    expect(quote).toEqual({
      saleId: sold.saleId,
      lines: [{ lineId: gerberaLine?.id, quantity: 1, refund: 333 }],
      rounding: 2,
      total: 335,
      refunds: [
        { method: 'card', amount: 200 },
        { method: 'cash', amount: 135 },
      ],
    });
    expect(snapshot()).toEqual(before);
    const b = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [{ lineId: gerberaLine?.id ?? '', quantity: 1, disposition: 'writeoff' }],
      reason: 'wilted',
      print: false,
    });
    expect(b.refunds).toEqual(quote.refunds);
    // the rest: exactly what is left of each method
    const c = await shop.ok(manager, 'returns.commit', {
      saleId: sold.saleId,
      lines: [
        { lineId: roseLine?.id ?? '', quantity: 1, disposition: 'restock' },
        { lineId: gerberaLine?.id ?? '', quantity: 2, disposition: 'restock' },
      ],
      reason: 'changed her mind',
      print: false,
    });
    expect(c.refunds).toEqual([{ method: 'cash', amount: 1_800 - 135 }]);
    const refunded = shop.db
      .prepare("SELECT p.method, sum(p.amount) AS amount FROM sales s JOIN sale_payments p ON p.sale_id = s.id WHERE s.kind = 'return' GROUP BY p.method ORDER BY p.method")
      .all();
    expect(refunded).toEqual([
      { method: 'card', amount: 1_200 },
      { method: 'cash', amount: 1_800 },
    ]);
    expect(a.total + b.total + c.total).toBe(sold.total);

    const current = await shop.ok(manager, 'shifts.current', {});
    expect(current).toMatchObject({ expectedCash: floatBefore, returnsCount: 3, returnsTotal: 3_000 });
  });

  it('needs the permission, an open shift and cash in the drawer; posts sales.changed and queues the return receipt', async () => {
    shop = await salesShop();
    await shop.shopRules({ cashRounding: 1 });
    const { cashier } = shop;
    const manager = await shop.signedIn('manager');
    const owner = await shop.signedIn('owner');
    const rose = await shop.product('Rose', 900, [{ quantity: 10, unitCost: 300 }]);
    const sold = await sale(cashier, [{ productId: rose, quantity: 1 }], [{ method: 'cash', tendered: 900 }]);
    const { lines } = await shop.ok(manager, 'returns.lookup', { saleId: sold.saleId });
    const input = { saleId: sold.saleId, lines: [{ lineId: lines[0]?.id ?? '', quantity: 1, disposition: 'restock' as const }], reason: 'gift declined' };

    // a cashier has no sales.return by default
    expect(await refusal(cashier, 'returns.commit', input)).toMatchObject({ code: 'forbidden' });
    expect(await refusal(manager, 'returns.lookup', {})).toMatchObject({ messageKey: 'errors:returns.saleNotFound' });
    expect(await refusal(manager, 'returns.lookup', { number: 999 })).toMatchObject({ code: 'not_found', messageKey: 'errors:returns.saleNotFound' });
    expect(await refusal(manager, 'returns.commit', { ...input, reason: '  ' })).toMatchObject({ messageKey: 'errors:returns.reasonRequired' });
    expect(await refusal(manager, 'returns.commit', { ...input, lines: [] })).toMatchObject({ messageKey: 'errors:returns.noLines' });
    expect(await refusal(manager, 'returns.commit', { ...input, lines: [{ ...input.lines[0], quantity: 0 }] })).toMatchObject({
      messageKey: 'errors:returns.quantityInvalid',
    });
    expect(await refusal(manager, 'returns.commit', { ...input, lines: [{ ...input.lines[0], lineId: sold.saleId }] })).toMatchObject({
      messageKey: 'errors:returns.lineNotInSale',
    });
    expect(await refusal(manager, 'returns.commit', { ...input, lines: [input.lines[0], input.lines[0]] })).toMatchObject({
      messageKey: 'errors:returns.lineTwice',
    });

    // the drawer cannot pay a cash refund it does not hold
    const drawer = (await shop.ok(manager, 'shifts.current', {}))?.expectedCash ?? 0;
    await shop.ok(manager, 'shifts.cash', { kind: 'out', amount: drawer, reason: 'to the safe' });
    const before = snapshot();
    expect(await refusal(manager, 'returns.commit', input)).toMatchObject({
      code: 'conflict',
      messageKey: 'errors:returns.drawerShort',
      params: { available: '0.00 GEL', amount: '9.00 GEL' },
    });
    expect(snapshot()).toEqual(before);
    await shop.ok(manager, 'shifts.cash', { kind: 'in', amount: 5_000, reason: 'change' });

    // with no open shift
    await shop.ok(manager, 'shifts.close', { counted: [{ denomination: 5_000, count: 1 }], print: false });
    expect(await refusal(manager, 'returns.commit', input)).toMatchObject({ messageKey: 'errors:shifts.noOpenShift' });
    await shop.ok(manager, 'shifts.open', { openingFloat: 1_000 });

    await shop.ok(owner, 'printers.save', { name: 'Counter', transport: 'tcp', address: 'tcp://127.0.0.1:9', paperMm: 80, isDefault: true } as never);
    const events: BackendEvent[] = [];
    shop.env.backend.onEvent((e) => events.push(e));
    const done = await shop.ok(manager, 'returns.commit', input);
    expect(done.printJobId).toBeTruthy();
    expect(events).toContainEqual({ type: 'sales.changed', saleId: done.returnId });
    const job = shop.db.prepare('SELECT document_type, document_id FROM print_jobs WHERE id = ?').get(done.printJobId);
    expect(job).toEqual({ document_type: 'sale', document_id: done.returnId });
    // the return belongs to the shift it was made in, not the sale's
    const shifts = shop.db.prepare('SELECT shift_id FROM sales WHERE id IN (?, ?)').pluck().all(sold.saleId, done.returnId);
    expect(new Set(shifts).size).toBe(2);
    expect((await shop.ok(manager, 'shifts.current', {}))?.expectedCash).toBe(1_000 - 900);
  });
});
