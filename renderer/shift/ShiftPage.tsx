import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CashMovementDialog } from './CashMovementDialog';
import { CloseShiftDialog } from './CloseShiftDialog';
import { OpenShiftForm } from './OpenShiftForm';
import { ReportView } from './ReportView';
import { ReportsList } from './ReportsList';
import { SalesByHour } from './SalesByHour';
import { OpenDrawerDialog } from './OpenDrawerDialog';
import { ShortcutButton, useScreenShortcuts } from './shortcuts';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import type { ShiftReport } from './types';
import './counter.css';

type Dialog = { kind: 'cash'; direction: 'in' | 'out' } | { kind: 'close' } | { kind: 'drawer' } | { kind: 'report'; report: ShiftReport; justClosed?: boolean } | null;

/**
 * The shift: open it with a float; while open, its running figures, cash in / out, an X report at any
 * time and the close (count the drawer → Z report). Stored reports of this and earlier shifts can be
 * viewed and reprinted. Keyboard: Alt+I cash in, Alt+O cash out, Alt+D open the drawer, Alt+X X report, Alt+Z close.
 */
export function ShiftPage() {
  const { t, i18n } = useTranslation('shift');
  const { can } = useSession();
  const { format } = useMoney();
  const rootRef = useRef<HTMLDivElement>(null);
  const current = useApi('shifts.current', {}, ['shift.changed', 'sales.changed']);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shift = current.data ?? null;
  const manage = can('shifts.manage');
  const drawer = can('drawer.open');

  async function xReport() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const report = await call('shifts.xReport', {});
      setDialog({ kind: 'report', report });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const open = shift !== null && manage;
  useScreenShortcuts(rootRef, {
    I: open ? () => setDialog({ kind: 'cash', direction: 'in' }) : undefined,
    O: open ? () => setDialog({ kind: 'cash', direction: 'out' }) : undefined,
    D: drawer && shift ? () => setDialog({ kind: 'drawer' }) : undefined,
    X: open ? () => void xReport() : undefined,
    Z: open ? () => setDialog({ kind: 'close' }) : undefined,
  });

  return (
    <div className="counter-page shift-page" ref={rootRef} data-testid="shift-page">
      <div className="page-head">
        <h1>{shift ? t('titleOpen', { number: shift.number }) : t('title')}</h1>
      </div>
      <ErrorMessage error={current.error ?? error} />
      {current.loading && current.data === undefined && <p className="wait">{t('common:status.loading')}</p>}
      {current.data === null && <OpenShiftForm />}
      {shift && (
        <>
          <section className="panel shift-figures" data-testid="shift-figures" aria-label={t('figures')}>
            <p className="hint" data-testid="shift-opened">
              {t('openedAt', { at: formatDateTime(shift.openedAt, i18n.language), name: shift.openedBy.name })}
            </p>
            <dl className="figures">
              <div>
                <dt>{t('salesCount')}</dt>
                <dd data-testid="shift-sales-count">{formatNumber(shift.salesCount, i18n.language)}</dd>
              </div>
              <div>
                <dt>{t('salesTotal')}</dt>
                <dd data-testid="shift-sales-total">{format(shift.salesTotal)}</dd>
              </div>
              <div>
                <dt>{t('openingFloat')}</dt>
                <dd>{format(shift.openingFloat)}</dd>
              </div>
              <div className="strong">
                <dt>{t('expectedCash')}</dt>
                <dd data-testid="shift-expected-cash">{format(shift.expectedCash)}</dd>
              </div>
            </dl>
            <div className="shift-actions">
              <ShortcutButton letter="I" testId="shift-cash-in" disabled={!manage} onClick={() => setDialog({ kind: 'cash', direction: 'in' })}>
                {t('cashIn')}
              </ShortcutButton>
              <ShortcutButton letter="O" testId="shift-cash-out" disabled={!manage} onClick={() => setDialog({ kind: 'cash', direction: 'out' })}>
                {t('cashOut')}
              </ShortcutButton>
              {drawer && (
                <ShortcutButton letter="D" testId="shift-open-drawer" onClick={() => setDialog({ kind: 'drawer' })}>
                  {t('drawer.title')}
                </ShortcutButton>
              )}
              <ShortcutButton letter="X" testId="shift-x-report" disabled={!manage || busy} onClick={() => void xReport()}>
                {t('xReport')}
              </ShortcutButton>
              <span className="spacer" />
              <ShortcutButton letter="Z" primary testId="shift-close" disabled={!manage} onClick={() => setDialog({ kind: 'close' })}>
                {t('close')}
              </ShortcutButton>
            </div>
          </section>
          <SalesByHour shiftId={shift.id} />
        </>
      )}
      <ReportsList currentShiftId={shift?.id ?? null} onOpen={(report) => setDialog({ kind: 'report', report })} />

      {dialog?.kind === 'cash' && shift && (
        <CashMovementDialog direction={dialog.direction} expectedCash={shift.expectedCash} onClose={() => setDialog(null)} onDone={() => setDialog(null)} />
      )}
      {dialog?.kind === 'close' && shift && (
        <CloseShiftDialog
          shift={shift}
          onClose={() => setDialog(null)}
          onClosed={(report) => {
            setDialog({ kind: 'report', report, justClosed: true });
            current.reload();
          }}
        />
      )}
      {dialog?.kind === 'drawer' && <OpenDrawerDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'report' && <ReportView report={dialog.report} justClosed={dialog.justClosed} onClose={() => setDialog(null)} />}
    </div>
  );
}
