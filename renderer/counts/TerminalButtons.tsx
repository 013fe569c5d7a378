import { useTranslation } from 'react-i18next';

/**
 * The data-collection terminal's buttons on the counting screen: import a file, receive a serial
 * upload, export the product list. PLACEHOLDER until renderer/terminals/* (H7) exists: see the wiring
 * note in the report; the real components replace the disabled buttons here.
 */
export function TerminalButtons({ countId: _countId, categoryId: _categoryId, onDone: _onDone }: { countId: string; categoryId: string | null; onDone: () => void }) {
  const { t } = useTranslation('counts');
  return (
    <div className="count-terminal-buttons">
      <button type="button" disabled title={t('terminal.soon')} data-testid="count-import-file">
        {t('terminal.importFile')}
      </button>
      <button type="button" disabled title={t('terminal.soon')} data-testid="count-serial-upload">
        {t('terminal.serialUpload')}
      </button>
    </div>
  );
}
