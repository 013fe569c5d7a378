import { afterEach, describe, expect, it } from 'vitest';
import type { BackendEvent, ClientState } from '../../shop/api/define';
import type { Backend } from '../../shop/backend';
import { stemCostOfPack } from '../../shop/arrivals/post';
import { demoUser } from '../../shop/demo/seed';
import type { Role } from '../../shop/users/permissions';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

// Goods receipt end to end: the real dispatcher on a real SQLite file, a demo shop, people signed in with
// their roles. Every refusal is checked to leave the database exactly as it was.

const NOW = new Date('2026-03-05T09:00:00.000Z');
type Env = ReturnType<typeof tempBackend>;
const envs: Env[] = [];
let current: Backend;
const { call, ok } = callsOn(() => current);

afterEach(() => {
  while (envs.length > 0) envs.pop()?.dispose();
});

async function shop() {
  const env = tempBackend({ now: () => NOW, log: (e) => console.error(e), printing: { autoStart: false } });
  envs.push(env);
  current = env.backend;
  const anon = env.backend.newClient();
  await ok(anon, 'shops.setup', { mode: 'demo', language: 'en' });
  const picker = await ok(anon, 'users.picker', {});
  async function signedIn(role: Role): Promise<ClientState> {
    const user = picker.find((u) => u.role === role);
    if (!user) throw new Error(`no ${role}`);
    const client = env.backend.newClient();
    const d = demoUser(role);
    await ok(client, 'users.signIn', { userId: user.id, secret: d.password ?? d.pin ?? '' });
    return client;
  }
  const db = env.backend.db;
  const productOf = (kind: string, offset = 0) =>
    db.prepare('SELECT id FROM products WHERE kind = ? AND archived = 0 ORDER BY seq LIMIT 1 OFFSET ?').pluck().get(kind, offset) as string;
  /** Rows of everything posting an arrival writes. */
  const counts = () => {
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      arrivals: n('SELECT count(*) FROM arrivals'),
      lines: n('SELECT count(*) FROM arrival_lines'),
      lots: n('SELECT count(*) FROM lots'),
      movements: n('SELECT count(*) FROM stock_movements'),
      audit: n("SELECT count(*) FROM audit_log WHERE action LIKE 'arrivals.%'"),
      usualSuppliers: n('SELECT count(*) FROM products WHERE supplier_id IS NOT NULL'),
    };
  };
  return { env, db, owner: await signedIn('owner'), florist: await signedIn('florist'), courier: await signedIn('courier'), signedIn, productOf, counts };
}

describe('suppliers', () => {
  it('are saved, listed with their packs, refused twice under one name, archived', async () => {
    const { owner, courier, productOf } = await shop();
    const before = (await ok(owner, 'suppliers.list', {})).length;
    const s = await ok(owner, 'suppliers.save', { name: 'Flora Holland Direct', phone: '+995 555 000 111', leadDays: 3 });
    expect(s).toMatchObject({ name: 'Flora Holland Direct', phone: '+995 555 000 111', leadDays: 3, archived: false, products: 0 });
    const dup = await call(owner, 'suppliers.save', { name: 'flora holland direct', leadDays: 1 });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'errors:arrivals.supplierNameTaken', field: 'name' } });

    const rose = productOf('cut_flower');
    const packs = await ok(owner, 'suppliers.setPack', { supplierId: s.id, productId: rose, packKind: 'bunch', packSize: 20 });
    expect(packs).toEqual([expect.objectContaining({ productId: rose, packKind: 'bunch', packSize: 20 })]);
    await ok(owner, 'suppliers.setPack', { supplierId: s.id, productId: rose, packKind: 'bunch', packSize: 10 });
    expect(await ok(owner, 'suppliers.packs', { supplierId: s.id })).toEqual([expect.objectContaining({ packSize: 10 })]);
    expect((await ok(owner, 'suppliers.list', {})).find((x) => x.id === s.id)?.products).toBe(1);
    const service = await call(owner, 'suppliers.setPack', { supplierId: s.id, productId: productOf('service'), packKind: 'box', packSize: 1 });
    expect(service).toMatchObject({ ok: false, error: { messageKey: 'errors:arrivals.serviceHasNoPack' } });
    const zero = await call(owner, 'suppliers.setPack', { supplierId: s.id, productId: rose, packKind: 'box', packSize: 0 });
    expect(zero).toMatchObject({ ok: false, error: { messageKey: 'errors:arrivals.packSizeInvalid' } });

    expect(await ok(owner, 'suppliers.removePack', { supplierId: s.id, productId: rose })).toEqual({ removed: true });
    expect(await ok(owner, 'suppliers.archive', { id: s.id })).toEqual({ archived: true });
    expect((await ok(owner, 'suppliers.list', {})).length).toBe(before);
    expect((await ok(owner, 'suppliers.list', { includeArchived: true })).find((x) => x.id === s.id)?.archived).toBe(true);
    // a courier sees suppliers (catalog.view) but cannot change them
    expect((await ok(courier, 'suppliers.list', {})).length).toBe(before);
    expect(await call(courier, 'suppliers.save', { name: 'X', leadDays: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('arrivals.post', () => {
  it('creates one lot per line at the arrival date and cost, stems and packs converted, the invoice total kept', async () => {
    const { env, db, florist, owner, productOf, counts } = await shop();
    const supplier = await ok(owner, 'suppliers.save', { name: 'Tulip Farm', leadDays: 2 });
    const rose = productOf('cut_flower', 0);
    const tulip = productOf('cut_flower', 1);
    const fern = productOf('greenery', 0);
    await ok(owner, 'suppliers.setPack', { supplierId: supplier.id, productId: tulip, packKind: 'bunch', packSize: 10 });
    // the fern already has a usual supplier: an arrival from another one leaves it
    const other = await ok(owner, 'suppliers.save', { name: 'Green Co', leadDays: 1 });
    // (the demo may give products their usual supplier already: start from none)
    db.prepare('UPDATE products SET supplier_id = NULL').run();
    await ok(owner, 'suppliers.setPack', { supplierId: other.id, productId: fern, packKind: 'box', packSize: 50 });
    const base = (await ok(florist, 'arrivals.list', { limit: 1 })).items[0]?.number ?? 0;

    const events: BackendEvent[] = [];
    const off = env.backend.onEvent((e) => events.push(e));
    const before = counts();
    const arrivedAt = '2026-03-04T06:30:00.000Z';
    const posted = await ok(florist, 'arrivals.post', {
      supplierId: supplier.id,
      invoiceNo: 'INV-77',
      arrivedAt,
      lines: [
        { productId: rose, quantity: 40, unitCost: 150 },
        // 3 bunches of the supplier's 10, at 10.00 a bunch: 30 stems, 1.00 each
        { productId: tulip, packs: 3, packCost: 1000 },
        // 2 packs of 3 at 10.00: 3.333… a stem, rounded half up to 3.33; the line keeps 20.00 as invoiced
        { productId: fern, packs: 2, packSize: 3, packCost: 1000 },
        // 10.01 for 2: 5.005 → 5.01
        { productId: rose, packs: 1, packSize: 2, packCost: 1001 },
      ],
    });
    off();
    expect(posted.number).toBe(base + 1);
    expect(posted.totalCost).toBe(40 * 150 + 3 * 1000 + 2 * 1000 + 1001);
    expect(posted.lots.map((l) => l.lineNo)).toEqual([1, 2, 3, 4]);

    const lots = posted.lots.map(
      (l) => db.prepare('SELECT product_id, arrived_at, unit_cost, quantity_received, document_type, document_id FROM lots WHERE id = ?').get(l.lotId) as Record<string, unknown>,
    );
    expect(lots).toEqual([
      { product_id: rose, arrived_at: arrivedAt, unit_cost: 150, quantity_received: 40, document_type: 'arrival', document_id: posted.arrivalId },
      { product_id: tulip, arrived_at: arrivedAt, unit_cost: 100, quantity_received: 30, document_type: 'arrival', document_id: posted.arrivalId },
      { product_id: fern, arrived_at: arrivedAt, unit_cost: 333, quantity_received: 6, document_type: 'arrival', document_id: posted.arrivalId },
      { product_id: rose, arrived_at: arrivedAt, unit_cost: 501, quantity_received: 2, document_type: 'arrival', document_id: posted.arrivalId },
    ]);
    const after = counts();
    expect(after.arrivals - before.arrivals).toBe(1);
    expect(after.lots - before.lots).toBe(4);
    expect(after.movements - before.movements).toBe(4);
    expect(after.audit - before.audit).toBe(1);
    expect(events).toContainEqual({ type: 'stock.changed' });

    const got = await ok(florist, 'arrivals.get', { id: posted.arrivalId });
    expect(got).toMatchObject({ number: base + 1, invoiceNo: 'INV-77', supplierName: 'Tulip Farm', arrivedAt, totalCost: posted.totalCost, lineCount: 4, quantity: 78 });
    expect(got.lines[1]).toMatchObject({ productId: tulip, packs: 3, packSize: 10, quantity: 30, unitCost: 100, lineCost: 3000, remaining: 30 });
    expect(got.lines[2]).toMatchObject({ packs: 2, packSize: 3, quantity: 6, unitCost: 333, lineCost: 2000 });

    const usual = (p: string) => db.prepare('SELECT supplier_id FROM products WHERE id = ?').pluck().get(p);
    expect(usual(rose)).toBe(supplier.id);
    expect(usual(tulip)).toBe(supplier.id);
    expect(usual(fern)).toBe(other.id);

    const audit = db.prepare("SELECT user_id, details FROM audit_log WHERE action = 'arrivals.posted' AND entity_id = ?").get(posted.arrivalId) as { user_id: string; details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ number: base + 1, invoiceNo: 'INV-77', lines: 4, quantity: 78, totalCost: posted.totalCost });

    // the next one is number 2, defaults to now, and needs no supplier
    const second = await ok(florist, 'arrivals.post', { lines: [{ productId: rose, quantity: 1, unitCost: 0 }] });
    expect(second.number).toBe(base + 2);
    expect(db.prepare('SELECT arrived_at FROM arrivals WHERE id = ?').pluck().get(second.arrivalId)).toBe(NOW.toISOString());
    const list = await ok(florist, 'arrivals.list', { limit: 1 });
    expect(list.items.map((a) => a.number)).toEqual([base + 2]);
    expect(list.more).toBe(true);
    expect((await ok(florist, 'arrivals.list', { limit: 1, beforeNumber: base + 2 })).items.map((a) => a.number)).toEqual([base + 1]);
    expect((await ok(florist, 'arrivals.list', { supplierId: supplier.id })).items.map((a) => a.number)).toEqual([base + 1]);
  });

  it('rounds a pack cost half up per stem', () => {
    expect(stemCostOfPack(1000, 10)).toBe(100);
    expect(stemCostOfPack(1000, 3)).toBe(333);
    expect(stemCostOfPack(1001, 2)).toBe(501);
    expect(stemCostOfPack(1003, 2)).toBe(502);
    expect(stemCostOfPack(1002, 3)).toBe(334);
    expect(stemCostOfPack(5, 10)).toBe(1);
    expect(stemCostOfPack(4, 10)).toBe(0);
    expect(stemCostOfPack(0, 7)).toBe(0);
  });

  it('refuses bad input with a translated message and writes nothing', async () => {
    const { db, owner, productOf, counts } = await shop();
    const rose = productOf('cut_flower');
    const archived = productOf('cut_flower', 5);
    await ok(owner, 'catalog.archive', { id: archived });
    const gone = await ok(owner, 'suppliers.save', { name: 'Closed Wholesale', leadDays: 2 });
    await ok(owner, 'suppliers.archive', { id: gone.id });
    const good = { productId: rose, quantity: 10, unitCost: 100 };
    const cases: [unknown, string, string?][] = [
      [{ lines: [{ productId: rose, quantity: 0, unitCost: 100 }] }, 'errors:arrivals.quantityInvalid', 'lines.0.quantity'],
      [{ lines: [good, { productId: rose, quantity: -5, unitCost: 100 }] }, 'errors:arrivals.quantityInvalid', 'lines.1.quantity'],
      [{ lines: [{ productId: rose, quantity: 2.5, unitCost: 100 }] }, 'errors:arrivals.quantityInvalid', 'lines.0.quantity'],
      [{ lines: [{ productId: rose, packs: 0, packSize: 10, packCost: 100 }] }, 'errors:arrivals.quantityInvalid', 'lines.0.packs'],
      [{ lines: [{ productId: rose, quantity: 5, unitCost: -1 }] }, 'errors:arrivals.costNegative', 'lines.0.unitCost'],
      [{ lines: [{ productId: rose, packs: 1, packSize: 10, packCost: -100 }] }, 'errors:arrivals.costNegative', 'lines.0.packCost'],
      [{ lines: [good, { productId: productOf('service'), quantity: 1, unitCost: 0 }] }, 'errors:arrivals.service', 'lines.1.productId'],
      [{ lines: [good, { productId: archived, quantity: 1, unitCost: 0 }] }, 'errors:arrivals.productArchived', 'lines.1.productId'],
      [{ arrivedAt: '2026-03-06T09:00:00.000Z', lines: [good] }, 'errors:arrivals.dateInFuture', 'arrivedAt'],
      [{ arrivedAt: '2025-10-01T09:00:00.000Z', lines: [good] }, 'errors:arrivals.dateTooOld', 'arrivedAt'],
      [{ arrivedAt: 'yesterday', lines: [good] }, 'errors:arrivals.dateInvalid', 'arrivedAt'],
      [{ supplierId: gone.id, lines: [good] }, 'errors:arrivals.supplierArchived', 'supplierId'],
      [{ lines: [] }, 'errors:arrivals.noLines', 'lines'],
      [{ lines: [{ productId: rose, quantity: 5, packs: 1, packSize: 5, unitCost: 1 }] }, 'errors:arrivals.quantityOrPacks', 'lines.0.quantity'],
      [{ lines: [{ productId: rose, quantity: 5 }] }, 'errors:arrivals.costRequired', 'lines.0.unitCost'],
      [{ lines: [{ productId: rose, quantity: 5, packCost: 100 }] }, 'errors:arrivals.packCostNeedsPacks', 'lines.0.packCost'],
      // no pack size given and no supplier pack to take it from
      [{ lines: [{ productId: rose, packs: 2, packCost: 100 }] }, 'errors:arrivals.packSizeRequired', 'lines.0.packSize'],
    ];
    const before = counts();
    for (const [input, messageKey, field] of cases) {
      const res = await call(owner, 'arrivals.post', input);
      expect(res.ok, messageKey).toBe(false);
      if (!res.ok) expect({ messageKey: res.error.messageKey, field: res.error.field }).toEqual({ messageKey, field });
      expect(counts()).toEqual(before);
    }
    // the message names the product, in the reader's language
    const res = await call(owner, 'arrivals.post', { lines: [{ productId: archived, quantity: 1, unitCost: 0 }] });
    const name = db.prepare("SELECT name FROM product_names WHERE product_id = ? AND lang = 'en'").pluck().get(archived);
    expect(res).toMatchObject({ ok: false, error: { params: { product: name } } });
  });

  it('answers a repeated requestId with the first arrival and posts nothing again', async () => {
    const { owner, productOf, counts } = await shop();
    const input = { requestId: '019a7c3e-5f1b-7c2d-8e4f-0123456789ab', lines: [{ productId: productOf('cut_flower'), quantity: 25, unitCost: 120 }] };
    const first = await ok(owner, 'arrivals.post', input);
    const after = counts();
    const again = await ok(owner, 'arrivals.post', input);
    expect(again).toEqual(first);
    expect(counts()).toEqual(after);
  });

  it('needs stock.receive: the courier is refused, the florist and the cashier may receive', async () => {
    const { owner, courier, florist, signedIn, productOf, counts } = await shop();
    const line = { productId: productOf('cut_flower'), quantity: 1, unitCost: 1 };
    const before = counts();
    expect(await call(courier, 'arrivals.post', { lines: [line] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(courier, 'arrivals.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(counts()).toEqual(before);
    await ok(florist, 'arrivals.post', { lines: [line] });
    const cashier = await signedIn('cashier');
    await ok(cashier, 'arrivals.post', { lines: [line] });
    // the owner takes stock.receive away from florists: refused from then on
    const { roles } = await ok(owner, 'roles.list', {});
    const floristRole = roles.find((r) => r.role === 'florist');
    expect(floristRole?.permissions).toContain('stock.receive');
    await ok(owner, 'roles.setPermissions', { role: 'florist', permissions: (floristRole?.permissions ?? []).filter((p) => p !== 'stock.receive') });
    expect(await call(florist, 'arrivals.post', { lines: [line] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('arrivals.labelSheet', () => {
  it('gives one label per line or per stem, with the shop price and EAN-13 or CODE128 bars', async () => {
    const { db, owner, productOf } = await shop();
    const ean = db
      .prepare("SELECT p.id, b.code FROM products p JOIN barcodes b ON b.product_id = p.id WHERE p.kind = 'consumable' AND length(b.code) = 13 ORDER BY p.seq LIMIT 1")
      .get() as { id: string; code: string };
    const coded = await ok(owner, 'catalog.create', { kind: 'cut_flower', names: { en: 'Peony Sarah Bernhardt' }, price: 900, barcodes: ['PEONY-SB-60'] });
    const plain = productOf('cut_flower');
    const posted = await ok(owner, 'arrivals.post', {
      lines: [
        { productId: ean.id, quantity: 3, unitCost: 100 },
        { productId: coded.id, quantity: 5, unitCost: 300 },
        { productId: plain, quantity: 2, unitCost: 50 },
      ],
    });
    const sheet = await ok(owner, 'arrivals.labelSheet', { arrivalId: posted.arrivalId });
    expect(sheet.currency).toBe('GEL');
    expect(sheet.total).toBe(3);
    expect(sheet.labels[0]).toMatchObject({ productId: ean.id, barcode: ean.code, symbology: 'ean13', copies: 1 });
    expect(sheet.labels[1]).toMatchObject({ name: 'Peony Sarah Bernhardt', price: 900, barcode: 'PEONY-SB-60', symbology: 'code128' });
    const perStem = await ok(owner, 'arrivals.labelSheet', { arrivalId: posted.arrivalId, copies: 'perStem' });
    expect(perStem.labels.map((l) => l.copies)).toEqual([3, 5, 2]);
    expect(perStem.total).toBe(10);
  });
});
