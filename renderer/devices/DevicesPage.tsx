import { useTranslation } from 'react-i18next';
import { PrintersSection } from './PrintersSection';
import { ScannersSection } from './ScannersSection';

/** Settings → devices: the receipt printers and the scanners that are not keyboards. */
export function DevicesPage() {
  const { t } = useTranslation();
  return (
    <div className="devices-page">
      <h1>{t('nav.devices')}</h1>
      <PrintersSection />
      <ScannersSection />
    </div>
  );
}
