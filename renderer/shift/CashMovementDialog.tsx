import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../catalog/useMoney';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { readAmount } from './amount';
import { Modal } from '../ui/Modal';
import { call } from '../api/client';

const AMOUNT = ['amount'];
const REASON = ['reason'];
const FIELDS = [...AMOUNT, ...REASON];

/** Cash put into the drawer (change from the bank) or taken out (a supplier paid, a bank run), with a reason. */
export function CashMovementDialog({
  direction,
  expectedCash,
  onClose,
  onDone,
}: {
  direction: 'in' | 'out';
  expectedCash: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('shift');
  const { currency, format } = useMoney();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    const parsed = readAmount(amount, currency, 'amount');
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (reason.trim() === '') {
      setError({ code: 'invalid_input', messageKey: 'shift:cash.reasonRequired', field: 'reason' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('shifts.cash', { kind: direction, amount: parsed.minor, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const title = direction === 'in' ? t('cashIn') : t('cashOut');
  return (
    <Modal title={title} onClose={onClose} onConfirm={() => void submit()} busy={busy} testId="cash-dialog">
      <form id="cash-form" onSubmit={(e) => void submit(e)}>
        {direction === 'out' && <p className="hint">{t('cash.inDrawer', { amount: format(expectedCash) })}</p>}
        <Field label={t('cash.amount')} names={AMOUNT} error={error}>
          <input inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="cash-amount" data-autofocus="" />
        </Field>
        <Field label={t('cash.reason')} names={REASON} error={error} hint={direction === 'in' ? t('cash.reasonHintIn') : t('cash.reasonHintOut')}>
          <input autoComplete="off" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cash-reason" />
        </Field>
        {!isFieldError(error, FIELDS) && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('common:actions.cancel')}
            <kbd>{t('keys.esc')}</kbd>
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="cash-confirm">
            {title}
            <kbd>{t('keys.enter')}</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
