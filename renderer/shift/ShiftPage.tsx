import { useTranslation } from 'react-i18next';

/** Placeholder while issue 3 builds this screen. */
export function ShiftPage() {
  const { t } = useTranslation();
  return <h1>{t('nav.shift')}</h1>;
}
