import { useTranslation } from 'react-i18next';

/** Placeholder while issue 3 builds this screen. */
export function JournalPage() {
  const { t } = useTranslation();
  return <h1>{t('nav.journal')}</h1>;
}
