import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { PreviewTables, type TerminalPreview } from '../../renderer/terminals/PreviewTables';
import { TerminalImportDialog } from '../../renderer/terminals/TerminalImportDialog';

beforeAll(async () => {
  await initI18n('en');
});
afterAll(async () => {
  await changeLanguage('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

const preview: TerminalPreview = {
  encoding: 'windows-1251',
  separator: ';',
  header: true,
  matched: [{ productId: 'p1', barcode: '4607000000014', name: 'Роза красная', quantity: 15, lines: 2 }],
  skipped: [{ productId: 'p2', barcode: '46070005', name: 'Эвкалипт', quantity: 2, lines: 1, reason: 'errors:terminals.outOfScope' }],
  unknown: [{ barcode: '9990000000012', lines: [2, 4], quantity: 10 }],
  bad: [{ lineNo: 7, text: '4607000000021;2,5', reason: 'errors:terminals.quantityNotWhole' }],
  totals: { lines: 5, matchedLines: 2, matchedQuantity: 15, products: 1, skippedLines: 1, unknownLines: 2, badLines: 1, emptyLines: 0 },
};

describe('terminal preview on screen', () => {
  it('shows found products, unknown codes with their lines and bad lines with translated reasons', async () => {
    await changeLanguage('en');
    const html = render(<PreviewTables preview={preview} />);
    expect(html).toContain('Read as Windows-1251 (Cyrillic), separator: Semicolon ;.');
    expect(html).toContain('Роза красная');
    expect(html).toContain('9990000000012');
    expect(html).toContain('2, 4');
    expect(html).toContain('not a whole number');
    expect(html).toContain('not in this count&#x27;s category');
    expect(html).not.toMatch(/errors:|terminals:/);
  });

  it('reads in Russian and Georgian too, and the import dialog starts with its file picker', async () => {
    await changeLanguage('ru');
    const ru = render(<PreviewTables preview={preview} />);
    expect(ru).toContain('не целое число');
    expect(ru).toContain('Неизвестные штрихкоды: 1');
    const dialog = render(<TerminalImportDialog countId="c" onClose={() => undefined} />);
    expect(dialog).toContain('Файл с терминала');
    expect(dialog).toContain('data-testid="terminal-import-confirm"');
    await changeLanguage('ka');
    expect(render(<PreviewTables preview={preview} />)).toContain('მთელი რიცხვი არ არის');
  });
});
