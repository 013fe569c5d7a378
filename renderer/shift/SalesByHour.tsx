import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/numbers';
import { countByHour } from './hours';
import { useApi } from '../api/hooks';

const HEIGHT = 90;
const BAR = 28;
const GAP = 6;

/** How busy the shift has been: sales per hour as small bars (plain SVG; no chart library needed for this). */
export function SalesByHour({ shiftId }: { shiftId: string }) {
  const { t, i18n } = useTranslation('shift');
  const rows = useApi('journal.list', { shiftId, kind: 'sale', limit: 200 }, ['sales.changed']);
  const bars = useMemo(() => countByHour((rows.data?.rows ?? []).map((r) => r.at)), [rows.data]);
  if (bars.length === 0) return null;
  const max = Math.max(...bars.map((b) => b.count), 1);
  const width = bars.length * (BAR + GAP);
  return (
    <section className="panel sales-by-hour" aria-labelledby="sales-by-hour-title" data-testid="shift-chart">
      <h2 id="sales-by-hour-title">{t('chart.title')}</h2>
      <svg viewBox={`0 0 ${width} ${HEIGHT + 34}`} width={width} height={HEIGHT + 34} role="img" aria-label={t('chart.title')}>
        {bars.map((b, i) => {
          const h = Math.round((b.count / max) * HEIGHT);
          const x = i * (BAR + GAP);
          return (
            <g key={b.hour}>
              <title>{t('chart.bar', { hour: String(b.hour).padStart(2, '0'), count: b.count })}</title>
              <rect x={x} y={HEIGHT - h + 14} width={BAR} height={h} rx={4} className="bar" />
              {b.count > 0 && (
                <text x={x + BAR / 2} y={HEIGHT - h + 10} textAnchor="middle" className="bar-value">
                  {formatNumber(b.count, i18n.language)}
                </text>
              )}
              <text x={x + BAR / 2} y={HEIGHT + 30} textAnchor="middle" className="bar-label">
                {String(b.hour).padStart(2, '0')}
              </text>
            </g>
          );
        })}
      </svg>
    </section>
  );
}
