import { useTranslation } from 'react-i18next';
import type { ApiErrorBody } from '../../shop/api/contract';
import { translateError } from '../i18n/translateError';
import { LanguageSelect } from '../shell/LanguageSwitcher';
import { changeLanguage } from '../i18n';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="fullscreen" aria-busy="true">
      <p className="wait">{t('status.loading')}</p>
    </div>
  );
}

/** A language choice for the screens shown before anyone signs in (the device's language). */
function DeviceLanguage() {
  const { i18n } = useTranslation();
  return <LanguageSelect value={i18n.language} onChange={(lang) => void changeLanguage(lang)} />;
}

/** Browser mode without the launch token: the address must come from Posy's own output. */
export function BadLink() {
  const { t } = useTranslation();
  return (
    <main className="fullscreen status">
      <div className="card">
        <DeviceLanguage />
        <h1>{t('badLink.title')}</h1>
        <p data-testid="error-message">{t('badLink.body')}</p>
        <p className="hint">{t('badLink.hint')}</p>
      </div>
    </main>
  );
}

/** The database could not be opened: nothing was touched, and the person is told what to do next. */
export function StartupFailed({ error }: { error: ApiErrorBody }) {
  const { t } = useTranslation();
  const action = `${error.messageKey}Action`;
  const detail = error.params?.detail;
  return (
    <main className="fullscreen status">
      <div className="card">
        <DeviceLanguage />
        <h1>{t('startup.title')}</h1>
        <p data-testid="error-message">{translateError(error, t)}</p>
        <p className="calm">{t('startup.nothingChanged')}</p>
        <p>{t(action, { defaultValue: t('startup.genericAction') })}</p>
        {detail !== undefined && (
          <details>
            <summary>{t('startup.detail')}</summary>
            <pre>{String(detail)}</pre>
          </details>
        )}
      </div>
    </main>
  );
}

export function Unreachable({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="fullscreen status">
      <div className="card">
        <h1>{t('unreachable.title')}</h1>
        <p data-testid="error-message">{t('errors.connection')}</p>
        <button type="button" className="primary" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      </div>
    </main>
  );
}

/** Over a working screen: the backend stopped answering; nothing on the screen is lost meanwhile. */
export function ConnectionLost() {
  const { t } = useTranslation();
  return (
    <div className="connection-lost" role="alert">
      <strong>{t('unreachable.title')}</strong> <span data-testid="error-message">{t('unreachable.keptWhileAway')}</span>
    </div>
  );
}
