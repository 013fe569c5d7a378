import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { draftReducer, emptyDraft, type DraftAction } from '../../renderer/sale/draft';
import { latestOnly } from '../../renderer/sale/latest';
import { LineList } from '../../renderer/sale/LineList';
import type { QuoteLine } from '../../renderer/sale/types';

beforeAll(async () => {
  await initI18n('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
const P1 = '0190a0b0-0000-7000-8000-000000000001';
const P2 = '0190a0b0-0000-7000-8000-000000000002';
const money = (minor: number) => `GEL ${(minor / 100).toFixed(2)}`;

describe('latestOnly', () => {
  it('applies only the newest request’s answer, whatever order the answers arrive in', async () => {
    const gate = latestOnly();
    const shown: string[] = [];
    const answer = (value: string, ms: number) => {
      const isLatest = gate.ticket();
      return new Promise<void>((r) => setTimeout(() => (isLatest() && shown.push(value), r()), ms));
    };
    await Promise.all([answer('old', 30), answer('new', 5)]);
    expect(shown).toEqual(['new']);
  });
});

describe('LineList', () => {
  const draft = [
    { type: 'add', productId: P1, quantity: 3 },
    { type: 'add', productId: P2 },
  ] satisfies DraftAction[];
  const d = draft.reduce(draftReducer, emptyDraft());
  const priced: Record<string, QuoteLine> = {
    [d.lines[0]!.key]: { productId: P1, name: 'Red rose', quantity: 3, listPrice: 500, unitPrice: 500, discount: 150, total: 1350, stock: 2 } as QuoteLine,
  };
  const html = () =>
    render(
      <LineList
        draft={d}
        dispatch={() => {}}
        lineOf={(key) => priced[key]}
        nameOf={(id) => (id === P2 ? 'Ribbon' : undefined)}
        format={money}
        focusQuantity={0}
        stale={false}
        onInvalidQuantity={() => {}}
      />,
    );

  it('shows the quote’s money for a priced line and waits (no computed amount) for an unpriced one', () => {
    const out = html();
    expect(out.match(/data-testid="sale-line"/g)).toHaveLength(2);
    expect(out).toContain('Red rose');
    expect(out).toContain('GEL 13.50');
    expect(out).toContain('−GEL 1.50');
    expect(out).toContain('Ribbon'); // name known from the scan, money not yet
    expect(out).toContain('GEL 5.00 each');
    expect(out.match(/data-testid="line-total"/g)).toHaveLength(1); // the unpriced line shows no amount of its own making
    expect(out).toContain('Only 2 in stock');
  });

  it('marks the selected line and shows its Delete key', () => {
    const out = html();
    expect(out).toMatch(/aria-selected="true"[^>]*data-product-id="0190a0b0-0000-7000-8000-000000000002"/);
    expect(out).toContain('<kbd aria-hidden="true">Del</kbd>');
  });

  it('speaks the counter’s language', async () => {
    await changeLanguage('ru');
    try {
      expect(html()).toContain('В наличии только 2');
      expect(render(<LineList draft={emptyDraft()} dispatch={() => {}} lineOf={() => undefined} nameOf={() => undefined} format={money} focusQuantity={0} stale={false} onInvalidQuantity={() => {}} />)).toContain(
        'Отсканируйте штрихкод',
      );
    } finally {
      await changeLanguage('en');
    }
  });
});
