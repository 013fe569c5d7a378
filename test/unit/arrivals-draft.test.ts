import { describe, expect, it } from 'vitest';
import { addProduct, arrivedAtFor, draftTotal, emptyDraft, lineStems, lineTotal, localDate, newLine, toPostInput, type DraftLine } from '../../renderer/arrivals/draft';

const rose = { id: '019a7c3e-5f1b-7c2d-8e4f-0123456789ab', name: 'Rose', unit: 'stem' };
const tulip = { id: '019a7c3e-5f1b-7c2d-8e4f-0123456789ac', name: 'Tulip', unit: 'stem' };
const line = (over: Partial<DraftLine>): DraftLine => ({ ...newLine(rose, undefined), ...over });

describe('arrival draft', () => {
  it('starts a line in the supplier’s pack, else by the stem', () => {
    expect(newLine(rose, { packSize: 20 })).toMatchObject({ mode: 'packs', packs: '1', packSize: '20', costMode: 'pack' });
    expect(newLine(rose, undefined)).toMatchObject({ mode: 'stems', quantity: '1', costMode: 'stem' });
  });

  it('adds one more stem or pack when the same product is scanned again', () => {
    let d = addProduct(emptyDraft(), rose, { packSize: 10 });
    d = addProduct(d, tulip, undefined);
    d = addProduct(d, rose, { packSize: 10 });
    d = addProduct(d, tulip, undefined);
    expect(d.lines.map((l) => [l.name, l.mode === 'packs' ? l.packs : l.quantity])).toEqual([
      ['Rose', '2'],
      ['Tulip', '2'],
    ]);
  });

  it('shows line totals as typed: stems × stem cost, packs × pack cost, packs × size × stem cost', () => {
    expect(lineTotal(line({ quantity: '40', cost: '1.50' }), 'GEL')).toBe(6000);
    expect(lineTotal(line({ mode: 'packs', packs: '3', packSize: '10', costMode: 'pack', cost: '10' }), 'GEL')).toBe(3000);
    expect(lineTotal(line({ mode: 'packs', packs: '3', packSize: '10', costMode: 'stem', cost: '0,95' }), 'GEL')).toBe(2850);
    expect(lineTotal(line({ quantity: '', cost: '1' }), 'GEL')).toBeNull();
    expect(lineTotal(line({ quantity: '5', cost: 'abc' }), 'GEL')).toBeNull();
    expect(lineStems(line({ mode: 'packs', packs: '2', packSize: '25' }))).toBe(50);
    const d = { ...emptyDraft(), lines: [line({ quantity: '2', cost: '1' }), line({ quantity: '', cost: '5' })] };
    expect(draftTotal(d, 'GEL')).toBe(200);
  });

  it('builds the post request; what is typed wrongly goes as the backend will refuse it, by field', () => {
    const now = new Date(2026, 2, 5, 14, 0, 0);
    const d = {
      ...emptyDraft(now),
      supplierId: '019a7c3e-5f1b-7c2d-8e4f-0123456789ad',
      invoiceNo: ' A-1 ',
      lines: [
        line({ quantity: '40', cost: '1.50' }),
        line({ mode: 'packs', packs: '3', packSize: '10', costMode: 'pack', cost: '10' }),
        line({ quantity: '', cost: '' }),
        line({ quantity: '-2', cost: '-1' }),
        line({ quantity: '3', cost: 'x1' }),
      ],
    };
    const input = toPostInput(d, 'GEL', 'req', now);
    expect(input).toMatchObject({ supplierId: d.supplierId, invoiceNo: 'A-1', requestId: 'req' });
    expect(input.arrivedAt).toBeUndefined();
    expect(input.lines).toEqual([
      { productId: rose.id, quantity: 40, unitCost: 150 },
      { productId: rose.id, packs: 3, packSize: 10, packCost: 1000 },
      { productId: rose.id, quantity: 0 },
      { productId: rose.id, quantity: -1, unitCost: -1 },
      { productId: rose.id, quantity: 3, unitCost: 0.5 },
    ]);
  });

  it('sends an earlier day as 08:00 local that day, today as now', () => {
    const now = new Date(2026, 2, 5, 14, 0, 0);
    expect(arrivedAtFor(localDate(now), now)).toBeUndefined();
    expect(arrivedAtFor('2026-03-04', now)).toBe(new Date(2026, 2, 4, 8, 0, 0).toISOString());
  });
});
