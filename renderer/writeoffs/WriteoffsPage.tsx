import { useTranslation } from 'react-i18next';

/** Placeholder until the screen is built (issue 4). */
export function WriteoffsPage() {
  const { t } = useTranslation();
  return <h1>{t('nav.writeoffs')}</h1>;
}
