import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { formatNumber } from '../format/numbers';
import { ErrorMessage } from '../ui/ErrorMessage';

/** YYYY-MM-DD of a local date. */
function dayText(d: Date): string {
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A signed difference as people read it (+3, −2, 0); `show` formats the size of it. */
function signed(show: (v: number) => string, value: number): string {
  const text = show(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/**
 * Recipe against actual over a period: per recipe size and component, what the recipes called for,
 * what was really used, and what the difference cost. The figures are the backend's.
 */
export function VarianceTab({ format }: { format: (minor: number) => string }) {
  const { t, i18n } = useTranslation('bouquets');
  const now = new Date();
  const [from, setFrom] = useState(dayText(new Date(now.getFullYear(), now.getMonth(), 1)));
  const [to, setTo] = useState(dayText(now));
  const report = useApi('assembly.variance', { from, to }, ['stock.changed']);
  const n = (v: number) => formatNumber(v, i18n.language);
  const data = report.data;

  return (
    <div className="assembly-variance" data-testid="assembly-variance">
      <div className="row period">
        <label className="field">
          <span>{t('variance.from')}</span>
          <input type="date" value={from} data-testid="variance-from" onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('variance.to')}</span>
          <input type="date" value={to} data-testid="variance-to" onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
      </div>
      <ErrorMessage error={report.error} />
      {data && data.groups.length === 0 && <p className="hint">{t('variance.none')}</p>}
      {data && data.groups.length > 0 && (
        <table className="table variance-table">
          <thead>
            <tr>
              <th>{t('plan.component')}</th>
              <th>{t('variance.recipe')}</th>
              <th>{t('variance.actual')}</th>
              <th>{t('variance.difference')}</th>
              <th>{t('variance.recipeCost')}</th>
              <th>{t('variance.cost')}</th>
              <th>{t('variance.costDifference')}</th>
            </tr>
          </thead>
          {data.groups.map((g) => (
            <tbody key={g.variantId ?? 'none'} data-testid="variance-group">
              <tr className="variance-head">
                <th colSpan={4}>
                  {g.recipeName ?? t('variance.noRecipe')}
                  {g.size && ` · ${t(`sizes.${g.size}`)}`}
                  <small className="hint">{t('variance.made', { count: g.bouquets, n: n(g.bouquets), times: n(g.assemblies) })}</small>
                </th>
                <td>{format(g.recipeCost)}</td>
                <td>{format(g.cost)}</td>
                <td className={g.costDiff > 0 ? 'over' : g.costDiff < 0 ? 'under' : undefined}>{signed(format, g.costDiff)}</td>
              </tr>
              {g.components.map((c) => (
                <tr key={c.productId} className={c.quantityDiff !== 0 ? 'differs' : undefined}>
                  <td>{c.name}</td>
                  <td>{n(c.recipeQuantity)}</td>
                  <td>{n(c.actualQuantity)}</td>
                  <td>{signed(n, c.quantityDiff)}</td>
                  <td>{format(c.recipeCost)}</td>
                  <td>{format(c.cost)}</td>
                  <td className={c.costDiff > 0 ? 'over' : c.costDiff < 0 ? 'under' : undefined}>{signed(format, c.costDiff)}</td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            <tr className="variance-total">
              <th colSpan={4}>{t('variance.total')}</th>
              <td>{format(data.totals.recipeCost)}</td>
              <td>{format(data.totals.cost)}</td>
              <td data-testid="variance-total-diff">{signed(format, data.totals.costDiff)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
