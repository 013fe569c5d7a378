import { describe, expect, it } from 'vitest';
import { median, p95, p99, percentile } from '../../bench/stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles and the median', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    expect(p95(hundred)).toBe(95);
    expect(p99(hundred)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(p99([7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});
