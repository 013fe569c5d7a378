import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { translateError } from '../i18n/translateError';
import { reportError } from './reportError';

interface Notice {
  id: number;
  error: unknown;
}

/**
 * Errors nobody caught (an event handler, a forgotten promise): reported to the log and shown as a
 * dismissable notice over the screen, which itself is left exactly as it was.
 */
export function GlobalErrors() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let next = 0;
    const show = (error: unknown, where: string) => {
      // A refusal from the backend is an answer, not a crash: shown, but not logged as a renderer fault.
      if (!(error instanceof ApiError)) reportError(error, where);
      setNotices((list) => [...list.slice(-2), { id: next++, error }]);
    };
    const onError = (e: ErrorEvent) => show(e.error ?? e.message, 'window.error');
    const onRejection = (e: PromiseRejectionEvent) => show(e.reason, 'window.unhandledrejection');
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    return () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    };
  }, []);

  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className="notice" role="alert">
          <p data-testid="error-message">
            {n.error instanceof ApiError ? translateError(n.error, t) : t('crash.unexpected')}
          </p>
          <button type="button" onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}>
            {t('actions.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
