import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import type { Input } from '../../shop/api/contract';
import { ErrorMessage } from '../ui/ErrorMessage';

type Role = Input<'roles.setPermissions'>['role'];
type Permission = Input<'roles.setPermissions'>['permissions'][number];

/** Settings → Roles & permissions: which role may do what. The owner's column is fixed (always everything). */
export function RolesPage() {
  const { t } = useTranslation('settings');
  const roles = useApi('roles.list', {}, ['roles.changed']);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // What the boxes show: the saved table with the change being saved already applied, so a tick is
  // seen at once; a refusal puts the saved state back.
  const [pending, setPending] = useState<{ role: Role; permissions: readonly Permission[] } | null>(null);

  async function toggle(role: Role, current: readonly Permission[], permission: Permission, on: boolean) {
    const next = on ? [...current, permission] : current.filter((p) => p !== permission);
    setPending({ role, permissions: next });
    setSaving(true);
    setError(null);
    try {
      await call('roles.setPermissions', { role, permissions: next });
      roles.reload();
    } catch (e) {
      setError(e);
      setPending(null);
    } finally {
      setSaving(false);
    }
  }

  // When the table comes back from the backend (after this change or any other), it is the truth again.
  useEffect(() => setPending(null), [roles.data]);
  const shown = (role: Role, saved: readonly Permission[]) => (pending?.role === role ? pending.permissions : saved);

  return (
    <div className="settings-page">
      <div className="page-head">
        <h1>{t('roles.title')}</h1>
      </div>
      <ErrorMessage error={roles.error ?? error} />
      {roles.data && (
        <>
          <p className="hint">{t('roles.hint')}</p>
          <table className="table grid">
            <thead>
              <tr>
                <th scope="col">{t('roles.permission')}</th>
                {roles.data.roles.map((r) => (
                  <th key={r.role} scope="col">
                    {t(`common:roles.${r.role}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {roles.data.permissions.map((permission) => (
                <tr key={permission}>
                  <th scope="row">{t(`common:permissions.${permission}`)}</th>
                  {roles.data?.roles.map((r) => {
                    const granted = shown(r.role, r.permissions);
                    const checked = granted.includes(permission);
                    return (
                      <td key={r.role}>
                        <input
                          type="checkbox"
                          checked={checked}
                          disabled={r.fixed || saving}
                          title={r.fixed ? t('roles.ownerFixed') : undefined}
                          aria-label={t('roles.cell', {
                            role: t(`common:roles.${r.role}`),
                            permission: t(`common:permissions.${permission}`),
                          })}
                          onChange={(e) => void toggle(r.role, granted, permission, e.target.checked)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr className="limit-row">
                <th scope="row">
                  {t('roles.discountLimit')}
                  <small className="hint">{t('roles.discountLimitHint')}</small>
                </th>
                {roles.data.roles.map((r) => (
                  <td key={r.role}>
                    <LimitCell
                      role={r.role}
                      label={t('roles.cell', { role: t(`common:roles.${r.role}`), permission: t('roles.discountLimit') })}
                      savedBp={r.maxDiscountBp}
                      fixed={r.fixed}
                      onError={setError}
                      onSaved={roles.reload}
                    />
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** A role's own discount limit in percent (stored as basis points); saved when the field is left or Enter pressed. */
function LimitCell(props: { role: Role; label: string; savedBp: number; fixed: boolean; onError(e: unknown): void; onSaved(): void }) {
  const { role, label, savedBp, fixed, onError, onSaved } = props;
  const [text, setText] = useState(String(savedBp / 100));
  useEffect(() => setText(String(savedBp / 100)), [savedBp]);

  async function save() {
    const percent = Number(text.replace(',', '.'));
    const bp = Math.round(percent * 100);
    if (text.trim() === '' || !Number.isFinite(percent) || bp === savedBp) {
      setText(String(savedBp / 100));
      return;
    }
    onError(null);
    try {
      await call('roles.setDiscountLimit', { role, maxDiscountBp: bp });
      onSaved();
    } catch (e) {
      onError(e);
      setText(String(savedBp / 100));
    }
  }

  return (
    <input
      className="limit-input"
      inputMode="decimal"
      value={text}
      disabled={fixed}
      aria-label={label}
      data-testid={`discount-limit-${role}`}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void save();
      }}
    />
  );
}
