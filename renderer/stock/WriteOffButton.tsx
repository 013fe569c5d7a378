import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { WriteOffDialog } from '../writeoffs/WriteOffDialog';
import type { LotRow } from './types';

/** The write-off button on a lot row: H3's dialog, for this lot (all of it by default). */
export function WriteOffButton({ lot, onDone }: { lot: Pick<LotRow, 'lotId' | 'productId' | 'name' | 'quantity'>; onDone?: () => void }) {
  const { t } = useTranslation('stock');
  // Where the dialog renders: the screen, not the row. A lot row of the virtual list is moved with a
  // transform, and a fixed backdrop inside a transformed row is squeezed into the row's 48 px.
  const [host, setHost] = useState<Element | null>(null);
  return (
    <>
      <button
        type="button"
        className="ghost small"
        data-testid="lot-writeoff"
        onClick={(e) => {
          e.stopPropagation();
          setHost(e.currentTarget.closest('.page') ?? document.body);
        }}
      >
        {t('writeOff.button')}
      </button>
      {host &&
        createPortal(
          <WriteOffDialog
            lot={{ lotId: lot.lotId, productId: lot.productId, name: lot.name, quantity: lot.quantity }}
            onClose={() => setHost(null)}
            {...(onDone ? { onDone } : {})}
          />,
          host,
        )}
    </>
  );
}
