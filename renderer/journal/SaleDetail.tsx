import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { i18n as appI18n } from '../i18n';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ReturnDialog } from '../returns/ReturnDialog';
import { ShortcutButton, useScreenShortcuts } from '../shift/shortcuts';
import { ReceiptPreview } from './ReceiptPreview';

const STATUS_BADGE: Record<string, string> = { done: '', queued: 'warn', printing: 'warn', failed: 'bad' };

/**
 * One sale or return: its lines, payments, the returns made against it (or the sale it returns from),
 * how its receipt printed, and a preview of the receipt. Alt+P reprints (marked COPY), Alt+R returns
 * from it, Alt+V shows or hides the receipt preview.
 */
export function SaleDetail({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation('journal');
  const language = i18n.language;
  const { can } = useSession();
  const { format } = useMoney();
  const rootRef = useRef<HTMLElement>(null);
  const entry = useApi('journal.get', { id }, ['sales.changed', 'print.changed']);
  const [returning, setReturning] = useState(false);
  const [preview, setPreview] = useState(false);
  const [reprint, setReprint] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<unknown>(null);
  const e = entry.data;

  const mayReturn = can('sales.return');
  const canReturn = e !== undefined && e.kind === 'sale' && mayReturn && e.lines.some((l) => l.returned < l.quantity);

  async function doReprint() {
    if (!e || reprint === 'busy') return;
    setReprint('busy');
    setError(null);
    try {
      await call('print.reprint', { saleId: e.id });
      setReprint('sent');
    } catch (err) {
      setError(err);
      setReprint('idle');
    }
  }

  useScreenShortcuts(rootRef, {
    P: e && can('journal.view') ? () => void doReprint() : undefined,
    R: canReturn ? () => setReturning(true) : undefined,
    V: e ? () => setPreview((p) => !p) : undefined,
  });

  return (
    <aside className="panel journal-detail" ref={rootRef} data-testid="journal-detail" aria-live="polite">
      <ErrorMessage error={entry.error ?? error} />
      {!e && entry.loading && <p className="wait">{t('common:status.loading')}</p>}
      {e && e.id === id && (
        <>
          <h2 data-testid="journal-detail-title">
            {e.kind === 'sale' ? t('detail.saleTitle', { number: e.number }) : t('detail.returnTitle', { number: e.number })}
          </h2>
          <p className="hint">
            {t('detail.meta', { at: formatDateTime(e.at, language), shift: e.shiftNumber, cashier: e.cashier.name })}
          </p>
          {e.client && (
            <p>
              {t('detail.client', { name: e.client.name })}
              {e.client.phone && <small className="hint">{` · ${e.client.phone}`}</small>}
            </p>
          )}
          {e.original && (
            <p>
              <button type="button" onClick={() => onOpen(e.original?.id ?? '')} data-testid="journal-open-original">
                {t('detail.returnOf', { number: e.original.number })}
              </button>
            </p>
          )}
          {e.reason && <p className="hint">{t('detail.reason', { reason: e.reason })}</p>}
          {e.approvedBy && <p className="hint">{t('detail.approvedBy', { name: e.approvedBy.name })}</p>}

          <div className="row-actions">
            <ShortcutButton letter="P" testId="journal-reprint" disabled={reprint === 'busy'} onClick={() => void doReprint()}>
              {t('actions.reprint')}
            </ShortcutButton>
            {e.kind === 'sale' && mayReturn && (
              <ShortcutButton letter="R" testId="journal-return" disabled={!canReturn} onClick={() => setReturning(true)}>
                {t('actions.return')}
              </ShortcutButton>
            )}
            <ShortcutButton letter="V" testId="journal-preview" onClick={() => setPreview((p) => !p)}>
              {preview ? t('actions.hidePreview') : t('actions.preview')}
            </ShortcutButton>
          </div>
          {reprint === 'sent' && (
            <p className="calm" role="status" data-testid="journal-reprint-sent">
              {t('detail.reprintSent')}
            </p>
          )}

          {preview && <ReceiptPreview entry={e} />}

          <table className="table compact" data-testid="journal-lines">
            <thead>
              <tr>
                <th>{t('detail.product')}</th>
                <th className="num">{t('detail.quantity')}</th>
                <th className="num">{t('detail.total')}</th>
              </tr>
            </thead>
            <tbody>
              {e.lines.map((l) => (
                <tr key={l.id} data-testid="journal-line">
                  <td>
                    {l.name}
                    <br />
                    <small className="hint">
                      {`${formatNumber(l.quantity, language)} × ${format(l.unitPrice)}`}
                      {l.discount > 0 && ` · ${t('detail.discount', { amount: format(l.discount) })}`}
                      {l.priceReason && ` · ${l.priceReason}`}
                    </small>
                    {l.returned > 0 && (
                      <span className="badge bad" data-testid="journal-line-returned">
                        {t('detail.returnedQty', { qty: l.returned })}
                      </span>
                    )}
                    {l.disposition && <span className={`badge ${l.disposition === 'writeoff' ? 'warn' : ''}`}>{t(`disposition.${l.disposition}`)}</span>}
                  </td>
                  <td className="num">{formatNumber(l.quantity, language)}</td>
                  <td className="num">{format(l.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <dl className="report-list">
            <Line label={t('detail.subtotal')} value={format(e.subtotal)} />
            {e.discountTotal > 0 && <Line label={t('detail.discounts')} value={format(-e.discountTotal)} />}
            {e.rounding !== 0 && <Line label={t('detail.rounding')} value={format(e.rounding)} />}
            <Line label={e.kind === 'sale' ? t('detail.paid') : t('detail.refunded')} value={format(e.total)} strong testId="journal-detail-total" />
          </dl>

          <h3>{e.kind === 'sale' ? t('detail.payments') : t('detail.refunds')}</h3>
          <dl className="report-list" data-testid="journal-payments">
            {e.payments.map((p, i) => (
              <Line
                key={i}
                label={[t(`method.${p.method}`), p.reference ?? ''].filter(Boolean).join(' · ')}
                value={
                  p.tendered !== null && p.change > 0
                    ? `${format(p.amount)} (${t('detail.tendered', { tendered: format(p.tendered), change: format(p.change) })})`
                    : format(p.amount)
                }
              />
            ))}
          </dl>

          {e.returns.length > 0 && (
            <>
              <h3>{t('detail.returns')}</h3>
              <ul className="report-rows" data-testid="journal-returns">
                {e.returns.map((r) => (
                  <li key={r.id}>
                    <button type="button" className="report-row" onClick={() => onOpen(r.id)} data-testid="journal-return-link">
                      <span className="badge bad">{t('kind.return')}</span>
                      <span className="grow">{t('detail.returnNumber', { number: r.number })}</span>
                      <span className="hint">{formatDateTime(r.at, language)}</span>
                      <span className="num">{format(r.total)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}

          <h3>{t('detail.printing')}</h3>
          {e.printJobs.length === 0 ? (
            <p className="hint" data-testid="journal-print-none">
              {t('detail.notPrinted')}
            </p>
          ) : (
            <ul className="report-rows" data-testid="journal-print-jobs">
              {e.printJobs.map((j) => (
                <li key={j.id} className="row" style={{ gap: '0.5rem', alignItems: 'center' }} data-testid="journal-print-job" data-status={j.status}>
                  <span className={`badge ${STATUS_BADGE[j.status] ?? ''}`}>{t(`print.${j.status}`)}</span>
                  {j.copy && <span className="badge muted">{t('print.copy')}</span>}
                  <span className="hint">{formatDateTime(j.printedAt ?? j.createdAt, language)}</span>
                  {j.lastError && j.status !== 'done' && <span className="field-error">{printError(j.lastError, t)}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {returning && e && (
        <ReturnDialog
          saleId={e.id}
          onClose={() => {
            setReturning(false);
            entry.reload();
          }}
        />
      )}
    </aside>
  );
}

/** A print job's last failure: the printing area's message key when it is one, else as stored. */
function printError(key: string, t: (k: string) => string): string {
  const full = key.startsWith('errors:') ? key : `errors:${key}`;
  return appI18n.exists(full) ? t(full) : key;
}

function Line({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div className={strong ? 'strong' : undefined}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
