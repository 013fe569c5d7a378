import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import type { Output } from '../../shop/api/contract';
import { useSession } from '../app/session';
import { isLanguage, LANGUAGE_LABELS, PIN_ROLES, ROLES, type Language, type Role } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { LanguageOptions } from '../ui/LanguageOptions';

type User = Output<'users.list'>[number];
type Editing = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'secret'; user: User } | null;

/** Settings → Users: who works here, their role and language; new PINs for the forgetful; archive, never delete. */
export function UsersPage() {
  const { t } = useTranslation('settings');
  const { can } = useSession();
  const [includeArchived, setIncludeArchived] = useState(false);
  const users = useApi('users.list', { includeArchived }, ['users.changed', 'roles.changed']);
  const [editing, setEditing] = useState<Editing>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const manage = can('users.manage');

  async function setArchived(user: User, archived: boolean) {
    setRowError(null);
    try {
      await call(archived ? 'users.archive' : 'users.restore', { id: user.id });
      users.reload();
    } catch (e) {
      setRowError(e);
    }
  }

  return (
    <div className="settings-page">
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <label className="check">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          {t('users.showArchived')}
        </label>
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'create' })} disabled={!users.data}>
          {t('users.add')}
        </button>
      </div>
      <ErrorMessage error={users.error ?? rowError} />
      {editing && (
        <UserForm
          key={editing.kind === 'create' ? 'create' : `${editing.kind}:${editing.user.id}`}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            users.reload();
          }}
        />
      )}
      {users.data && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('users.name')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.language')}</th>
              <th>{t('users.status')}</th>
              <th>
                <span className="sr-only">{t('users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <tr key={user.id} className={user.archived ? 'archived' : undefined} data-testid="user-row">
                <td>{user.name}</td>
                <td>{t(`common:roles.${user.role}`)}</td>
                <td lang={user.language}>{isLanguage(user.language) ? LANGUAGE_LABELS[user.language] : user.language}</td>
                <td>{t(user.archived ? 'users.archived' : user.locked ? 'users.lockedOut' : 'users.active')}</td>
                <td className="row-actions">
                  {!user.archived && (
                    <>
                      <button type="button" disabled={!manage} onClick={() => setEditing({ kind: 'edit', user })}>
                        {t('common:actions.edit')}
                      </button>
                      <button type="button" disabled={!manage} onClick={() => setEditing({ kind: 'secret', user })}>
                        {t(user.signInWith === 'pin' ? 'users.resetPin' : 'users.resetPassword')}
                      </button>
                    </>
                  )}
                  <button type="button" disabled={!manage} onClick={() => void setArchived(user, !user.archived)}>
                    {t(user.archived ? 'users.restore' : 'users.archive')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const FORM_FIELDS = ['name', 'role', 'language', 'secret', 'pin', 'password'];

function UserForm({ editing, onClose, onSaved }: { editing: NonNullable<Editing>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('settings');
  const existing = editing.kind === 'create' ? null : editing.user;
  const [name, setName] = useState(existing?.name ?? '');
  const [role, setRole] = useState<Role>((existing?.role as Role | undefined) ?? 'cashier');
  const [language, setLanguage] = useState<Language>(existing && isLanguage(existing.language) ? existing.language : 'en');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pin = PIN_ROLES.includes(role);
  const onlySecret = editing.kind === 'secret';

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (editing.kind === 'create') await call('users.create', { name, role, language, secret });
      else if (editing.kind === 'secret') await call('users.setSecret', { id: editing.user.id, secret });
      else await call('users.update', { id: editing.user.id, name, role, language, ...(secret ? { secret } : {}) });
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const title =
    editing.kind === 'create'
      ? t('users.add')
      : editing.kind === 'secret'
        ? t(pin ? 'users.resetPinFor' : 'users.resetPasswordFor', { name: editing.user.name })
        : t('users.editTitle', { name: editing.user.name });

  return (
    <form className="panel" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && onClose()} noValidate aria-busy={busy}>
      <h2>{title}</h2>
      {!onlySecret && (
        <div className="row">
          <Field label={t('users.name')} names={['name']} error={error}>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoFocus />
          </Field>
          <Field label={t('users.role')} names={['role']} error={error}>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`common:roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('users.language')} names={['language']} error={error}>
            <select value={language} onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}>
              <LanguageOptions />
            </select>
          </Field>
        </div>
      )}
      <Field
        label={t(pin ? 'users.pin' : 'users.password')}
        names={['secret', 'pin', 'password']}
        error={error}
        hint={t(editing.kind === 'edit' ? 'users.secretKeep' : pin ? 'users.pinHint' : 'users.passwordHint')}
      >
        <input
          type="password"
          inputMode={pin ? 'numeric' : 'text'}
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(pin ? e.target.value.replace(/\D/g, '').slice(0, 8) : e.target.value)}
          autoFocus={onlySecret}
        />
      </Field>
      {!isFieldError(error, FORM_FIELDS) && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('common:actions.save')}
        </button>
      </div>
    </form>
  );
}
