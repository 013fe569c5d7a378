import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { ReportView } from '../../renderer/shift/ReportView';
import type { ShiftReport } from '../../renderer/shift/types';

beforeAll(async () => {
  await initI18n('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

const zReport: ShiftReport = {
  id: 'r1',
  kind: 'z',
  at: '2026-11-22T18:00:00.000Z',
  userName: 'Mariam Lomidze',
  shiftId: 's1',
  shiftNumber: 7,
  registerId: 'reg',
  currency: 'GEL',
  openedAt: '2026-11-22T08:00:00.000Z',
  openedBy: 'Mariam Lomidze',
  closedAt: '2026-11-22T18:00:00.000Z',
  closedBy: 'Mariam Lomidze',
  openingFloat: 10_000,
  salesCount: 12,
  returnsCount: 1,
  grossSales: 52_000,
  discounts: 2_000,
  rounding: 0,
  netSales: 50_000,
  returnsTotal: 1_500,
  byMethod: { cash: { sales: 30_000, refunds: 1_500, net: 28_500 }, card: { sales: 20_000, refunds: 0, net: 20_000 } },
  cashIn: 0,
  cashOut: 5_000,
  cashMovements: [{ kind: 'out', amount: 5_000, reason: 'Bank', at: '2026-11-22T12:00:00.000Z', userName: 'Mariam Lomidze' }],
  expectedCash: 33_500,
  counted: [{ denomination: 10_000, count: 3, amount: 30_000 }],
  countedCash: 30_000,
  variance: -3_500,
  costOfGoods: 20_000,
  restocked: { quantity: 1, amount: 1_500, cost: 600 },
  writtenOff: { quantity: 0, amount: 0, cost: 0 },
};

describe('the Z report on screen', () => {
  it('shows the backend’s figures, the variance marked short, the movements and the count', () => {
    const html = render(<ReportView report={zReport} onClose={() => {}} />);
    expect(html).toContain('Z report · shift 7');
    expect(html).toMatch(/data-testid="report-variance" data-balance="short">-35\.00</);
    expect(html).toContain('variance short');
    expect(html).toMatch(/data-testid="report-expected"[^>]*>335\.00</);
    expect(html).toContain('Bank');
    expect(html).toContain('data-testid="report-denominations"');
    expect(html).not.toMatch(/report\.[a-zA-Z]+/); // no untranslated key shows
  });

  it('an X report has no count and no variance', () => {
    const html = render(<ReportView report={{ ...zReport, kind: 'x', counted: null, countedCash: null, variance: null, closedAt: null, closedBy: null }} onClose={() => {}} />);
    expect(html).toContain('X report · shift 7');
    expect(html).not.toContain('report-variance');
    expect(html).not.toContain('report-counted');
  });

  it('is translated in every language', async () => {
    for (const lang of ['ru', 'ka', 'kk', 'uz'] as const) {
      await changeLanguage(lang);
      const html = render(<ReportView report={zReport} onClose={() => {}} />);
      expect(html, lang).not.toContain('Z report');
      expect(html, lang).not.toMatch(/report\.[a-zA-Z]+/);
    }
    await changeLanguage('en');
  });
});
