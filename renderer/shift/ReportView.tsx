import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../catalog/useMoney';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Modal } from '../ui/Modal';
import { ShortcutButton, useScreenShortcuts } from './shortcuts';
import { call } from '../api/client';
import type { ShiftReport } from './types';

/**
 * An X or Z report as stored (a reprint reads the same as the first print): totals by payment method,
 * discounts, returns, cash movements, expected and counted cash and the variance, all as the backend
 * computed them. Alt+P prints it (again).
 */
export function ReportView({ report, justClosed, onClose }: { report: ShiftReport; justClosed?: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('shift');
  const { format } = useMoney();
  const language = i18n.language;
  const rootRef = useRef<HTMLDivElement>(null);
  const [printing, setPrinting] = useState<'idle' | 'busy' | 'sent' | 'noPrinter'>('idle');
  const [error, setError] = useState<unknown>(null);

  async function print() {
    if (printing === 'busy') return;
    setPrinting('busy');
    setError(null);
    try {
      const { jobId } = await call('shifts.printReport', { id: report.id });
      setPrinting(jobId ? 'sent' : 'noPrinter');
    } catch (e) {
      setError(e);
      setPrinting('idle');
    }
  }
  useScreenShortcuts(rootRef, { P: () => void print() });

  const variance = report.variance;
  const varianceClass = variance === null ? '' : variance === 0 ? 'even' : variance < 0 ? 'short' : 'over';

  return (
    <Modal
      title={report.kind === 'z' ? t('report.zTitle', { number: report.shiftNumber }) : t('report.xTitle', { number: report.shiftNumber })}
      onClose={onClose}
      wide
      testId="report-view"
      footer={
        <>
          {printing === 'noPrinter' && (
            <span className="error-message refused" role="status" data-testid="report-no-printer">
              {t('report.noPrinter')}
            </span>
          )}
          {printing === 'sent' && (
            <span className="calm" role="status" data-testid="report-print-sent">
              {t('report.printSent')}
            </span>
          )}
          <span className="spacer" />
          <ShortcutButton letter="P" testId="report-print" disabled={printing === 'busy'} onClick={() => void print()}>
            {justClosed ? t('report.printAgain') : t('report.print')}
          </ShortcutButton>
          <button type="button" className="primary" onClick={onClose} data-testid="report-close">
            {t('common:actions.dismiss')}
            <kbd>{t('keys.esc')}</kbd>
          </button>
        </>
      }
    >
      <div ref={rootRef} className="report" data-testid={`report-${report.kind}`} data-report-id={report.id}>
        {justClosed && <p className="calm">{t('report.closedNote')}</p>}
        <p className="hint">
          {t('report.meta', { at: formatDateTime(report.at, language), name: report.userName })}
        </p>
        <ErrorMessage error={error} />
        <div className="report-columns">
          <section>
            <h3>{t('report.sales')}</h3>
            <dl className="report-list">
              <Row label={t('report.salesCount')} value={formatNumber(report.salesCount, language)} testId="report-sales-count" />
              <Row label={t('report.grossSales')} value={format(report.grossSales)} testId="report-gross" />
              <Row label={t('report.discounts')} value={format(report.discounts)} testId="report-discounts" />
              {report.rounding !== 0 && <Row label={t('report.rounding')} value={format(report.rounding)} testId="report-rounding" />}
              <Row label={t('report.netSales')} value={format(report.netSales)} testId="report-net" strong />
              <Row label={t('report.byCash')} value={format(report.byMethod.cash.sales)} testId="report-sales-cash" />
              <Row label={t('report.byCard')} value={format(report.byMethod.card.sales)} testId="report-sales-card" />
            </dl>
            <h3>{t('report.returns')}</h3>
            <dl className="report-list">
              <Row label={t('report.returnsCount')} value={formatNumber(report.returnsCount, language)} testId="report-returns-count" />
              <Row label={t('report.returnsTotal')} value={format(report.returnsTotal)} testId="report-returns-total" />
              <Row label={t('report.refundCash')} value={format(report.byMethod.cash.refunds)} testId="report-refunds-cash" />
              <Row label={t('report.refundCard')} value={format(report.byMethod.card.refunds)} testId="report-refunds-card" />
              <Row label={t('report.restocked')} value={format(report.restocked.amount)} testId="report-restocked" />
              <Row label={t('report.writtenOff')} value={format(report.writtenOff.amount)} testId="report-written-off" />
            </dl>
          </section>
          <section>
            <h3>{t('report.cash')}</h3>
            <dl className="report-list">
              <Row label={t('openingFloat')} value={format(report.openingFloat)} testId="report-float" />
              <Row label={t('report.cashSales')} value={format(report.byMethod.cash.sales)} />
              <Row label={t('report.cashRefunds')} value={format(-report.byMethod.cash.refunds)} />
              <Row label={t('cashIn')} value={format(report.cashIn)} testId="report-cash-in" />
              <Row label={t('cashOut')} value={format(-report.cashOut)} testId="report-cash-out" />
              <Row label={t('expectedCash')} value={format(report.expectedCash)} testId="report-expected" strong />
              {report.countedCash !== null && <Row label={t('report.counted')} value={format(report.countedCash)} testId="report-counted" strong />}
              {variance !== null && (
                <Row label={t('report.variance')} value={format(variance)} testId="report-variance" strong className={`variance ${varianceClass}`} balance={varianceClass} />
              )}
            </dl>
            {report.cashMovements.length > 0 && (
              <>
                <h3>{t('report.movements')}</h3>
                <table className="table compact" data-testid="report-movements">
                  <tbody>
                    {report.cashMovements.map((m, i) => (
                      <tr key={i}>
                        <td>{m.kind === 'in' ? t('cashIn') : t('cashOut')}</td>
                        <td>{m.reason}</td>
                        <td className="num">{format(m.kind === 'in' ? m.amount : -m.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {report.counted && report.counted.length > 0 && (
              <>
                <h3>{t('report.denominations')}</h3>
                <table className="table compact" data-testid="report-denominations">
                  <tbody>
                    {report.counted.map((c) => (
                      <tr key={c.denomination}>
                        <th scope="row">{format(c.denomination)}</th>
                        <td className="num">{`× ${formatNumber(c.count, language)}`}</td>
                        <td className="num">{format(c.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </div>
      </div>
    </Modal>
  );
}

function Row({ label, value, testId, strong, className, balance }: { label: string; value: string; testId?: string; strong?: boolean; className?: string; balance?: string }) {
  return (
    <div className={[strong ? 'strong' : '', className ?? ''].filter(Boolean).join(' ') || undefined}>
      <dt>{label}</dt>
      <dd data-testid={testId} data-balance={balance}>
        {value}
      </dd>
    </div>
  );
}
