import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { formatDateTime } from '../format/dates';
import { ErrorMessage } from '../ui/ErrorMessage';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import type { ShiftReport } from './types';

/** Stored X and Z reports, this shift's and earlier ones, newest first: open one to view or reprint it. */
export function ReportsList({ currentShiftId, onOpen }: { currentShiftId: string | null; onOpen: (report: ShiftReport) => void }) {
  const { t, i18n } = useTranslation('shift');
  const { can } = useSession();
  const reports = useApi('shifts.reports', {}, ['shift.changed']);
  const [error, setError] = useState<unknown>(null);
  const [opening, setOpening] = useState<string | null>(null);

  async function open(id: string) {
    setOpening(id);
    setError(null);
    try {
      onOpen(await call('shifts.report', { id }));
    } catch (e) {
      setError(e);
    } finally {
      setOpening(null);
    }
  }

  if (!can('shifts.manage')) return null;
  const list = reports.data ?? [];
  return (
    <section className="panel reports" aria-labelledby="shift-reports-title" data-testid="shift-reports">
      <h2 id="shift-reports-title">{t('reports.title')}</h2>
      <ErrorMessage error={reports.error ?? error} />
      {!reports.loading && list.length === 0 && <p className="hint">{t('reports.empty')}</p>}
      {list.length > 0 && (
        <ul className="report-rows">
          {list.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className={`report-row${r.shiftId === currentShiftId ? ' current' : ''}`}
                onClick={() => void open(r.id)}
                disabled={opening === r.id}
                data-testid="shift-report-row"
                data-kind={r.kind}
              >
                <span className={`badge kind-${r.kind}`}>{r.kind === 'z' ? t('reports.z') : t('reports.x')}</span>
                <span className="grow">{t('reports.shift', { number: r.shiftNumber })}</span>
                <span className="hint">{formatDateTime(r.at, i18n.language)}</span>
                <span className="hint">{r.userName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
