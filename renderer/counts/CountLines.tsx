import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../catalog/useMoney';
import { formatNumber } from '../format/numbers';
import type { CountDetail, CountLine } from './types';

type Filter = 'all' | 'differences' | 'uncounted' | 'counted';

function signed(value: number, format: (n: number) => string): string {
  return value > 0 ? `+${format(value)}` : format(value);
}

function matches(line: CountLine, filter: Filter, text: string): boolean {
  if (filter === 'differences' && (line.difference ?? 0) === 0) return false;
  if (filter === 'uncounted' && line.counted !== null) return false;
  if (filter === 'counted' && line.counted === null) return false;
  if (text && !line.name.toLowerCase().includes(text) && !(line.barcode ?? '').toLowerCase().includes(text)) return false;
  return true;
}

/**
 * The count's lines: counted per product, and for those who may see it (the backend leaves the
 * fields out of a blind count otherwise) expected, difference in quantity and value, with totals.
 * Values (what the stems cost the shop) only when the backend sends them (costVisible: reports.view):
 * a florist sees how many are missing, not what they are worth — no value column, no "0.00".
 */
export function CountLines({ detail }: { detail: CountDetail }) {
  const { t, i18n } = useTranslation('counts');
  const lang = i18n.language;
  const { format } = useMoney();
  const shows = detail.showsExpected;
  const showsValue = shows && detail.costVisible;
  const [filter, setFilter] = useState<Filter>(shows && detail.status !== 'open' ? 'differences' : 'all');
  const [text, setText] = useState('');
  // Once a count is posted, what matters is what differed.
  useEffect(() => {
    if (detail.status === 'posted' && shows) setFilter('differences');
  }, [detail.status, shows]);
  const n = (v: number) => formatNumber(v, lang);
  const lines = useMemo(() => detail.lines.filter((l) => matches(l, filter, text.trim().toLowerCase())), [detail.lines, filter, text]);
  const totals = detail.totals;

  const filters: Filter[] = shows ? ['all', 'differences', 'uncounted', 'counted'] : ['all', 'uncounted', 'counted'];

  return (
    <section className="count-lines" aria-label={shows ? t('variance.title') : t('lines.title')}>
      <div className="count-lines-head">
        <h2>{shows ? t('variance.title') : t('lines.title')}</h2>
        <div className="count-filters" role="radiogroup" aria-label={t('lines.filter')}>
          {filters.map((f) => (
            <button key={f} type="button" role="radio" aria-checked={filter === f} className={filter === f ? 'primary' : ''} onClick={() => setFilter(f)} data-testid={`count-filter-${f}`}>
              {t(`lines.filters.${f}`)}
            </button>
          ))}
        </div>
        <input type="search" className="count-lines-find" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('lines.find')} aria-label={t('lines.find')} data-testid="count-lines-find" />
      </div>

      <div className="count-totals" data-testid="count-totals">
        <span>{t('totals.products', { n: n(totals.products) })}</span>
        <span>{t('totals.counted', { n: n(totals.counted) })}</span>
        {totals.uncounted > 0 && <span className="warn">{t('totals.uncounted', { n: n(totals.uncounted) })}</span>}
        {shows && totals.expected !== undefined && (
          <>
            <span>{t('totals.expected', { n: n(totals.expected) })}</span>
            {showsValue && totals.value != null ? (
              <>
                <span className="short">{t('totals.shortage', { n: n(totals.shortageQuantity ?? 0), value: format(totals.shortageValue ?? 0) })}</span>
                <span className="surplus">{t('totals.surplus', { n: n(totals.surplusQuantity ?? 0), value: format(totals.surplusValue ?? 0) })}</span>
                <strong data-testid="count-total-value">{t('totals.net', { value: signed(totals.value, format) })}</strong>
              </>
            ) : (
              <>
                <span className="short">{t('totals.shortageQuantity', { n: n(totals.shortageQuantity ?? 0) })}</span>
                <span className="surplus">{t('totals.surplusQuantity', { n: n(totals.surplusQuantity ?? 0) })}</span>
              </>
            )}
          </>
        )}
      </div>

      <table className="table count-lines-table" data-testid="count-lines">
        <thead>
          <tr>
            <th>{t('lines.product')}</th>
            <th>{t('lines.barcode')}</th>
            {shows && <th className="num">{t('lines.expected')}</th>}
            <th className="num">{t('lines.counted')}</th>
            {shows && <th className="num">{t('lines.difference')}</th>}
            {showsValue && <th className="num">{t('lines.value')}</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const diff = l.difference ?? 0;
            return (
              <tr key={l.productId} className={diff < 0 ? 'short' : diff > 0 ? 'surplus' : ''} data-testid="count-line">
                <td>{l.name}</td>
                <td className="hint">{l.barcode ?? ''}</td>
                {shows && <td className="num">{n(l.expected ?? 0)}</td>}
                <td className="num" data-testid="count-line-counted">
                  {l.counted === null ? <span className="warn">{t('lines.notCounted')}</span> : n(l.counted)}
                </td>
                {shows && <td className="num">{diff === 0 ? '0' : signed(diff, n)}</td>}
                {showsValue && <td className="num">{l.value == null || l.value === 0 ? '' : signed(l.value, format)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      {lines.length === 0 && <p className="hint">{detail.lines.length === 0 ? t('lines.empty') : t('lines.emptyFiltered')}</p>}
    </section>
  );
}
