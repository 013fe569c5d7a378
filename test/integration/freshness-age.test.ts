import { describe, expect, it } from 'vitest';
import { ageDays, freshnessState, remainingDays } from '../../shop/freshness/age';

describe('freshness age', () => {
  const arrived = '2026-03-01T08:00:00.000Z';
  it('counts whole 24-hour periods since arrival', () => {
    expect(ageDays(arrived, new Date('2026-03-01T08:00:00.000Z'))).toBe(0);
    expect(ageDays(arrived, new Date('2026-03-02T07:59:59.999Z'))).toBe(0);
    expect(ageDays(arrived, new Date('2026-03-02T08:00:00.000Z'))).toBe(1);
    expect(ageDays(arrived, new Date('2026-03-08T09:00:00.000Z'))).toBe(7);
  });
  it('never goes negative and tolerates bad dates', () => {
    expect(ageDays(arrived, new Date('2026-02-20T00:00:00.000Z'))).toBe(0);
    expect(ageDays('not a date', new Date())).toBe(0);
    expect(ageDays(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-04T00:00:00Z'))).toBe(3);
  });
  it('remaining days = vase life − age, null without vase life', () => {
    expect(remainingDays(7, 3)).toBe(4);
    expect(remainingDays(7, 7)).toBe(0);
    expect(remainingDays(7, 9)).toBe(-2);
    expect(remainingDays(null, 3)).toBeNull();
    expect(remainingDays(undefined, 3)).toBeNull();
  });
  it('bands', () => {
    expect(freshnessState(null)).toBe('none');
    expect(freshnessState(-1)).toBe('expired');
    expect(freshnessState(0)).toBe('lastDay');
    expect(freshnessState(2)).toBe('ageing');
    expect(freshnessState(3)).toBe('fresh');
  });
});
