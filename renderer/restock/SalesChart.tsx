import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../api/hooks';
import { formatDate } from '../format/dates';
import { ErrorMessage } from '../ui/ErrorMessage';

/**
 * One product's sales per day over the history weeks, and the forecast per day over the horizon
 * (the average, lifted on an occasion's rush days): what the suggested quantity rests on.
 */
export function SalesChart({ productId, weeks, horizonDays }: { productId: string; weeks: number; horizonDays: number | undefined }) {
  const { t, i18n } = useTranslation('restock');
  const language = i18n.language;
  const series = useApi('restock.series', { productId, weeks, ...(horizonDays !== undefined ? { horizonDays } : {}) }, ['sales.changed', 'occasions.changed']);
  const data = series.data;
  const rows = data
    ? [
        ...data.history.map((h) => ({ day: h.day, sales: h.quantity, forecast: null as number | null })),
        ...data.forecast.map((f) => ({ day: f.day, sales: null as number | null, forecast: f.quantity })),
      ].map((r) => ({ ...r, label: formatDate(`${r.day}T12:00:00.000Z`, language) }))
    : [];
  return (
    <section className="restock-chart" data-testid="restock-chart">
      <ErrorMessage error={series.error} />
      {data && (
        <>
          <h3>{t('chart.title', { name: data.name })}</h3>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
              <YAxis allowDecimals={false} width={40} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend />
              <Line type="monotone" dataKey="sales" name={t('chart.sales')} stroke="var(--accent, #2f6f5e)" dot={false} isAnimationActive={false} connectNulls={false} />
              <Line type="monotone" dataKey="forecast" name={t('chart.forecast')} stroke="var(--danger, #b3402f)" strokeDasharray="5 4" dot isAnimationActive={false} connectNulls={false} />
            </LineChart>
          </ResponsiveContainer>
        </>
      )}
    </section>
  );
}
