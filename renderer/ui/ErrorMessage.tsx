import { useTranslation } from 'react-i18next';
import { LOCK } from './icons';
import { errorBody, translateError } from '../i18n/translateError';

/** A translated error from the backend or the client, announced to screen readers. */
export function ErrorMessage({ error, className }: { error: unknown; className?: string }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const refused = errorBody(error).code === 'forbidden';
  return (
    <p role="alert" className={`error-message${refused ? ' refused' : ''}${className ? ` ${className}` : ''}`} data-testid="error-message">
      {refused && <span aria-hidden="true" className="lock">{LOCK}</span>}
      {translateError(error, t)}
    </p>
  );
}
