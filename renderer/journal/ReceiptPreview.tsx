import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { useMoney } from '../catalog/useMoney';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import type { JournalEntry } from './types';

/**
 * The receipt as paper, drawn from the stored sale (the amounts are the posted ones). It is a preview
 * in the screen's language: the printer prints it in the shop's language, with the QR code.
 */
export function ReceiptPreview({ entry: e }: { entry: JournalEntry }) {
  const { t, i18n } = useTranslation('journal');
  const language = i18n.language;
  const { format } = useMoney();
  const shop = useApi('shops.get', {}, ['shop.changed']);
  const s = shop.data;
  return (
    <div className="receipt-preview" data-testid="receipt-preview" aria-label={t('receipt.label')}>
      {s && (
        <>
          <div className="center bold">{s.name}</div>
          {s.address && <div className="center">{s.address}</div>}
          {s.phone && <div className="center">{s.phone}</div>}
          {s.taxId && <div className="center">{t('receipt.taxId', { taxId: s.taxId })}</div>}
        </>
      )}
      <div className="rule" />
      <div className="center bold">{e.kind === 'sale' ? t('receipt.sale', { number: e.number }) : t('receipt.return', { number: e.number })}</div>
      {e.original && <div className="center">{t('receipt.returnOf', { number: e.original.number })}</div>}
      <div className="cols">
        <span>{formatDateTime(e.at, language)}</span>
        <span>{e.cashier.name}</span>
      </div>
      <div className="rule" />
      {e.lines.map((l) => (
        <div key={l.id}>
          <div>{l.name}</div>
          <div className="cols">
            <span>{`  ${formatNumber(l.quantity, language)} × ${format(l.unitPrice)}`}</span>
            <span>{format(l.total)}</span>
          </div>
          {l.discount > 0 && (
            <div className="cols">
              <span>{`  ${t('receipt.discount')}`}</span>
              <span>{format(-l.discount)}</span>
            </div>
          )}
        </div>
      ))}
      <div className="rule" />
      {e.rounding !== 0 && (
        <div className="cols">
          <span>{t('receipt.rounding')}</span>
          <span>{format(e.rounding)}</span>
        </div>
      )}
      <div className="cols bold">
        <span>{e.kind === 'sale' ? t('receipt.total') : t('receipt.refund')}</span>
        <span>{format(e.total)}</span>
      </div>
      {e.payments.map((p, i) => (
        <div key={i}>
          <div className="cols">
            <span>{t(`method.${p.method}`)}</span>
            <span>{format(p.tendered ?? p.amount)}</span>
          </div>
          {p.change > 0 && (
            <div className="cols">
              <span>{t('receipt.change')}</span>
              <span>{format(p.change)}</span>
            </div>
          )}
        </div>
      ))}
      {e.client && (
        <>
          <div className="rule" />
          <div>{t('receipt.client', { name: e.client.name })}</div>
        </>
      )}
      {s?.receiptFooter && (
        <>
          <div className="rule" />
          <div className="center">{s.receiptFooter}</div>
        </>
      )}
      <div className="center hint">{t('receipt.qr')}</div>
    </div>
  );
}
