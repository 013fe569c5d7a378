import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { SessionContext, type AppSession } from '../../renderer/app/session';
import { FreshnessBadge } from '../../renderer/stock/FreshnessBadge';
import { StockPage } from '../../renderer/stock/StockPage';

beforeAll(async () => {
  await initI18n('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('freshness on screen', () => {
  it('says the days left in words as well as colour, for every state', async () => {
    await changeLanguage('en');
    expect(render(<FreshnessBadge state="fresh" remaining={5} />)).toMatch(/data-state="fresh"[^>]*>.*5 days left</);
    expect(render(<FreshnessBadge state="ageing" remaining={1} />)).toContain('1 day left');
    expect(render(<FreshnessBadge state="lastDay" remaining={0} />)).toContain('Last day');
    expect(render(<FreshnessBadge state="expired" remaining={-2} />)).toContain('2 days past');
    expect(render(<FreshnessBadge state="none" remaining={null} />)).toContain('No vase life');
  });

  it('Russian plurals', async () => {
    await changeLanguage('ru');
    expect(render(<FreshnessBadge state="fresh" remaining={5} />)).toContain('осталось 5 дней');
    expect(render(<FreshnessBadge state="ageing" remaining={2} />)).toContain('осталось 2 дня');
    expect(render(<FreshnessBadge state="fresh" remaining={21} />)).toContain('остался 21 день');
    expect(i18n.t('stock:low.notice', { count: 5 })).toBe('5 товаров ниже минимума');
    expect(i18n.t('stock:markdown.line', { percent: '20', amount: '1,00 ₾' })).toBe('Уценка −20 %: −1,00 ₾');
    await changeLanguage('en');
  });
});

describe('the stock screen', () => {
  it('renders its tabs and the lots toolbar before any answer arrives', async () => {
    await changeLanguage('en');
    const session = { session: {} as AppSession['session'], can: () => true, switchUser: () => {}, setLanguage: async () => {} } satisfies AppSession;
    const html = render(
      <SessionContext.Provider value={session}>
        <StockPage />
      </SessionContext.Provider>,
    );
    for (const tab of ['lots', 'sellFirst', 'low', 'rules']) expect(html).toContain(`data-testid="stock-tab-${tab}"`);
    expect(html).toContain('Sell first');
    expect(html).toContain('data-testid="stock-search"');
    expect(html).not.toMatch(/>(tabs|filters|columns)\.[a-zA-Z]+</);
  });
});
