import { ReturnDialog } from '../returns/ReturnDialog';

/** A scanned receipt QR (`posy:sale:<id>`): the return dialog for that sale (the returns screen's own). */
export function ReturnSlot({ saleId, onClose }: { saleId: string; onClose: () => void }) {
  return <ReturnDialog saleId={saleId} onClose={onClose} />;
}
