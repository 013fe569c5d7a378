import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../shop/api/contract';
import { daysFrom, restockShop, type RestockEnv } from './restock-fixture';

/**
 * Restock planning through the real dispatcher on a real SQLite file, over a history the test
 * sells day by day through sales.commit: averages, usable stock by vase life, packs, bouquet
 * components and assembly as demand, occasion uplift, the calendar, the XLSX, permissions.
 */
type Suggestion = Output<'restock.suggest'>;
const lineOf = (s: Suggestion, productId: string) => {
  for (const g of s.suppliers) {
    const line = g.lines.find((l) => l.productId === productId);
    if (line) return { group: g, line };
  }
  throw new Error(`no line for ${productId}`);
};

describe('an ordinary June: four weeks of history, no occasion near', () => {
  let s: RestockEnv;
  let flora: string;
  let rose: string;
  let tulip: string;
  let eucalyptus: string;
  let bouquet: string;
  let vase: string;

  beforeAll(async () => {
    // Today: Monday 15 June 2026, 10:00 UTC. History: 18 May – 14 June (28 days).
    s = await restockShop({ today: '2026-06-15T10:00:00.000Z' });
    flora = await s.supplier('Flora Holland', 2);
    rose = await s.product({ name: 'Rose Red Naomi 60', vaseLifeDays: 10, minStock: 25, supplierId: flora, pack: { kind: 'bunch', size: 10 } });
    tulip = await s.product({ name: 'Tulip Strong Gold', vaseLifeDays: 7, supplierId: flora, pack: { kind: 'box', size: 50 } });
    eucalyptus = await s.product({ name: 'Eucalyptus cinerea', kind: 'greenery', vaseLifeDays: 14 });
    bouquet = await s.product({ name: 'Bouquet', kind: 'ready_item' });
    // a vase nobody buys, with a minimum level: ordered up to the minimum, no supplier
    vase = await s.product({ name: 'Glass vase', kind: 'ready_item', minStock: 3 });

    // The history's stock, all gone by today: 280 roses, 112 tulips, 84 eucalyptus.
    await s.lot(rose, 280, '2026-05-17T06:00:00.000Z', 150);
    await s.lot(tulip, 112, '2026-05-17T06:00:00.000Z', 80);
    await s.lot(eucalyptus, 84, '2026-05-17T06:00:00.000Z', 60);
    for (const day of daysFrom('2026-05-18', 28)) {
      // 10 roses and 4 tulips a day, and a bouquet built at the counter with 2 eucalyptus stems
      await s.sellOn(day, [
        { productId: rose, quantity: 10 },
        { productId: tulip, quantity: 4 },
        { productId: bouquet, quantity: 1, components: [{ productId: eucalyptus, quantity: 2 }] },
      ]);
      // and one eucalyptus a day goes into bouquets made ahead (assembly)
      await s.assemblyOn(day, eucalyptus, 1);
    }
    // Today's stock: 60 fresh roses (1 day old, 9 left); 30 tulips 6 days old (1 day left), 200 at 90 tetri newest.
    await s.lot(rose, 60, '2026-06-14T06:00:00.000Z', 160);
    await s.lot(tulip, 30, '2026-06-09T06:00:00.000Z', 85);
    await s.lot(vase, 1, '2026-06-01T06:00:00.000Z', 900);
  }, 60_000);
  afterAll(() => s.dispose());

  it('averages daily sales over the weeks asked for', async () => {
    const r = await s.ok(s.owner, 'restock.suggest', {});
    expect(r).toMatchObject({ today: '2026-06-15', weeks: 4, historyDays: 28, shopName: 'Test Flowers', currency: 'GEL' });
    expect(lineOf(r, rose).line.avgDaily).toBe(10);
    expect(lineOf(r, tulip).line.avgDaily).toBe(4);
    // one week: the same
    const week = await s.ok(s.owner, 'restock.suggest', { weeks: 1 });
    expect(week.historyDays).toBe(7);
    expect(lineOf(week, rose).line.avgDaily).toBe(10);
  });

  it('counts bouquet components and assembly consumption as demand; the bouquet itself is not ordered', async () => {
    const r = await s.ok(s.owner, 'restock.suggest', {});
    expect(lineOf(r, eucalyptus).line.avgDaily).toBe(3);
    expect(r.suppliers.flatMap((g) => g.lines).some((l) => l.productId === bouquet)).toBe(false);
  });

  it('rounds the need up to whole packs and costs it at the newest lot', async () => {
    const r = await s.ok(s.owner, 'restock.suggest', {});
    const { group, line } = lineOf(r, rose);
    expect(group).toMatchObject({ supplierId: flora, name: 'Flora Holland', leadDays: 2, horizonDays: 5, horizonFrom: '2026-06-15', horizonTo: '2026-06-19' });
    // 5 days × 10 = 50 expected, minimum 25, 60 usable → 15 → 2 bunches of 10
    expect(line).toMatchObject({ expectedDemand: 50, onHand: 60, usable: 60, minStock: 25, need: 15, packKind: 'bunch', packSize: 10, packs: 2, orderQuantity: 20, unitCost: 160, estCost: 3200 });
    expect(line.occasions).toEqual([]);
  });

  it('leaves out stems that die before they would sell', async () => {
    const r = await s.ok(s.owner, 'restock.suggest', {});
    // 30 tulips with 1 day left sell 4 today and 4 tomorrow; the other 22 wilt: 20 expected − 8 usable = 12 → one box of 50
    expect(lineOf(r, tulip).line).toMatchObject({ expectedDemand: 20, onHand: 30, usable: 8, need: 12, packSize: 50, packs: 1, orderQuantity: 50 });
    // a longer vase life would keep them all
    s.db.prepare('UPDATE products SET vase_life_days = 30 WHERE id = ?').run(tulip);
    const longer = await s.ok(s.owner, 'restock.suggest', {});
    expect(lineOf(longer, tulip).line).toMatchObject({ usable: 30, need: 0, packs: 0 });
    s.db.prepare('UPDATE products SET vase_life_days = 7 WHERE id = ?').run(tulip);
  });

  it('groups products without a supplier under "no supplier", last, with packs of one', async () => {
    const r = await s.ok(s.owner, 'restock.suggest', {});
    expect(r.suppliers.map((g) => g.supplierId)).toEqual([flora, null]);
    const none = r.suppliers[1];
    expect(none).toMatchObject({ name: null, leadDays: 2, horizonDays: 5 });
    expect(lineOf(r, vase).line).toMatchObject({ avgDaily: 0, minStock: 3, onHand: 1, need: 2, packSize: 1, packs: 2, packKind: null });
    // eucalyptus: 15 expected, nothing on hand; never-priced lots still cost the last lot
    expect(lineOf(r, eucalyptus).line).toMatchObject({ expectedDemand: 15, onHand: 0, need: 15, packs: 15, unitCost: 60, estCost: 900 });
    const onlyNone = await s.ok(s.owner, 'restock.suggest', { supplierId: null });
    expect(onlyNone.suppliers.map((g) => g.supplierId)).toEqual([null]);
    const onlyFlora = await s.ok(s.owner, 'restock.suggest', { supplierId: flora, horizonDays: 10 });
    expect(onlyFlora.suppliers.map((g) => g.supplierId)).toEqual([flora]);
    expect(onlyFlora.suppliers[0]?.horizonDays).toBe(10);
    expect(onlyFlora.suppliers[0]?.totals).toEqual(
      onlyFlora.suppliers[0]?.lines.reduce((t, l) => ({ packs: t.packs + l.packs, orderQuantity: t.orderQuantity + l.orderQuantity, estCost: t.estCost + l.estCost }), { packs: 0, orderQuantity: 0, estCost: 0 }),
    );
  });

  it('gives a product series: history per day and the forecast', async () => {
    const series = await s.ok(s.owner, 'restock.series', { productId: rose });
    expect(series.history).toHaveLength(28);
    expect(series.history[0]).toEqual({ day: '2026-05-18', quantity: 10 });
    expect(series.forecast).toHaveLength(5);
    expect(series.forecast.every((f) => f.quantity === 10)).toBe(true);
  });

  it('seeds the Georgian calendar on first read, with the owner uplift when there is no history', async () => {
    const list = await s.ok(s.manager, 'occasions.list', {});
    expect(list.map((o) => o.builtin)).toEqual(['teachers_day', 'new_year', 'valentines', 'mothers_day', 'march8']);
    const march8 = list.find((o) => o.builtin === 'march8');
    expect(march8).toMatchObject({ nextDate: '2027-03-08', windowFrom: '2027-03-05', lastYearDate: '2026-03-08', observedUpliftBp: null, upliftSource: 'owner', effectiveUpliftBp: 30_000 });
    expect(list.find((o) => o.builtin === 'mothers_day')).toMatchObject({ month: 3, day: 3, nextDate: '2027-03-03' });
    // a second read adds nothing
    await s.ok(s.owner, 'occasions.list', {});
    expect(s.db.prepare('SELECT count(*) FROM occasions').pluck().get()).toBe(5);
  });

  it('lets the owner add, edit and archive occasions, audited, with an event', async () => {
    const events: string[] = [];
    const off = s.env.backend.onEvent((e) => events.push(e.type));
    const saved = await s.ok(s.owner, 'occasions.save', { name: 'Graduation', month: 6, weekday: 6, nth: -1, daysBefore: 1, upliftBp: 15_000 });
    // the last Saturday of June 2026 is the 27th
    expect(saved).toMatchObject({ name: 'Graduation', builtin: null, nextDate: '2026-06-27', daysUntil: 12 });
    const edited = await s.ok(s.owner, 'occasions.save', { id: saved.id, name: 'Graduation', month: 6, day: 20, daysBefore: 2, upliftBp: 18_000 });
    expect(edited).toMatchObject({ day: 20, weekday: null, nth: null, nextDate: '2026-06-20', windowFrom: '2026-06-18' });
    // inside the horizon now: the rush on 18–19 June lifts the rose forecast with the owner's ×1.8
    const r = await s.ok(s.owner, 'restock.suggest', { supplierId: flora });
    expect(lineOf(r, rose).line.occasions).toEqual([expect.objectContaining({ occasionId: saved.id, upliftBp: 18_000, source: 'owner', days: 2 })]);
    expect(lineOf(r, rose).line.expectedDemand).toBe(10 * 3 + 18 * 2);
    expect(r.suppliers[0]?.occasions).toEqual([expect.objectContaining({ occasionId: saved.id, date: '2026-06-20', windowFrom: '2026-06-18', source: 'owner' })]);
    await s.ok(s.owner, 'occasions.archive', { id: saved.id });
    expect((await s.ok(s.owner, 'occasions.list', {})).some((o) => o.id === saved.id)).toBe(false);
    expect((await s.ok(s.owner, 'occasions.list', { includeArchived: true })).find((o) => o.id === saved.id)?.archived).toBe(true);
    off();
    expect(events.filter((e) => e === 'occasions.changed')).toHaveLength(3);
    const actions = s.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'occasions.%' ORDER BY at, rowid`).pluck().all();
    expect(actions).toEqual(['occasions.saved', 'occasions.saved', 'occasions.archived']);
  });

  it('refuses an occasion without one date rule, or a day the month lacks', async () => {
    const both = await s.call(s.owner, 'occasions.save', { name: 'X', month: 5, day: 3, weekday: 0, nth: 1, daysBefore: 1, upliftBp: 10_000 });
    expect(both).toMatchObject({ ok: false, error: { messageKey: 'errors:restock.dateRule' } });
    const feb30 = await s.call(s.owner, 'occasions.save', { name: 'X', month: 2, day: 30, daysBefore: 1, upliftBp: 10_000 });
    expect(feb30).toMatchObject({ ok: false, error: { messageKey: 'errors:restock.dayInvalid', params: { max: 29 } } });
    const weeks = await s.call(s.owner, 'restock.suggest', { weeks: 60 });
    expect(weeks).toMatchObject({ ok: false, error: { messageKey: 'errors:restock.weeksRange', field: 'weeks' } });
  });

  it('is for reports.view; the calendar is edited with pricing.manage', async () => {
    for (const method of ['restock.suggest', 'occasions.list', 'restock.exportXlsx']) {
      expect(await s.call(s.cashier, method, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await s.call(s.manager, 'restock.suggest', {})).ok).toBe(true);
    const refused = await s.call(s.manager, 'occasions.save', { name: 'Mine', month: 5, day: 1, daysBefore: 1, upliftBp: 10_000 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', params: { permission: 'pricing.manage' } } });
    const any = (await s.ok(s.owner, 'occasions.list', {}))[0];
    expect(await s.call(s.manager, 'occasions.archive', { id: any?.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('exports the order as an XLSX that reads back: numbers as numbers, money formatted, edited packs applied', async () => {
    const file = await s.ok(s.owner, 'restock.exportXlsx', { overrides: [{ productId: rose, supplierId: flora, packs: 5 }] });
    expect(file.fileName).toBe('order-2026-06-15.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').value).toBe('Test Flowers');
    expect(sheet.getCell('B2').value).toBe('2026-06-15');
    expect(sheet.getRow(4).values).toEqual([undefined, 'Supplier', 'Product', 'Pack', 'Packs', 'Quantity', 'Unit', 'Unit cost', 'Estimated cost']);
    const rows = [];
    for (let n = 5; n <= sheet.rowCount; n++) rows.push(sheet.getRow(n));
    const roseRow = rows.find((r) => r.getCell(2).value === 'Rose Red Naomi 60');
    expect(roseRow?.getCell(1).value).toBe('Flora Holland');
    expect(roseRow?.getCell(3).value).toBe('bunch × 10');
    expect(roseRow?.getCell(4).value).toBe(5);
    expect(roseRow?.getCell(5).value).toBe(50);
    expect(roseRow?.getCell(7).value).toBe(1.6);
    expect(roseRow?.getCell(8).value).toBe(80);
    expect(roseRow?.getCell(8).numFmt).toBe('#,##0.00 "GEL"');
    expect(rows.find((r) => r.getCell(2).value === 'Eucalyptus cinerea')?.getCell(1).value).toBe('No supplier');
    const total = rows.at(-1);
    expect(total?.getCell(1).value).toBe('Total');
    const sum = rows.slice(0, -1).reduce((t, r) => t + Number(r.getCell(8).value ?? 0), 0);
    expect(total?.getCell(8).value).toBeCloseTo(sum, 6);
  });
});

describe('March 8 ahead: last year\'s rush lifts the forecast', () => {
  let s: RestockEnv;
  let tulip: string;
  let carnation: string;

  beforeAll(async () => {
    // Today: Thursday 4 March 2027. Last year: 5 tulips a day, 20 a day in the rush of 5–8 March 2026.
    s = await restockShop({ today: '2027-03-04T10:00:00.000Z' });
    tulip = await s.product({ name: 'Tulip Purple Prince', vaseLifeDays: 7 });
    carnation = await s.product({ name: 'Carnation White', vaseLifeDays: 14 });
    await s.lot(tulip, 5_000, '2026-01-01T06:00:00.000Z', 100);
    await s.lot(carnation, 5_000, '2026-01-01T06:00:00.000Z', 100);
    for (const day of daysFrom('2026-02-05', 32)) {
      const rush = day >= '2026-03-05';
      await s.sellOn(day, [{ productId: tulip, quantity: rush ? 20 : 5 }]);
    }
    // This year: 5 tulips and 2 carnations a day, 4 Feb – 3 March 2027.
    for (const day of daysFrom('2027-02-04', 28)) {
      await s.sellOn(day, [{ productId: tulip, quantity: 5 }, { productId: carnation, quantity: 2 }]);
    }
  }, 60_000);
  afterAll(() => s.dispose());

  it('shows the observed uplift in the calendar', async () => {
    const march8 = (await s.ok(s.owner, 'occasions.list', {})).find((o) => o.builtin === 'march8');
    expect(march8).toMatchObject({ nextDate: '2027-03-08', daysUntil: 4, lastYearDate: '2026-03-08', observedUpliftBp: 40_000, upliftSource: 'history', effectiveUpliftBp: 40_000 });
  });

  it('applies it to the days of the rush inside the horizon, naming the occasion', async () => {
    const r = await s.ok(s.owner, 'restock.suggest', { horizonDays: 5 });
    // The averages leave out this year's rush days already past (Valentine's 12–14 Feb, Mother's Day 2–3 March): 23 days.
    expect(r.historyDays).toBe(23);
    const t = lineOf(r, tulip).line;
    expect(t.avgDaily).toBe(5);
    // 4 March at ×1, 5–8 March at ×4
    expect(t.expectedDemand).toBe(5 + 4 * 20);
    expect(t.occasions).toEqual([expect.objectContaining({ builtin: 'march8', date: '2027-03-08', upliftBp: 40_000, source: 'product', days: 4 })]);
    // the carnation has no history of its own last year: the shop's uplift
    const c = lineOf(r, carnation).line;
    expect(c.occasions).toEqual([expect.objectContaining({ builtin: 'march8', upliftBp: 40_000, source: 'shop' })]);
    expect(c.expectedDemand).toBe(2 + 4 * 8);
    expect(r.suppliers[0]?.occasions.map((o) => o.builtin)).toEqual(['march8']);
    // a horizon that stops before the rush has no uplift
    const short = await s.ok(s.owner, 'restock.suggest', { horizonDays: 1 });
    expect(lineOf(short, tulip).line).toMatchObject({ expectedDemand: 5, occasions: [] });
  });
});
