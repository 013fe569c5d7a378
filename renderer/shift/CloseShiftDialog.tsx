import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../catalog/useMoney';
import { ErrorMessage } from '../ui/ErrorMessage';
import { countAgainstExpected, countedEntries, countedTotal, denominationList, parseCount, stepCount } from './cashCount';
import { Modal } from '../ui/Modal';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import type { CurrentShift, ShiftReport } from './types';

// Symbols on the stepper buttons (their spoken names are translated labels).
const MINUS = '−';

/**
 * Close the shift: count the drawer note by note and coin by coin (the total follows as you type, and
 * how it stands against the expected cash shows in colour), then confirm: the backend stores the Z
 * report, prints it, and it is shown here. Keyboard: Enter goes to the next count, Ctrl+Enter closes.
 */
export function CloseShiftDialog({ shift, onClose, onClosed }: { shift: CurrentShift; onClose: () => void; onClosed: (report: ShiftReport) => void }) {
  const { t } = useTranslation('shift');
  const { format } = useMoney();
  const denominations = useApi('shifts.denominations', {});
  const [typed, setTyped] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const gridRef = useRef<HTMLTableSectionElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const list = useMemo(() => denominationList(denominations.data), [denominations.data]);
  const values = useMemo(() => list.map((d) => d.value), [list]);
  const counted = countedTotal(values, typed);
  const { balance, difference } = countAgainstExpected(counted, shift.expectedCash);

  async function confirm() {
    if (busy || !denominations.data) return;
    const entries = countedEntries(values, typed);
    if (!entries) {
      setError({ code: 'invalid_input', messageKey: 'shift:count.invalid', field: 'counted' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const report = await call('shifts.close', { counted: entries });
      onClosed(report);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  function onCountKey(e: KeyboardEvent<HTMLInputElement>, index: number) {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const inputs = gridRef.current?.querySelectorAll<HTMLInputElement>('input');
    const next = inputs?.[index + 1];
    if (next) {
      next.focus();
      next.select();
    } else confirmRef.current?.focus();
  }

  const set = (value: number, text: string) => setTyped((s) => ({ ...s, [value]: text }));

  return (
    <Modal
      title={t('closeTitle', { number: shift.number })}
      onClose={onClose}
      onConfirm={() => void confirm()}
      busy={busy}
      wide
      testId="close-dialog"
      footer={
        <>
          <div className={`count-balance ${balance}`} data-testid="count-balance" data-balance={balance}>
            <span>{t('count.counted')}</span>
            <strong data-testid="count-total">{format(counted)}</strong>
            <span>{t('count.expected')}</span>
            <strong data-testid="count-expected">{format(shift.expectedCash)}</strong>
            <span>{t(`count.${balance}`)}</span>
            <strong data-testid="count-difference">{balance === 'even' ? '✓' : format(Math.abs(difference))}</strong>
          </div>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('common:actions.cancel')}
            <kbd>{t('keys.esc')}</kbd>
          </button>
          <button ref={confirmRef} type="button" className="primary" disabled={busy || !denominations.data} onClick={() => void confirm()} data-testid="close-confirm">
            {t('closeConfirm')}
            <kbd>{t('keys.ctrlEnter')}</kbd>
          </button>
        </>
      }
    >
      <p className="hint">{t('count.hint')}</p>
      <ErrorMessage error={denominations.error ?? error} />
      <table className="table count-grid">
        <thead>
          <tr>
            <th>{t('count.denomination')}</th>
            <th className="count-col">{t('count.count')}</th>
            <th className="num">{t('count.sum')}</th>
          </tr>
        </thead>
        <tbody ref={gridRef}>
          {list.map((d, i) => {
            const text = typed[d.value] ?? '';
            const count = parseCount(text);
            return (
              <tr key={d.value} className={d.kind} data-testid="count-row" data-denomination={d.value}>
                <th scope="row">
                  {format(d.value)}
                  <small className="hint">{t(`count.${d.kind}`)}</small>
                </th>
                <td className="count-col">
                  <div className="stepper">
                    <button type="button" tabIndex={-1} aria-label={t('count.less')} onClick={() => set(d.value, stepCount(text, -1))}>
                      {MINUS}
                    </button>
                    <input
                      inputMode="numeric"
                      autoComplete="off"
                      value={text}
                      placeholder="0"
                      aria-label={t('count.countOf', { value: format(d.value) })}
                      aria-invalid={count === null || undefined}
                      onChange={(e) => set(d.value, e.target.value)}
                      onKeyDown={(e) => onCountKey(e, i)}
                      onFocus={(e) => e.target.select()}
                      data-testid="count-input"
                    />
                    <button type="button" tabIndex={-1} aria-label={t('count.more')} onClick={() => set(d.value, stepCount(text, 1))}>
                      +
                    </button>
                  </div>
                </td>
                <td className="num">{count ? format(count * d.value) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Modal>
  );
}
