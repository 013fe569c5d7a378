import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import type { Output } from '../../shop/api/contract';
import type { SessionSummary } from '../app/session';
import { changeLanguage } from '../i18n';
import { LanguageSelect } from '../shell/LanguageSwitcher';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PinPad } from './PinPad';

type PickerUser = Output<'users.picker'>[number];

/**
 * The quick user picker: a tile per person; cashiers, florists and couriers then type a PIN,
 * owners and managers a password. Shown over the shop when switching user, so nothing beneath is closed.
 */
export function SignInPage({
  onSignedIn,
  overlay,
  beforeSignIn,
}: {
  onSignedIn: (session: SessionSummary) => void;
  overlay: boolean;
  /** Resolves once the previous user's sign-out has been handled. */
  beforeSignIn: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation('signin');
  const users = useApi('users.picker', {}, ['users.changed']);
  const [chosen, setChosen] = useState<PickerUser | null>(null);

  return (
    <main className={`fullscreen signin${overlay ? ' overlay' : ''}`}>
      <div className="card wide">
        <div className="card-head">
          <h1>{chosen ? chosen.name : t('title')}</h1>
          <LanguageSelect value={i18n.language} onChange={(lang) => void changeLanguage(lang)} />
        </div>
        {chosen ? (
          <SecretForm
            user={chosen}
            onBack={() => {
              setChosen(null);
              users.reload(); // a lockout just now shows on the tile
            }}
            onSignedIn={onSignedIn}
            beforeSignIn={beforeSignIn}
          />
        ) : (
          <>
            <p className="lead">{t('pickUser')}</p>
            <ErrorMessage error={users.error} />
            {users.loading && !users.data && <p className="wait">{t('common:status.loading')}</p>}
            {users.data?.length === 0 && <p className="hint">{t('noUsers')}</p>}
            <ul className="tiles" aria-label={t('users')}>
              {users.data?.map((user, index) => (
                <li key={user.id}>
                  <button
                    type="button"
                    className="tile"
                    data-testid="user-tile"
                    autoFocus={index === 0}
                    onClick={() => setChosen(user)}
                  >
                    <span className="avatar" aria-hidden="true">
                      {initials(user.name)}
                    </span>
                    <span className="tile-name">{user.name}</span>
                    <span className="tile-role">
                      {t(`common:roles.${user.role}`)}
                      {user.locked && ` · ${t('locked')}`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </main>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => [...part][0]?.toUpperCase() ?? '')
    .join('');
}

interface SecretFormProps {
  user: PickerUser;
  onBack: () => void;
  onSignedIn: (s: SessionSummary) => void;
  beforeSignIn: () => Promise<unknown>;
}

function SecretForm({ user, onBack, onSignedIn, beforeSignIn }: SecretFormProps) {
  const { t } = useTranslation('signin');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const pin = user.signInWith === 'pin';

  // Back in the field after a refusal, once it is enabled again, to type the next try at once.
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy, error]);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy || secret === '') return;
    setBusy(true);
    setError(null);
    try {
      await beforeSignIn();
      onSignedIn(await call('users.signIn', { userId: user.id, secret }));
    } catch (err) {
      setError(err);
      setSecret('');
      setBusy(false);
    }
  }

  return (
    <form className="secret-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onBack()}>
      <p className="lead">{t(pin ? 'enterPin' : 'enterPassword')}</p>
      {pin ? (
        <>
          <input
            ref={input}
            className="pin-input"
            data-testid="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            aria-label={t('pin')}
            value={secret}
            disabled={busy}
            onChange={(e) => setSecret(e.target.value.replace(/\D/g, '').slice(0, 8))}
          />
          <PinPad
            disabled={busy}
            onDigit={(d) => {
              setSecret((s) => (s + d).slice(0, 8));
              input.current?.focus();
            }}
            onErase={() => {
              setSecret((s) => s.slice(0, -1));
              input.current?.focus();
            }}
          />
        </>
      ) : (
        <>
          {/* Lets password managers and screen readers pair the password with the person picked. */}
          <input type="text" autoComplete="username" value={user.name} readOnly hidden />
          <input
            ref={input}
            data-testid="password-input"
            type="password"
            autoComplete="current-password"
            aria-label={t('password')}
            value={secret}
            disabled={busy}
            onChange={(e) => setSecret(e.target.value)}
          />
        </>
      )}
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" onClick={onBack} title={t('backHint')}>
          {t('common:actions.back')}
        </button>
        <button type="submit" className="primary" data-testid="signin-submit" disabled={busy || secret === ''}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </div>
    </form>
  );
}
