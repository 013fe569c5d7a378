import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { ReturnPreview } from '../../renderer/returns/ReturnPreview';
import { emptyDraft, quoteRequest, refusedLine } from '../../renderer/returns/returnDraft';
import type { ReturnQuote } from '../../renderer/returns/useReturnQuote';

beforeAll(async () => {
  await initI18n('en');
});
afterAll(async () => {
  await changeLanguage('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
const money = (minor: number) => `GEL ${(minor / 100).toFixed(2)}`;
const lines = [
  { id: 'a', returnable: 3 },
  { id: 'b', returnable: 1 },
  { id: 'c', returnable: 0 },
];

describe('what the return dialog asks returns.quote', () => {
  it('nothing while no quantity is chosen', () => {
    expect(quoteRequest(lines, emptyDraft(lines))).toEqual({ kind: 'nothing' });
    expect(quoteRequest(lines, { ...emptyDraft(lines), a: { quantity: '0', disposition: 'restock' } })).toEqual({ kind: 'nothing' });
  });

  it('the chosen lines in the sale’s order, with their dispositions', () => {
    const draft = { ...emptyDraft(lines), b: { quantity: '1', disposition: 'writeoff' as const }, a: { quantity: ' 2 ', disposition: 'restock' as const } };
    expect(quoteRequest(lines, draft)).toEqual({
      kind: 'ask',
      lines: [
        { lineId: 'a', quantity: 2, disposition: 'restock' },
        { lineId: 'b', quantity: 1, disposition: 'writeoff' },
      ],
    });
  });

  it('more than returnable is still asked: the backend’s refusal names the product and the limit', () => {
    const draft = { ...emptyDraft(lines), a: { quantity: '9', disposition: 'restock' as const } };
    expect(quoteRequest(lines, draft)).toEqual({ kind: 'ask', lines: [{ lineId: 'a', quantity: 9, disposition: 'restock' }] });
  });

  it('a half-typed or fractional quantity is not sent, and names its line', () => {
    for (const typed of ['1.5', '-1', 'x', '2,']) {
      const draft = { ...emptyDraft(lines), a: { quantity: '1', disposition: 'restock' as const }, b: { quantity: typed, disposition: 'restock' as const } };
      expect(quoteRequest(lines, draft)).toEqual({ kind: 'notACount', lineId: 'b' });
    }
  });
});

describe('the line a refusal is about', () => {
  const sent = [{ lineId: 'a' }, { lineId: 'b' }];
  it('is the index in what was sent, not in the sale', () => {
    expect(refusedLine('lines.1.quantity', sent)).toBe('b');
    expect(refusedLine('lines.0.lineId', sent)).toBe('a');
    expect(refusedLine('lines.0', sent)).toBe('a');
  });
  it('is none for a refusal of the whole return, or an index not sent', () => {
    expect(refusedLine(undefined, sent)).toBeNull();
    expect(refusedLine('reason', sent)).toBeNull();
    expect(refusedLine('lines', sent)).toBeNull();
    expect(refusedLine('lines.5.quantity', sent)).toBeNull();
    expect(refusedLine('lines.10.quantity', sent)).toBeNull();
  });
});

describe('ReturnPreview', () => {
  const split: ReturnQuote = {
    saleId: 's',
    lines: [{ lineId: 'a', quantity: 2, refund: 2_995 }],
    rounding: 5,
    total: 3_000,
    refunds: [
      { method: 'card', amount: 2_000 },
      { method: 'cash', amount: 1_000 },
    ],
  };

  it('shows the card part, the cash part, the rounding and the total, as the backend answered', () => {
    const out = render(<ReturnPreview quote={split} stale={false} error={null} format={money} />);
    expect(out).toMatch(/data-testid="return-preview-card".*Refund to card.*GEL 20\.00/);
    expect(out).toMatch(/data-testid="return-preview-cash".*Refund in cash.*GEL 10\.00/);
    expect(out).toMatch(/data-testid="return-preview-rounding".*GEL 0\.05/);
    expect(out).toMatch(/data-testid="return-preview-total">GEL 30\.00</);
    expect(out).not.toContain('aria-busy');
  });

  it('leaves out a method that gives nothing back, and the rounding when there is none', () => {
    const cashOnly = { ...split, rounding: 0, total: 1_000, refunds: [{ method: 'cash' as const, amount: 1_000 }] };
    const out = render(<ReturnPreview quote={cashOnly} stale={false} error={null} format={money} />);
    expect(out).toContain('return-preview-cash');
    expect(out).not.toContain('return-preview-card');
    expect(out).not.toContain('return-preview-rounding');
  });

  it('marks an answer for an older choice as being updated', () => {
    const out = render(<ReturnPreview quote={split} stale error={null} format={money} />);
    expect(out).toContain('aria-busy="true"');
    expect(out).toContain('class="return-preview stale"');
  });

  it('with nothing priced, says what to do; a refusal of the whole return is shown translated', () => {
    expect(render(<ReturnPreview quote={null} stale={false} error={null} format={money} />)).toContain('Choose how many come back');
    expect(render(<ReturnPreview quote={null} stale={false} error={null} lineRefused format={money} />)).toContain('Correct the marked line');
    const short = { code: 'conflict', messageKey: 'errors:returns.drawerShort', params: { available: '5.00 GEL', amount: '10.00 GEL' } };
    const out = render(<ReturnPreview quote={null} stale={false} error={short} format={money} />);
    expect(out).toContain('The drawer holds only 5.00 GEL');
    expect(out).not.toContain('Choose how many');
  });

  it('speaks every language', async () => {
    await changeLanguage('ru');
    const out = render(<ReturnPreview quote={split} stale={false} error={null} format={money} />);
    expect(out).toContain('Покупатель получит');
    expect(out).toContain('Вернуть на карту');
    expect(out).toContain('Округление');
    await changeLanguage('en');
  });
});
