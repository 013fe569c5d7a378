import { useTranslation } from 'react-i18next';

/** Placeholder until the screen is built (issue 4). */
export function CountsPage() {
  const { t } = useTranslation();
  return <h1>{t('nav.counts')}</h1>;
}
