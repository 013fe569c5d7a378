import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countAgainstExpected, countedEntries, countedTotal, denominationList, parseCount, stepCount } from '../../renderer/shift/cashCount';
import { countByHour } from '../../renderer/shift/hours';
import { altLetter } from '../../renderer/shift/keys';
import { isConfirmKey } from '../../renderer/ui/Modal';
import { readAmount } from '../../renderer/shift/amount';

const key = (over: Partial<Parameters<typeof altLetter>[0]>) => ({ key: '', code: '', ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...over });

describe('counting the drawer', () => {
  it('reads counts as whole numbers; blank is zero; anything else is not a count', () => {
    expect(parseCount('')).toBe(0);
    expect(parseCount(' 12 ')).toBe(12);
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('1e3')).toBeNull();
    expect(parseCount('1234567')).toBeNull();
  });

  it('sums count × face value exactly, in minor units', () => {
    const values = [20_000, 5_000, 50, 1];
    expect(countedTotal(values, { 20000: '2', 50: '3', 1: '7' })).toBe(40_157);
    // a half-typed field counts as nothing yet rather than breaking the live total
    expect(countedTotal(values, { 20000: '2', 5000: 'x' })).toBe(40_000);
  });

  it('the live total is Σ count × value for any counts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 20_000_000 }), fc.integer({ min: 0, max: 999_999 })), { maxLength: 20 }), (pairs) => {
        const unique = [...new Map(pairs).entries()];
        const typed = Object.fromEntries(unique.map(([v, c]) => [v, String(c)]));
        const expected = unique.reduce((s, [v, c]) => s + v * c, 0);
        expect(countedTotal(unique.map(([v]) => v), typed)).toBe(expected);
      }),
    );
  });

  it('sends only what was counted, in the order shown, and refuses a field that is not a count', () => {
    expect(countedEntries([10_000, 5_000, 100], { 10000: '1', 5000: '', 100: '0' })).toEqual([{ denomination: 10_000, count: 1 }]);
    expect(countedEntries([10_000, 5_000], { 5000: '2', 10000: '3' })).toEqual([
      { denomination: 10_000, count: 3 },
      { denomination: 5_000, count: 2 },
    ]);
    expect(countedEntries([10_000], { 10000: 'two' })).toBeNull();
  });

  it('says whether the count is short, over or even against the expected cash', () => {
    expect(countAgainstExpected(9_000, 10_000)).toEqual({ balance: 'short', difference: -1_000 });
    expect(countAgainstExpected(10_500, 10_000)).toEqual({ balance: 'over', difference: 500 });
    expect(countAgainstExpected(10_000, 10_000)).toEqual({ balance: 'even', difference: 0 });
  });

  it('steps a count with − / + and never below zero', () => {
    expect(stepCount('', 1)).toBe('1');
    expect(stepCount('0', -1)).toBe('0');
    expect(stepCount('4', -1)).toBe('3');
    expect(stepCount('junk', 1)).toBe('1');
  });

  it('lists notes then coins, each largest first', () => {
    expect(denominationList({ notes: [500, 2_000, 1_000], coins: [5, 50] })).toEqual([
      { value: 2_000, kind: 'note' },
      { value: 1_000, kind: 'note' },
      { value: 500, kind: 'note' },
      { value: 50, kind: 'coin' },
      { value: 5, kind: 'coin' },
    ]);
    expect(denominationList(undefined)).toEqual([]);
  });
});

describe('sales by hour', () => {
  it('counts by local hour, gaps included, from the first busy hour to the last', () => {
    const at = (h: number, m: number) => new Date(2026, 10, 22, h, m).toISOString();
    expect(countByHour([at(9, 5), at(9, 50), at(12, 0), 'not a date'])).toEqual([
      { hour: 9, count: 2 },
      { hour: 10, count: 0 },
      { hour: 11, count: 0 },
      { hour: 12, count: 1 },
    ]);
    expect(countByHour([])).toEqual([]);
  });
});

describe('screen shortcuts', () => {
  it('are Alt + a letter by physical key, whatever the layout types', () => {
    expect(altLetter(key({ altKey: true, code: 'KeyX', key: 'ч' }))).toBe('X');
    expect(altLetter(key({ altKey: true, code: 'KeyX', key: 'x', ctrlKey: true }))).toBeNull();
    expect(altLetter(key({ code: 'KeyX', key: 'x' }))).toBeNull();
    expect(altLetter(key({ altKey: true, code: 'Digit1', key: '1' }))).toBeNull();
  });

  it('Ctrl+Enter confirms a dialog', () => {
    expect(isConfirmKey(key({ key: 'Enter', ctrlKey: true }))).toBe(true);
    expect(isConfirmKey(key({ key: 'Enter' }))).toBe(false);
  });
});

describe('typed amounts', () => {
  it('become minor units, or a refusal under the field in the backend error shape', () => {
    expect(readAmount('12,50', 'GEL', 'amount')).toEqual({ ok: true, minor: 1_250 });
    expect(readAmount('abc', 'GEL', 'amount')).toEqual({ ok: false, error: { code: 'invalid_input', messageKey: 'shift:money.invalid', field: 'amount' } });
    expect(readAmount('-5', 'GEL', 'amount')).toMatchObject({ ok: false, error: { messageKey: 'shift:money.negative' } });
  });
});
