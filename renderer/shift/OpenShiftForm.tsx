import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { readAmount } from './amount';
import { call } from '../api/client';

const FLOAT_FIELDS = ['openingFloat'];

/** No shift on this till: open one with the cash put in the drawer (the float). */
export function OpenShiftForm() {
  const { t } = useTranslation('shift');
  const { can } = useSession();
  const { currency } = useMoney();
  const [float, setFloat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const allowed = can('shifts.manage');

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const amount = readAmount(float.trim() === '' ? '0' : float, currency, 'openingFloat');
    if (!amount.ok) {
      setError(amount.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('shifts.open', { openingFloat: amount.minor });
      setFloat('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel open-shift" onSubmit={(e) => void submit(e)} data-testid="shift-open-form">
      <p className="lead">{t('noShift')}</p>
      <Field label={t('openingFloat')} names={FLOAT_FIELDS} error={error} hint={t('floatHint')}>
        <input
          ref={inputRef}
          inputMode="decimal"
          autoComplete="off"
          value={float}
          disabled={!allowed || busy}
          onChange={(e) => setFloat(e.target.value)}
          data-testid="shift-float"
        />
      </Field>
      {!isFieldError(error, FLOAT_FIELDS) && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={!allowed || busy} data-testid="shift-open" title={t('common:shortcut', { key: 'Enter' })}>
          {t('open')}
          <kbd>{t('keys.enter')}</kbd>
        </button>
      </div>
    </form>
  );
}
