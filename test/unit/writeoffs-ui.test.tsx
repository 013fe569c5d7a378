import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { defaultPeriod, isOverLot, orderRows, parseQuantity, REASONS } from '../../renderer/writeoffs/reasons';
import { WriteOffDialog } from '../../renderer/writeoffs/WriteOffDialog';

beforeAll(async () => {
  await initI18n('en');
});
afterAll(async () => {
  await changeLanguage('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('the write-off quantity', () => {
  it('empty means the whole lot; a whole number within the lot is taken; anything else is not', () => {
    expect(parseQuantity('', 12, 12)).toBe(12);
    expect(parseQuantity(' 5 ', 12, 12)).toBe(5);
    expect(parseQuantity('12', 12, 12)).toBe(12);
    for (const typed of ['13', '0', '-1', '1.5', '2,', 'x']) expect(parseQuantity(typed, 12, 12), typed).toBeNull();
    // by product the backend knows the stock: any whole number, and empty is not "all"
    expect(parseQuantity('400', null)).toBe(400);
    expect(parseQuantity('', null)).toBeNull();
  });

  it('more than the lot holds is told apart from a quantity that is not a number (it is refused with what the lot holds)', () => {
    expect(isOverLot('13', 12)).toBe(true);
    expect(isOverLot(' 99999 ', 12)).toBe(true);
    for (const typed of ['12', '1', '', '0', '-20', '1.5', 'x']) expect(isOverLot(typed, 12), typed).toBe(false);
    // by product the backend knows the stock
    expect(isOverLot('400', null)).toBe(false);
  });
});

describe('the shrink table order', () => {
  it('age buckets youngest first; other groupings keep the backend’s order (biggest cost first)', () => {
    const rows = [{ key: '10+' }, { key: '3-4' }, { key: '0-2' }, { key: '7-9' }];
    expect(orderRows('age', rows).map((r) => r.key)).toEqual(['0-2', '3-4', '7-9', '10+']);
    expect(orderRows('product', rows)).toEqual(rows);
  });

  it('the default period is the last 30 days, today included', () => {
    expect(defaultPeriod(new Date('2026-03-08T10:00:00Z'))).toEqual({ from: '2026-02-07', to: '2026-03-08' });
  });
});

describe('WriteOffDialog', () => {
  const lot = { lotId: 'l1', productId: 'p1', name: 'Rose Freedom', quantity: 24 };
  it('shows the lot, every reason as a big button with its digit, the quantity defaulting to all, in every language', async () => {
    const seen = new Map<string, string>();
    for (const lang of ['en', 'ru', 'ka', 'kk', 'uz'] as const) {
      await changeLanguage(lang);
      const html = render(<WriteOffDialog lot={lot} onClose={() => {}} />);
      expect(html).toContain('Rose Freedom');
      expect(html).toContain('data-testid="writeoff-quantity"');
      for (const [i, r] of REASONS.entries()) {
        expect(html).toContain(`data-testid="writeoff-reason-${r}"`);
        expect(html).toContain(`<kbd>${i + 1}</kbd>`);
      }
      expect(html).toMatch(/placeholder="[^"]*24[^"]*"/);
      const wilted = i18n.t('writeoffs:reasons.wilted');
      expect(html).toContain(wilted);
      seen.set(lang, wilted);
    }
    expect(new Set(seen.values()).size, 'a real translation per language').toBe(5);
  });
});
