import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { ReturnQuote } from './useReturnQuote';

export interface ReturnPreviewProps {
  /** The backend's price of the chosen return; null before anything is chosen or when refused. */
  quote: ReturnQuote | null;
  /** The quote answers an older choice while the newer one is being asked. */
  stale: boolean;
  /** A refusal that concerns no single line (drawer short, no open shift). */
  error: unknown;
  /** A line's quantity is refused (shown under that line): the refund waits for it to be corrected. */
  lineRefused?: boolean;
  format: (minor: number) => string;
}

/**
 * What the customer will get back and how, before the cashier confirms: card first, the rest in cash,
 * exactly as returns.quote answers (nothing is computed here).
 */
export function ReturnPreview({ quote, stale, error, lineRefused = false, format }: ReturnPreviewProps) {
  const { t } = useTranslation('returns');
  const card = quote?.refunds.find((r) => r.method === 'card')?.amount ?? 0;
  const cash = quote?.refunds.find((r) => r.method === 'cash')?.amount ?? 0;
  return (
    <section
      className={`return-preview${stale ? ' stale' : ''}`}
      aria-label={t('preview.title')}
      aria-live="polite"
      aria-busy={stale || undefined}
      data-testid="return-preview"
      data-stale={stale || undefined}
    >
      <h3>{t('preview.title')}</h3>
      <ErrorMessage error={error} />
      {quote ? (
        <dl className="report-list refunds">
          {card > 0 && (
            <div data-testid="return-preview-card">
              <dt>{t('done.refund.card')}</dt>
              <dd>{format(card)}</dd>
            </div>
          )}
          {cash > 0 && (
            <div data-testid="return-preview-cash">
              <dt>{t('done.refund.cash')}</dt>
              <dd>{format(cash)}</dd>
            </div>
          )}
          {quote.rounding !== 0 && (
            <div className="hint" data-testid="return-preview-rounding">
              <dt>{t('preview.rounding')}</dt>
              <dd>{format(quote.rounding)}</dd>
            </div>
          )}
          <div className="strong">
            <dt>{t('done.total')}</dt>
            <dd data-testid="return-preview-total">{format(quote.total)}</dd>
          </div>
        </dl>
      ) : (
        !error && <p className="hint">{t(lineRefused ? 'preview.fixLine' : 'preview.empty')}</p>
      )}
    </section>
  );
}
