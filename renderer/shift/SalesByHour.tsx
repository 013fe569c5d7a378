import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { formatNumber } from '../format/numbers';
import { countByHour } from './hours';

const HEIGHT = 90;
const BAR = 28;
const GAP = 6;
const PAGE = 200;
const MAX_PAGES = 50;
// On a busy day a sale a minute arrives: redraw at most this often rather than re-read the shift per sale.
const REFRESH_MS = 15_000;

/** The times of every sale of the shift, page by page (a Valentine's Day shift has more than one page). */
async function saleTimes(shiftId: string): Promise<string[]> {
  const times: string[] = [];
  let before: { at: string; id: string } | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await call('journal.list', { shiftId, kind: 'sale', limit: PAGE, ...(before ? { before } : {}) });
    times.push(...page.rows.map((r) => r.at));
    if (!page.next) break;
    before = page.next;
  }
  return times;
}

/** How busy the shift has been: sales per hour as small bars (plain SVG; no chart library needed for this). */
export function SalesByHour({ shiftId }: { shiftId: string }) {
  const { t, i18n } = useTranslation('shift');
  const [times, setTimes] = useState<string[]>([]);
  const [generation, setGeneration] = useState(0);
  const lastLoad = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let current = true;
    lastLoad.current = Date.now();
    saleTimes(shiftId).then(
      (found) => current && setTimes(found),
      () => undefined, // the chart is a nicety: without journal.view or on a hiccup it simply is not drawn
    );
    return () => {
      current = false;
    };
  }, [shiftId, generation]);

  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);

  useBackendEvent(['sales.changed'], () => {
    if (pending.current) return;
    const wait = Math.max(0, lastLoad.current + REFRESH_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      setGeneration((g) => g + 1);
    }, wait);
  });

  const bars = useMemo(() => countByHour(times), [times]);
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
