import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { Modal } from '../ui/Modal';

const REASON = ['reason'];

/** Opens the cash drawer without a sale (change for a customer, a note checked): a reason, audited by the backend. */
export function OpenDrawerDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('shift');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setError({ code: 'invalid_input', messageKey: 'shift:drawer.reasonRequired', field: 'reason' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('drawer.open', { reason: reason.trim() });
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal title={t('drawer.title')} onClose={onClose} onConfirm={() => void submit()} busy={busy} testId="drawer-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('cash.reason')} names={REASON} error={error} hint={t('drawer.reasonHint')}>
          <input autoComplete="off" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="drawer-reason" data-autofocus="" />
        </Field>
        {!isFieldError(error, REASON) && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="button" onClick={onClose} disabled={busy}>
            {t('common:actions.cancel')}
            <kbd>{t('keys.esc')}</kbd>
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="drawer-confirm">
            {t('drawer.open')}
            <kbd>{t('keys.enter')}</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
