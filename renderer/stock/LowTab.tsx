import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { formatNumber } from '../format/numbers';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Products below their minimum, grouped by the usual supplier, with a reorder quantity in that supplier's packs. */
export function LowTab() {
  const { t, i18n } = useTranslation('stock');
  const { t: tCatalog } = useTranslation('catalog');
  const language = i18n.language;
  const low = useApi('stock.low', {}, ['stock.changed', 'sales.changed', 'catalog.changed', 'suppliers.changed']);
  const rows = low.data ?? [];
  const n = (value: number) => formatNumber(value, language);
  return (
    <div className="stock-low" data-testid="stock-low">
      <p className="hint">{t('low.hint')}</p>
      <ErrorMessage error={low.error} />
      {low.data && rows.length === 0 && <p className="hint">{t('low.empty')}</p>}
      {rows.length > 0 && (
        <table className="stock-table">
          <thead>
            <tr>
              <th>{t('columns.product')}</th>
              <th className="num">{t('low.balance')}</th>
              <th className="num">{t('low.min')}</th>
              <th className="num">{t('low.reorder')}</th>
              <th>{t('columns.supplier')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const unit = tCatalog(`unitsShort.${r.unit}`);
              return (
                <tr key={r.productId} data-testid="low-row">
                  <td>
                    <strong>{r.name}</strong>
                  </td>
                  <td className={`num${r.balance <= 0 ? ' out' : ''}`}>{`${n(r.balance)} ${unit}`}</td>
                  <td className="num">{`${n(r.minStock)} ${unit}`}</td>
                  <td className="num">
                    <strong>{`${n(r.reorder)} ${unit}`}</strong>
                    {r.packSize !== null && r.packSize > 1 && (
                      <small className="muted">
                        {' '}
                        {t('low.packs', { packs: n(r.reorder / r.packSize), size: n(r.packSize) })}
                      </small>
                    )}
                  </td>
                  <td>{r.supplierName ?? <span className="muted">{t('low.noSupplier')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
