import { useTranslation } from 'react-i18next';
import type { Output } from '../api/client';
import { formatNumber } from '../format/numbers';
import { ELLIPSIS } from '../sale/symbols';

export type TerminalPreview = Output<'terminals.preview'>;
export type Encoding = 'auto' | TerminalPreview['encoding'];
export type Separator = 'auto' | TerminalPreview['separator'];

export const ENCODINGS: readonly Encoding[] = ['auto', 'utf-8', 'windows-1251'];
export const SEPARATORS: readonly Separator[] = ['auto', ';', ',', '\t'];
/** Separator → translation key (a tab or a comma makes a poor key). */
export const SEPARATOR_KEY: Record<Separator, string> = { auto: 'auto', ';': 'semicolon', ',': 'comma', '\t': 'tab' };

/** Rows shown per table: the file may hold thousands; the totals say how many there are. */
const SHOWN = 200;

/** Encoding and separator choices; 'auto' (detect) is the default and the preview says what it found. */
export function FormatSelects({
  encoding,
  separator,
  onEncoding,
  onSeparator,
  disabled,
}: {
  encoding: Encoding;
  separator: Separator;
  onEncoding: (e: Encoding) => void;
  onSeparator: (s: Separator) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('terminals');
  return (
    <div className="row">
      <div className="field">
        <label>
          {t('encoding')}
          <select value={encoding} onChange={(e) => onEncoding(e.target.value as Encoding)} disabled={disabled} data-testid="terminal-encoding">
            {ENCODINGS.map((e) => (
              <option key={e} value={e}>
                {t(`encodings.${e}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field">
        <label>
          {t('separator')}
          <select value={separator} onChange={(e) => onSeparator(e.target.value as Separator)} disabled={disabled} data-testid="terminal-separator">
            {SEPARATORS.map((s) => (
              <option key={SEPARATOR_KEY[s]} value={s}>
                {t(`separators.${SEPARATOR_KEY[s]}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}

/** The first line numbers of an unknown code; the rest are elided. */
function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 12);
  return lines.length > shown.length ? [...shown, ELLIPSIS].join(', ') : shown.join(', ');
}

function More({ total }: { total: number }) {
  const { t } = useTranslation('terminals');
  if (total <= SHOWN) return null;
  return <p className="hint">{t('more', { rest: total - SHOWN })}</p>;
}

/** What the file holds: found products, products not counted here, unknown barcodes, bad lines. */
export function PreviewTables({ preview }: { preview: TerminalPreview }) {
  const { t, i18n } = useTranslation('terminals');
  const n = (v: number) => formatNumber(v, i18n.language);
  const { totals } = preview;
  return (
    <div className="terminal-preview" data-testid="terminal-preview">
      <p className="calm" data-testid="terminal-summary">
        {t('detected', { encoding: t(`encodings.${preview.encoding}`), separator: t(`separators.${SEPARATOR_KEY[preview.separator]}`) })}{' '}
        {t('summary', {
          lines: n(totals.lines + totals.badLines),
          found: n(totals.matchedLines),
          unknown: n(totals.unknownLines),
          bad: n(totals.badLines),
        })}
      </p>

      {preview.matched.length > 0 && (
        <section>
          <h3>{t('matchedTitle', { products: n(preview.matched.length), quantity: n(totals.matchedQuantity) })}</h3>
          <table className="table compact" data-testid="terminal-matched">
            <thead>
              <tr>
                <th>{t('col.barcode')}</th>
                <th>{t('col.name')}</th>
                <th className="num">{t('col.quantity')}</th>
                <th className="num">{t('col.lines')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.matched.slice(0, SHOWN).map((m) => (
                <tr key={m.productId}>
                  <td className="mono">{m.barcode}</td>
                  <td>{m.name}</td>
                  <td className="num">{n(m.quantity)}</td>
                  <td className="num">{n(m.lines)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <More total={preview.matched.length} />
        </section>
      )}

      {preview.skipped.length > 0 && (
        <section>
          <h3>{t('skippedTitle', { products: n(preview.skipped.length) })}</h3>
          <table className="table compact" data-testid="terminal-skipped">
            <tbody>
              {preview.skipped.slice(0, SHOWN).map((s) => (
                <tr key={s.productId}>
                  <td className="mono">{s.barcode}</td>
                  <td>{s.name}</td>
                  <td className="num">{n(s.quantity)}</td>
                  <td className="hint">{t(s.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <More total={preview.skipped.length} />
        </section>
      )}

      {preview.unknown.length > 0 && (
        <section>
          <h3>{t('unknownTitle', { codes: n(preview.unknown.length) })}</h3>
          <p className="hint">{t('unknownHint')}</p>
          <table className="table compact" data-testid="terminal-unknown">
            <thead>
              <tr>
                <th>{t('col.barcode')}</th>
                <th className="num">{t('col.quantity')}</th>
                <th>{t('col.lineNumbers')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.unknown.slice(0, SHOWN).map((u) => (
                <tr key={u.barcode}>
                  <td className="mono">{u.barcode}</td>
                  <td className="num">{n(u.quantity)}</td>
                  <td>{lineList(u.lines)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <More total={preview.unknown.length} />
        </section>
      )}

      {totals.badLines > 0 && (
        <section>
          <h3>{t('badTitle', { lines: n(totals.badLines) })}</h3>
          <p className="hint">{t('badHint')}</p>
          <table className="table compact" data-testid="terminal-bad">
            <thead>
              <tr>
                <th className="num">{t('col.line')}</th>
                <th>{t('col.text')}</th>
                <th>{t('col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.bad.slice(0, SHOWN).map((b) => (
                <tr key={b.lineNo}>
                  <td className="num">{b.lineNo}</td>
                  <td className="mono">{b.text}</td>
                  <td>{t(b.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <More total={totals.badLines} />
        </section>
      )}
    </div>
  );
}
