import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, Kbd } from '../ui/Dialog';
import { ESC } from './symbols';

/*
 * RETURNS HOOK-UP: the return dialog is the shifts-UI helper's (renderer/returns/ReturnDialog.tsx).
 * It is picked up here when the file exists, so the sale screen builds with or without it; once it is
 * in the repo for good this becomes a plain import.
 */
type ReturnDialogProps = { saleId: string; onClose: () => void };
const modules = import.meta.glob<{ ReturnDialog?: ComponentType<ReturnDialogProps> }>('../returns/ReturnDialog.tsx', { eager: true });
const ReturnDialog = Object.values(modules)[0]?.ReturnDialog;

/** A scanned receipt QR (`posy:sale:<id>`): the return dialog for that sale. */
export function ReturnSlot({ saleId, onClose }: ReturnDialogProps) {
  const { t } = useTranslation('sale');
  if (ReturnDialog) return <ReturnDialog saleId={saleId} onClose={onClose} />;
  return (
    <Dialog
      title={t('return.title')}
      onClose={onClose}
      testId="return-unavailable"
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="primary" onClick={onClose}>
            {t('actions.close')}
            <Kbd>{ESC}</Kbd>
          </button>
        </>
      }
    >
      <p>{t('return.unavailable')}</p>
    </Dialog>
  );
}
