import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PrintQueue } from './PrintersSection';

const PRINTER_ICON = '🖨';

/**
 * The top bar's printer indicator. Silent while receipts print; when some wait for the printer or
 * failed, it says how many and why (the latest reason: offline, out of paper…), retries them in one
 * press, and opens the list of jobs in place (cashiers cannot open the devices page).
 */
export function PrintStatus() {
  const { t } = useTranslation('printers');
  const jobs = useApi('print.jobs', { active: true, limit: 50 }, ['print.changed']);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const all = jobs.data ?? [];
  const failed = all.filter((j) => j.status === 'failed');
  // Jobs only show once one has failed an attempt (until then the printer is just busy); then every
  // waiting job counts, since those behind the failing one wait for the same printer.
  const queued = all.filter((j) => j.status === 'queued');
  const waiting = queued.some((j) => j.attempts > 0) ? queued : [];
  const stuck = [...failed, ...waiting];
  if (stuck.length === 0 && !open) return null;

  const reason = stuck.find((j) => j.lastError)?.lastError;
  const summary =
    failed.length > 0 ? t('status.failing', { count: failed.length }) : waiting.length > 0 ? t('status.waiting', { count: waiting.length }) : t('queue');

  async function retryAll() {
    setError(null);
    try {
      for (const job of stuck) await call('print.retry', { jobId: job.id });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className={`print-status${failed.length > 0 ? ' failed' : ''}`} data-testid="print-status" role="status">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} title={t('status.openList')}>
        <span aria-hidden="true">{PRINTER_ICON} </span>
        {summary}
        {reason && <small className="hint"> — {t(reason)}</small>}
      </button>
      {stuck.length > 0 && (
        <button type="button" onClick={() => void retryAll()} data-testid="print-retry">
          {t('status.retryAll')}
        </button>
      )}
      <ErrorMessage error={error} />
      {open && (
        <div className="panel print-status-list" style={{ position: 'absolute', right: '1rem', top: '3.5rem', zIndex: 10, maxWidth: '48rem' }}>
          <PrintQueue active />
        </div>
      )}
    </div>
  );
}
