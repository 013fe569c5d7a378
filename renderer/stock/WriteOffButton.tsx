import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WriteOffDialog } from '../writeoffs/WriteOffDialog';
import type { LotRow } from './types';

/** The write-off button on a lot row: H3's dialog, for this lot (all of it by default). */
export function WriteOffButton({ lot, onDone }: { lot: Pick<LotRow, 'lotId' | 'productId' | 'name' | 'quantity'>; onDone?: () => void }) {
  const { t } = useTranslation('stock');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="ghost small"
        data-testid="lot-writeoff"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {t('writeOff.button')}
      </button>
      {open && (
        <WriteOffDialog
          lot={{ lotId: lot.lotId, productId: lot.productId, name: lot.name, quantity: lot.quantity }}
          onClose={() => setOpen(false)}
          {...(onDone ? { onDone } : {})}
        />
      )}
    </>
  );
}
