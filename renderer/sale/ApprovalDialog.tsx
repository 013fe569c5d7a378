import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { formatNumber } from '../format/numbers';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { Approval } from './types';
import { ENTER, ESC } from './symbols';

const ROLE_ORDER = ['owner', 'manager', 'cashier', 'florist', 'courier'];

interface ApprovalDialogProps {
  needed: { requiredBp: number; limitBp: number };
  /** A refusal from the last try (wrong PIN, approver's own limit too low), shown in the dialog. */
  error: unknown;
  onApprove: (approval: Approval) => void;
  onClose: () => void;
}

/**
 * A manager approves a discount beyond the cashier's limit at the counter: pick them, they type
 * their PIN or password. The secret travels with the sale and is checked when it is paid (a wrong
 * one counts towards the approver's lockout like a sign-in).
 */
export function ApprovalDialog({ needed, error, onApprove, onClose }: ApprovalDialogProps) {
  const { t, i18n } = useTranslation('sale');
  const { session } = useSession();
  const picker = useApi('users.picker', {});
  const approvers = useMemo(
    () =>
      (picker.data ?? [])
        .filter((u) => u.id !== session.userId && !u.locked)
        .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role)),
    [picker.data, session.userId],
  );
  const [userId, setUserId] = useState('');
  const [secret, setSecret] = useState('');
  const chosen = approvers.find((u) => u.id === userId) ?? approvers[0];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen || secret === '') return;
    onApprove({ userId: chosen.id, secret });
  }

  const pct = (bp: number) => `${formatNumber(bp / 100, i18n.language)} %`;
  return (
    <Modal
      title={t('approval.title')}
      onClose={onClose}
      testId="approval-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="submit" form="approval-form" className="primary" data-testid="approval-submit" disabled={!chosen || secret === ''}>
            {t('approval.approve')}
            <Kbd>{ENTER}</Kbd>
          </button>
        </>
      }
    >
      <form id="approval-form" onSubmit={submit} noValidate>
        <p className="lead">{t('approval.why', { required: pct(needed.requiredBp), limit: pct(needed.limitBp) })}</p>
        <div className="approvers" role="radiogroup" aria-label={t('approval.who')}>
          {approvers.map((u) => (
            <button
              key={u.id}
              type="button"
              role="radio"
              aria-checked={chosen?.id === u.id}
              className={`approver${chosen?.id === u.id ? ' chosen' : ''}`}
              data-testid="approver"
              onClick={() => {
                setUserId(u.id);
                setSecret('');
              }}
            >
              <strong>{u.name}</strong>
              <small>{t(`common:roles.${u.role}`)}</small>
            </button>
          ))}
        </div>
        <label className="field">
          <span>{chosen?.signInWith === 'pin' ? t('approval.pin') : t('approval.password')}</span>
          <input
            type="password"
            data-testid="approval-secret"
            data-autofocus
            inputMode={chosen?.signInWith === 'pin' ? 'numeric' : undefined}
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
        <ErrorMessage error={error ?? picker.error} />
      </form>
    </Modal>
  );
}
