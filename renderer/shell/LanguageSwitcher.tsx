import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n/languages';
import { useSession } from '../app/session';
import { ErrorMessage } from '../ui/ErrorMessage';
import { LanguageOptions } from '../ui/LanguageOptions';

/** The five languages, each labelled in its own script. */
export function LanguageSelect({ value, onChange, disabled }: { value: string; onChange: (lang: Language) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <select
      className="language-switcher"
      data-testid="language-switcher"
      aria-label={t('language.label')}
      title={t('language.label')}
      value={isLanguage(value) ? value : 'en'}
      disabled={disabled}
      onChange={(e) => {
        if (isLanguage(e.target.value)) onChange(e.target.value);
      }}
    >
      <LanguageOptions />
    </select>
  );
}

/** The signed-in user's language: saved to their account and applied at once. */
export function LanguageSwitcher() {
  const { session, setLanguage } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <span className="language">
      <LanguageSelect
        value={session.language}
        disabled={busy}
        onChange={(lang) => {
          setBusy(true);
          setError(null);
          setLanguage(lang)
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      />
      <ErrorMessage error={error} />
    </span>
  );
}
