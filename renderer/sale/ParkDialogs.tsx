import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/dates';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useSaleApi } from './api';
import { ENTER, ESC } from './symbols';

/** Put the sale aside with an optional label ("the lady in the red coat"). */
export function ParkDialog({ onPark, onClose, error, busy }: { onPark: (label: string) => void; onClose: () => void; error: unknown; busy: boolean }) {
  const { t } = useTranslation('sale');
  const [label, setLabel] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    onPark(label.trim());
  }
  return (
    <Modal
      title={t('park.title')}
      onClose={onClose}
      busy={busy}
      testId="park-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="submit" form="park-form" className="primary" data-testid="park-confirm" disabled={busy}>
            {t('park.confirm')}
            <Kbd>{ENTER}</Kbd>
          </button>
        </>
      }
    >
      <form id="park-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('park.label')}</span>
          <input data-testid="park-label" data-autofocus maxLength={60} autoComplete="off" value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
      </form>
    </Modal>
  );
}

/** The parked sales of this shop, newest first; picking one brings it back (the current one is parked first). */
export function ResumeDialog({
  onResume,
  onClose,
  error,
  busy,
  format,
  parksCurrent,
}: {
  onResume: (id: string) => void;
  onClose: () => void;
  error: unknown;
  busy: boolean;
  format: (minor: number) => string;
  parksCurrent: boolean;
}) {
  const { t, i18n } = useTranslation('sale');
  const parked = useSaleApi('sales.parked', ['sales.changed']);
  const rows = parked.data ?? [];
  return (
    <Modal
      title={t('resume.title')}
      onClose={onClose}
      busy={busy}
      testId="resume-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
        </>
      }
    >
      {parksCurrent && rows.length > 0 && <p className="hint">{t('resume.parksCurrent')}</p>}
      <ul className="parked-list">
        {rows.map((p, i) => (
          <li key={p.id}>
            <button type="button" className="parked" data-testid="parked-sale" disabled={busy} data-autofocus={i === 0 ? true : undefined} onClick={() => onResume(p.id)}>
              <strong>{p.label || t('resume.noLabel')}</strong>
              <span className="hint">
                {t('resume.meta', { at: formatDateTime(p.parkedAt, i18n.language), by: p.parkedBy, lines: p.lineCount })}
              </span>
              <span className="parked-total">{format(p.total)}</span>
            </button>
          </li>
        ))}
        {parked.data && rows.length === 0 && <li className="hint">{t('resume.none')}</li>}
      </ul>
      <ErrorMessage error={error ?? parked.error} />
    </Modal>
  );
}
