import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { ErrorMessage } from '../ui/ErrorMessage';
import { FreshnessBadge } from './FreshnessBadge';
import { WriteOffButton } from './WriteOffButton';

/** This morning's list: lots with two days or less left or already marked down, most urgent first, with what to do. */
export function SellFirstTab() {
  const { t, i18n } = useTranslation('stock');
  const language = i18n.language;
  const { can } = useSession();
  const { format } = useMoney();
  const list = useApi('stock.sellFirst', {}, ['stock.changed', 'sales.changed', 'pricing.changed', 'catalog.changed']);
  const rows = list.data?.rows ?? [];
  const canWriteOff = can('stock.writeoff');
  return (
    <div className="stock-sell-first" data-testid="stock-sell-first">
      <p className="hint">{t('sellFirst.hint')}</p>
      <ErrorMessage error={list.error} />
      {list.data && rows.length === 0 && <p className="hint">{t('sellFirst.empty')}</p>}
      {rows.length > 0 && (
        <table className="stock-table">
          <thead>
            <tr>
              <th>{t('columns.product')}</th>
              <th>{t('columns.arrived')}</th>
              <th>{t('columns.remaining')}</th>
              <th className="num">{t('columns.quantity')}</th>
              {list.data?.costVisible && <th className="num">{t('columns.value')}</th>}
              <th>{t('columns.markdown')}</th>
              <th>{t('columns.action')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.lotId} className={`state-${r.state}`} data-testid="sell-first-row">
                <td>
                  <strong>{r.name}</strong>
                  {r.category && <small className="muted"> · {r.category}</small>}
                </td>
                <td className="nowrap">
                  {formatDate(r.arrivedAt, language)} <small className="muted">({t('days', { count: r.ageDays })})</small>
                </td>
                <td>
                  <FreshnessBadge state={r.state} remaining={r.remainingDays} />
                </td>
                <td className="num">{formatNumber(r.quantity, language)}</td>
                {list.data?.costVisible && <td className="num">{r.value === null ? '' : format(r.value)}</td>}
                <td>{r.markdownBp !== null && <span className="markdown-tag">{t('markdown.tag', { percent: formatNumber(r.markdownBp / 100, language) })}</span>}</td>
                <td className={`action action-${r.action}`}>{t(`action.${r.action}`)}</td>
                <td>{canWriteOff && <WriteOffButton lot={r} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
