import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopCurrency } from '../catalog/useMoney';
import { formatMoneyForInput, parseMoney } from '../format/money';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { DiscountInput, PriceOverride } from './types';
import { ENTER, ESC } from './symbols';

export type DiscountTarget =
  | { kind: 'line'; name: string; current: DiscountInput | undefined }
  | { kind: 'sale'; current: DiscountInput | undefined }
  | { kind: 'price'; name: string; current: PriceOverride | undefined; listPrice: number | undefined };

type LocalError = { code: 'invalid_input'; messageKey: string; field?: string };
const refuse = (messageKey: string): LocalError => ({ code: 'invalid_input', messageKey });

/** Reasons a florist's counter gives most; tapping one fills the reason (it can still be edited). */
const DISCOUNT_KINDS = ['percent', 'amount'] as const;
const QUICK_REASONS = ['regular', 'damaged', 'wilting', 'promo', 'manager'] as const;

/**
 * A percentage typed as a person writes it ("10", "12,5") to basis points, exactly: the money parser
 * reads two decimals the same way, so 12,5 % is 1250 bp.
 */
export function parsePercent(text: string): number | null {
  const parsed = parseMoney(text.replace('%', ''), 'USD');
  return parsed.ok && parsed.minor >= 1 && parsed.minor <= 10_000 ? parsed.minor : null;
}

interface DiscountDialogProps {
  target: DiscountTarget;
  onApply: (value: DiscountInput | PriceOverride | null) => void;
  onClose: () => void;
}

/** A discount (% or amount) on a line or the whole sale, or a line's new price; always with a reason. */
export function DiscountDialog({ target, onApply, onClose }: DiscountDialogProps) {
  const { t, i18n } = useTranslation('sale');
  const currency = useShopCurrency() ?? 'USD';
  const isPrice = target.kind === 'price';
  const initialKind = !isPrice && target.current ? target.current.kind : 'percent';
  const [kind, setKind] = useState<'percent' | 'amount'>(initialKind);
  const [value, setValue] = useState(() => {
    if (isPrice) {
      const price = target.current?.unitPrice ?? target.listPrice;
      return price === undefined ? '' : formatMoneyForInput(price, currency, i18n.language);
    }
    if (!target.current) return '';
    return target.current.kind === 'percent'
      ? formatMoneyForInput(target.current.value, 'USD', i18n.language).replace(/[.,]00$/, '')
      : formatMoneyForInput(target.current.value, currency, i18n.language);
  });
  const [reason, setReason] = useState(target.current?.reason ?? '');
  const [error, setError] = useState<LocalError | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const why = reason.trim();
    if (isPrice) {
      const parsed = parseMoney(value, currency);
      if (!parsed.ok) return setError(refuse(`catalog:money.${parsed.error}`));
      if (!why) return setError(refuse('errors:sales.reasonRequired'));
      return onApply({ unitPrice: parsed.minor, reason: why });
    }
    let amount: number | null;
    if (kind === 'percent') {
      amount = parsePercent(value);
      if (amount === null) return setError(refuse('errors:sales.percentInvalid'));
    } else {
      const parsed = parseMoney(value, currency);
      if (!parsed.ok) return setError(refuse(`catalog:money.${parsed.error}`));
      if (parsed.minor < 1) return setError(refuse('errors:sales.discountAmountInvalid'));
      amount = parsed.minor;
    }
    if (!why) return setError(refuse('errors:sales.reasonRequired'));
    onApply({ kind, value: amount, reason: why });
  }

  const title =
    target.kind === 'price'
      ? t('discount.priceTitle', { name: target.name })
      : target.kind === 'line'
        ? t('discount.lineTitle', { name: target.name })
        : t('discount.saleTitle');

  return (
    <Modal
      title={title}
      onClose={onClose}
      testId="discount-dialog"
      className="discount-dialog"
      footer={
        <>
          {target.current && (
            <button type="button" className="ghost" data-testid="discount-remove" onClick={() => onApply(null)}>
              {isPrice ? t('discount.restorePrice') : t('discount.remove')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="submit" form="discount-form" className="primary" data-testid="discount-apply">
            {t('discount.apply')}
            <Kbd>{ENTER}</Kbd>
          </button>
        </>
      }
    >
      <form id="discount-form" onSubmit={submit} noValidate>
        {!isPrice && (
          <div className="segmented" role="radiogroup" aria-label={t('discount.kind')}>
            {DISCOUNT_KINDS.map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={kind === k}
                data-testid={`discount-kind-${k}`}
                className={kind === k ? 'chosen' : undefined}
                onClick={() => setKind(k)}
              >
                {k === 'percent' ? t('discount.percent') : t('discount.amount', { currency })}
              </button>
            ))}
          </div>
        )}
        <label className="field">
          <span>{isPrice ? t('discount.newPrice', { currency }) : kind === 'percent' ? t('discount.percentValue') : t('discount.amountValue', { currency })}</span>
          <input
            data-testid="discount-value"
            data-autofocus
            inputMode="decimal"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('discount.reason')}</span>
          <input data-testid="discount-reason" maxLength={200} autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="quick-reasons" role="group" aria-label={t('discount.quickReasons')}>
          {QUICK_REASONS.map((r) => (
            <button key={r} type="button" className="ghost" onClick={() => setReason(t(`discount.reasons.${r}`))}>
              {t(`discount.reasons.${r}`)}
            </button>
          ))}
        </div>
        {error && <ErrorMessage error={error} />}
      </form>
    </Modal>
  );
}
