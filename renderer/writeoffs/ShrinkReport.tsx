import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../api/hooks';
import { useMoney } from '../catalog/useMoney';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { ErrorMessage } from '../ui/ErrorMessage';
import { defaultPeriod, GROUPS, orderRows, type Group } from './reasons';

/** Bars in the chart: the biggest groups; the table below lists them all. */
const CHART_BARS = 12;

/**
 * The shrink view: what was thrown away in a period, by product, reason, age at discard, supplier,
 * variety or category, in quantity and cost, with a bar chart of cost per group and one per day.
 */
export function ShrinkReport() {
  const { t, i18n } = useTranslation('writeoffs');
  const language = i18n.language;
  const { format } = useMoney();
  const [period, setPeriod] = useState(defaultPeriod);
  const [group, setGroup] = useState<Group>('product');
  const valid = period.from !== '' && period.to !== '' && period.from <= period.to;
  const report = useApi('shrink.report', valid ? { ...period, groupBy: group } : { ...defaultPeriod(), groupBy: group }, ['stock.changed']);
  const data = report.data;

  const label = (key: string, name: string | null) => {
    if (name !== null) return name;
    if (key === '') return t(`none.${group}`);
    if (group === 'reason') return t(`reasons.${key}`);
    if (group === 'age') return t('ageBucket', { bucket: key });
    return key;
  };
  const rows = data ? orderRows(group, data.rows).map((r) => ({ ...r, name: label(r.key, r.label) })) : [];
  const chartRows = group === 'age' ? rows : rows.slice(0, CHART_BARS);

  return (
    <div className="shrink" data-testid="shrink-report">
      <div className="shrink-filters">
        <div className="field">
          <label htmlFor="shrink-from">{t('period.from')}</label>
          <input id="shrink-from" type="date" value={period.from} max={period.to || undefined} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} data-testid="shrink-from" />
        </div>
        <div className="field">
          <label htmlFor="shrink-to">{t('period.to')}</label>
          <input id="shrink-to" type="date" value={period.to} min={period.from || undefined} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} data-testid="shrink-to" />
        </div>
        <div className="tabs" role="radiogroup" aria-label={t('groupBy')}>
          {GROUPS.map((g) => (
            <button
              key={g}
              type="button"
              role="radio"
              aria-checked={group === g}
              className={group === g ? 'tab current' : 'tab'}
              onClick={() => setGroup(g)}
              data-testid={`shrink-group-${g}`}
            >
              {t(`groups.${g}`)}
            </button>
          ))}
        </div>
      </div>
      {!valid && <p className="error-message">{t('period.invalid')}</p>}
      <ErrorMessage error={report.error} />
      {data && (
        <>
          <dl className="report-list shrink-totals" data-testid="shrink-totals">
            <div>
              <dt>{t('totals.quantity')}</dt>
              <dd>{formatNumber(data.totals.quantity, language)}</dd>
            </div>
            <div className="strong">
              <dt>{t('totals.cost')}</dt>
              <dd data-testid="shrink-total-cost">{format(data.totals.cost)}</dd>
            </div>
          </dl>
          {rows.length === 0 ? (
            <p className="hint" data-testid="shrink-empty">
              {t('shrinkEmpty')}
            </p>
          ) : (
            <>
              <div className="shrink-chart" data-testid="shrink-chart">
                {/* Names are long ("Rose Ecuador Brighton yellow 50 cm"): bars lie down, names on the left; age buckets stand up. */}
                {group === 'age' ? (
                  <ResponsiveContainer width="100%" height={240}>
                    <BarChart data={chartRows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
                      <YAxis tickFormatter={(v: number) => format(v)} width={90} tick={{ fontSize: 12 }} />
                      <Tooltip formatter={(v) => [format(Number(v)), t('table.cost')]} />
                      <Bar dataKey="cost" fill="var(--accent, #2f6f5e)" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                ) : (
                  <ResponsiveContainer width="100%" height={40 + chartRows.length * 30}>
                    <BarChart data={chartRows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                      <XAxis type="number" tickFormatter={(v: number) => format(v)} tick={{ fontSize: 12 }} />
                      <YAxis type="category" dataKey="name" width={240} interval={0} tick={{ fontSize: 12 }} />
                      <Tooltip formatter={(v) => [format(Number(v)), t('table.cost')]} />
                      <Bar dataKey="cost" fill="var(--accent, #2f6f5e)" isAnimationActive={false} barSize={18} />
                    </BarChart>
                  </ResponsiveContainer>
                )}
              </div>
              <table className="table compact shrink-table" data-testid="shrink-table">
                <thead>
                  <tr>
                    <th>{t(`groups.${group}`)}</th>
                    <th className="num">{t('table.quantity')}</th>
                    <th className="num">{t('table.cost')}</th>
                    <th className="num">{t('table.share')}</th>
                    <th className="num">{t('table.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key} data-testid="shrink-row">
                      <td>{r.name}</td>
                      <td className="num">{formatNumber(r.quantity, language)}</td>
                      <td className="num">{format(r.cost)}</td>
                      <td className="num">{data.totals.cost > 0 ? `${formatNumber((r.cost / data.totals.cost) * 100, language, 1)} %` : '—'}</td>
                      <td className="num">{formatNumber(r.count, language)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th>{t('table.total')}</th>
                    <th className="num">{formatNumber(data.totals.quantity, language)}</th>
                    <th className="num">{format(data.totals.cost)}</th>
                    <th />
                    <th className="num">{formatNumber(data.totals.count, language)}</th>
                  </tr>
                </tfoot>
              </table>
              <h3 className="shrink-days-title">{t('byDay')}</h3>
              <div className="shrink-chart small" data-testid="shrink-days">
                <ResponsiveContainer width="100%" height={160}>
                  <BarChart data={data.days.map((d) => ({ ...d, label: formatDate(`${d.day}T12:00:00.000Z`, language) }))} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                    <YAxis tickFormatter={(v: number) => format(v)} width={90} tick={{ fontSize: 11 }} />
                    <Tooltip formatter={(v) => [format(Number(v)), t('table.cost')]} />
                    <Bar dataKey="cost" fill="var(--danger, #b3402f)" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
