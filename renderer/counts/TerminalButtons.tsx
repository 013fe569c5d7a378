import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportProductsButton, SerialUploadDialog, TerminalImportDialog } from '../terminals';

/**
 * The data-collection terminal on the counting screen: import a file, receive a serial upload (both
 * add their lines to this count through the terminals API), and export the product list — for the
 * count's category only, so the terminal knows just what is being counted. The dialogs show their
 * own result and are closed by the person; the count reloads as soon as lines are added.
 */
export function TerminalButtons({ countId, categoryId, onDone }: { countId: string; categoryId: string | null; onDone: () => void }) {
  const { t } = useTranslation('counts');
  const [open, setOpen] = useState<'file' | 'serial' | null>(null);
  return (
    <div className="count-terminal-buttons">
      <button type="button" onClick={() => setOpen('file')} data-testid="count-import-file">
        {t('terminal.importFile')}
      </button>
      <button type="button" onClick={() => setOpen('serial')} data-testid="count-serial-upload">
        {t('terminal.serialUpload')}
      </button>
      <ExportProductsButton {...(categoryId ? { categoryId } : {})} />
      {open === 'file' && <TerminalImportDialog countId={countId} onClose={() => setOpen(null)} onDone={onDone} />}
      {open === 'serial' && <SerialUploadDialog countId={countId} onClose={() => setOpen(null)} onDone={onDone} />}
    </div>
  );
}
