import { describe, expect, it } from 'vitest';
import { dayOf, hasFilters, listInput, localMidnight, NO_FILTERS, saleIdFromCode } from '../../renderer/journal/filters';
import { appendPage, columnsThatFit, moreLines } from '../../renderer/journal/rows';
import { commitLines, emptyDraft, returnEverything, stepLine } from '../../renderer/returns/returnDraft';

describe('journal filters', () => {
  it('a picked day is the shop’s local day: from its midnight to the next (exclusive)', () => {
    expect(localMidnight('2026-11-22')).toBe(new Date(2026, 10, 22).toISOString());
    expect(localMidnight('2026-11-22', true)).toBe(new Date(2026, 10, 23).toISOString());
    expect(localMidnight('2026-12-31', true)).toBe(new Date(2027, 0, 1).toISOString());
    expect(localMidnight('22.11.2026')).toBeNull();
    expect(dayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('send only the filters that are set', () => {
    expect(listInput(NO_FILTERS, 100)).toEqual({ limit: 100 });
    expect(hasFilters(NO_FILTERS)).toBe(false);
    const f = {
      ...NO_FILTERS,
      from: '2026-11-01',
      to: '2026-11-22',
      kind: 'return' as const,
      cashierId: 'u1',
      method: 'card' as const,
      client: { id: 'c1', name: 'Tamar' },
      product: { id: 'p1', name: 'Rose' },
      shiftId: 's1',
    };
    expect(listInput(f, 50)).toEqual({
      limit: 50,
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 23).toISOString(),
      kind: 'return',
      cashierId: 'u1',
      method: 'card',
      clientId: 'c1',
      productId: 'p1',
      shiftId: 's1',
    });
    expect(hasFilters(f)).toBe(true);
  });

  it('a scanned receipt code names its sale; other codes do not', () => {
    const id = '0193a6f2-7c1e-7b3a-9d2e-5f4c3b2a1d0e';
    expect(saleIdFromCode(`posy:sale:${id}`)).toBe(id);
    expect(saleIdFromCode(`POSY:SALE:${id.toUpperCase()}`)).toBe(id);
    expect(saleIdFromCode('4820000000001')).toBeNull();
    expect(saleIdFromCode('posy:sale:nope')).toBeNull();
  });
});

describe('journal rows', () => {
  it('counts the lines beyond the names listed', () => {
    expect(moreLines({ lines: 5, names: ['a', 'b', 'c'] })).toBe(2);
    expect(moreLines({ lines: 1, names: ['a'] })).toBe(0);
  });

  it('shows the most important columns that fit the width, the first always', () => {
    const cols = [['number', 60], ['at', 170], ['total', 120], ['items', 200], ['kind', 110]] as const;
    expect([...columnsThatFit(cols, 2000)]).toEqual(['number', 'at', 'total', 'items', 'kind']);
    expect([...columnsThatFit(cols, 560)]).toEqual(['number', 'at', 'total', 'items']);
    expect([...columnsThatFit(cols, 400)]).toEqual(['number', 'at', 'total']);
    expect([...columnsThatFit(cols, 10)]).toEqual(['number']);
  });

  it('a next page never repeats a row already shown', () => {
    expect(appendPage([{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }])).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  });
});

describe('the return draft', () => {
  const lines = [
    { id: 'l1', returnable: 3 },
    { id: 'l2', returnable: 0 },
    { id: 'l3', returnable: 1 },
  ];

  it('starts with nothing chosen, stock as the destination', () => {
    expect(emptyDraft(lines).l1).toEqual({ quantity: '', disposition: 'restock' });
    expect(commitLines(lines, emptyDraft(lines))).toEqual({ ok: false, problem: 'nothing' });
  });

  it('"everything" takes each line’s returnable quantity and keeps the chosen dispositions', () => {
    const draft = { ...emptyDraft(lines), l3: { quantity: '', disposition: 'writeoff' as const } };
    const all = returnEverything(lines, draft);
    expect(commitLines(lines, all)).toEqual({
      ok: true,
      lines: [
        { lineId: 'l1', quantity: 3, disposition: 'restock' },
        { lineId: 'l3', quantity: 1, disposition: 'writeoff' },
      ],
    });
  });

  it('steps stay between none and the returnable quantity', () => {
    const line = lines[0]!;
    expect(stepLine(line, undefined, 1)).toEqual({ quantity: '1', disposition: 'restock' });
    expect(stepLine(line, { quantity: '3', disposition: 'writeoff' }, 1)).toEqual({ quantity: '3', disposition: 'writeoff' });
    expect(stepLine(line, { quantity: '1', disposition: 'restock' }, -1)).toEqual({ quantity: '', disposition: 'restock' });
  });

  it('refuses more than is returnable or a quantity that is not a count, naming the line', () => {
    expect(commitLines(lines, { ...emptyDraft(lines), l1: { quantity: '4', disposition: 'restock' } })).toEqual({ ok: false, problem: 'tooMany', lineId: 'l1' });
    expect(commitLines(lines, { ...emptyDraft(lines), l3: { quantity: '½', disposition: 'restock' } })).toEqual({ ok: false, problem: 'notACount', lineId: 'l3' });
  });
});
