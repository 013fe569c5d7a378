import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call, randomId } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { errorField } from '../i18n/translateError';
import { ErrorMessage } from '../ui/ErrorMessage';
import { parseCount } from '../shift/cashCount';
import { Modal } from '../ui/Modal';
import { ShortcutButton, useScreenShortcuts } from '../shift/shortcuts';
import { ReturnPreview } from './ReturnPreview';
import { commitLines, emptyDraft, quoteRequest, refusedLine, returnEverything, stepLine, type Disposition, type ReturnDraft } from './returnDraft';
import { useReturnQuote } from './useReturnQuote';
import '../shift/counter.css';
import './returns.css';

type ReturnResult = Output<'returns.commit'>;

const REASONS = ['wilted', 'damaged', 'wrongItem', 'changedMind'] as const;
const MINUS = '−';
const DISPOSITIONS: readonly Disposition[] = ['restock', 'writeoff'];
const NO_CHOICE = { quantity: '', disposition: 'restock' as Disposition };
const PLUS = '+';
const NOT_A_COUNT = { code: 'invalid_input', messageKey: 'returns:problems.notACount' } as const;

export interface ReturnDialogProps {
  /** The sale to return from (the journal's row, or the id in a scanned receipt's `posy:sale:<id>`). */
  saleId: string;
  onClose: () => void;
  /** After the return is posted (the dialog stays open on the refund until closed). */
  onReturned?: (result: ReturnResult) => void;
}

/**
 * A return against a sale: choose how many of each line come back and, per line, whether the flowers
 * go back to stock or are written off as wilted; give a reason; confirm. The backend works out the
 * refund (card first up to what the card paid, the rest cash), shown per line and per method as the
 * quantities change (returns.quote) so the cashier knows what to give back before confirming; the
 * commit prints the return receipt. Keyboard: Alt+A everything, Ctrl+Enter confirm, Esc close.
 */
export function ReturnDialog({ saleId, onClose, onReturned }: ReturnDialogProps) {
  const { t, i18n } = useTranslation('returns');
  const { can } = useSession();
  const { format } = useMoney();
  const language = i18n.language;
  const sale = useApi('returns.lookup', { saleId }, ['sales.changed']);
  const [draft, setDraft] = useState<ReturnDraft>({});
  const [reason, setReason] = useState('');
  // One id per return: confirming again after a lost answer finds the return already posted; a next
  // return of the same sale (the sale reloads with it) gets a new one.
  const [requestId, setRequestId] = useState(randomId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problemLine, setProblemLine] = useState<string | null>(null);
  const [result, setResult] = useState<ReturnResult | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const lines = useMemo(() => sale.data?.lines ?? [], [sale.data]);
  const allowed = can('sales.return');
  const request = useMemo(() => quoteRequest(lines, draft), [lines, draft]);
  const preview = useReturnQuote(sale.data && allowed && !result ? sale.data.id : null, request.kind === 'ask' ? request.lines : null);
  // A refusal of the current choice that names a line is shown under that line; any other under the refund.
  const previewLine = preview.error ? refusedLine(errorField(preview.error), preview.sent) : null;

  // A fresh draft once the sale is loaded (and after a return, from its new returnable quantities).
  const loadedId = sale.data ? `${sale.data.id}:${sale.data.returns.length}` : null;
  useEffect(() => {
    if (!sale.data) return;
    setDraft(emptyDraft(sale.data.lines));
    setRequestId(randomId());
    // The lines arrive after the dialog opened: start typing in the first line that can come back.
    requestAnimationFrame(() => bodyRef.current?.querySelector<HTMLInputElement>('[data-testid="return-quantity"]:not([disabled])')?.focus());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another sale or return is loaded
  }, [loadedId]);

  // A refusal of the last confirm no longer applies once the choice changes.
  useEffect(() => {
    setError(null);
    setProblemLine(null);
  }, [draft]);

  function choose(lineId: string, quantity: string | null, disposition?: Disposition) {
    setDraft((d) => {
      const current = d[lineId] ?? { quantity: '', disposition: 'restock' as const };
      return { ...d, [lineId]: { quantity: quantity ?? current.quantity, disposition: disposition ?? current.disposition } };
    });
  }

  async function confirm() {
    if (busy || result || !sale.data) return;
    const chosen = commitLines(lines, draft);
    if (!chosen.ok) {
      setProblemLine(chosen.lineId ?? null);
      setError({ code: 'invalid_input', messageKey: `returns:problems.${chosen.problem}`, field: 'lines' });
      return;
    }
    if (reason.trim() === '') {
      setError({ code: 'invalid_input', messageKey: 'returns:problems.reason', field: 'reason' });
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setProblemLine(null);
    try {
      const answer = await call('returns.commit', { saleId: sale.data.id, lines: chosen.lines, reason: reason.trim(), requestId });
      setResult(answer);
      onReturned?.(answer);
    } catch (e) {
      setError(e);
      setProblemLine(refusedLine(errorField(e), chosen.lines));
    } finally {
      setBusy(false);
    }
  }

  useScreenShortcuts(bodyRef, {
    A: sale.data && !result ? () => setDraft((d) => returnEverything(lines, d)) : undefined,
  });

  const title = sale.data ? t('title', { number: sale.data.number }) : t('titleLoading');
  if (result) {
    const cash = result.refunds.find((r) => r.method === 'cash')?.amount ?? 0;
    return (
      <Modal
        title={t('done.title', { number: result.number })}
        onClose={onClose}
        onConfirm={onClose}
        testId="return-done"
        footer={
          <>
            <span className="spacer" />
            <button type="button" className="primary" onClick={onClose} data-testid="return-done-close" data-autofocus="">
              {t('done.close')}
              <kbd>{t('keys.esc')}</kbd>
            </button>
          </>
        }
      >
        <dl className="report-list refunds" data-testid="return-refunds">
          {result.refunds.map((r) => (
            <div key={r.method} data-testid={`return-refund-${r.method}`}>
              <dt>{t(`done.refund.${r.method}`)}</dt>
              <dd>{format(r.amount)}</dd>
            </div>
          ))}
          <div className="strong">
            <dt>{t('done.total')}</dt>
            <dd data-testid="return-refund-total">{format(result.total)}</dd>
          </div>
        </dl>
        {cash > 0 && (
          <p className="calm lead" data-testid="return-give-cash">
            {t('done.giveCash', { amount: format(cash) })}
          </p>
        )}
        <p className="hint">{result.printJobId ? t('done.printing') : t('done.notPrinted')}</p>
      </Modal>
    );
  }

  return (
    <Modal
      title={title}
      onClose={onClose}
      onConfirm={() => void confirm()}
      busy={busy}
      wide
      testId="return-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('cancel')}
            <kbd>{t('keys.esc')}</kbd>
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void confirm()}
            disabled={busy || !sale.data || !allowed || sale.data.fullyReturned}
            data-testid="return-confirm"
          >
            {t('confirm')}
            <kbd>{t('keys.ctrlEnter')}</kbd>
          </button>
        </>
      }
    >
      <div ref={bodyRef}>
        <ErrorMessage error={sale.error} />
        {!allowed && <ErrorMessage error={{ code: 'forbidden', messageKey: 'errors:api.forbidden', params: { permission: 'sales.return' } }} />}
        {sale.data && (
          <>
            <p className="hint" data-testid="return-sale-meta">
              {t('meta', {
                at: formatDateTime(sale.data.at, language),
                cashier: sale.data.cashierName,
                total: format(sale.data.total),
              })}
              {sale.data.client && ` · ${sale.data.client.name}`}
            </p>
            <p className="hint">
              {sale.data.payments.map((p) => t(`paid.${p.method}`, { amount: format(p.amount) })).join(' · ')}
              {sale.data.refunded.total > 0 && ` · ${t('alreadyRefunded', { amount: format(sale.data.refunded.total) })}`}
            </p>
            {sale.data.fullyReturned && <p className="calm">{t('fullyReturned')}</p>}
            <table className="table return-lines" data-testid="return-lines">
              <thead>
                <tr>
                  <th>{t('columns.product')}</th>
                  <th className="num">{t('columns.sold')}</th>
                  <th className="num">{t('columns.lineTotal')}</th>
                  <th>{t('columns.quantity')}</th>
                  <th className="num">{t('columns.refund')}</th>
                  <th>{t('columns.goesTo')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => {
                  const choice = draft[line.id] ?? NO_CHOICE;
                  const count = parseCount(choice.quantity);
                  const invalid = problemLine === line.id || count === null || (count ?? 0) > line.returnable;
                  const none = line.returnable === 0;
                  const refund = preview.quote?.lines.find((l) => l.lineId === line.id)?.refund;
                  // What is wrong with this line now: it is not a number, or returns.quote refused it.
                  const lineProblem =
                    request.kind === 'notACount' && request.lineId === line.id
                      ? NOT_A_COUNT
                      : previewLine === line.id && problemLine !== line.id
                        ? preview.error
                        : null;
                  return (
                    <tr key={line.id} data-testid="return-line" data-line-id={line.id} className={none ? 'archived' : undefined}>
                      <td>
                        {line.name}
                        {line.returned > 0 && <small className="hint">{` · ${t('returnedBefore', { qty: line.returned })}`}</small>}
                      </td>
                      <td className="num">{formatNumber(line.quantity, language)}</td>
                      <td className="num">{format(line.total)}</td>
                      <td>
                        <div className="stepper">
                          <button type="button" tabIndex={-1} disabled={none} aria-label={t('less')} onClick={() => setDraft((d) => ({ ...d, [line.id]: stepLine(line, d[line.id], -1) }))}>
                            {MINUS}
                          </button>
                          <input
                            inputMode="numeric"
                            autoComplete="off"
                            value={choice.quantity}
                            placeholder="0"
                            disabled={none}
                            aria-label={t('quantityOf', { product: line.name, max: line.returnable })}
                            aria-invalid={invalid || undefined}
                            title={t('upTo', { max: line.returnable })}
                            onChange={(e) => choose(line.id, e.target.value)}
                            onFocus={(e) => e.target.select()}
                            onKeyDown={(e) => {
                              if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                                e.preventDefault();
                                setDraft((d) => ({ ...d, [line.id]: stepLine(line, d[line.id], e.key === 'ArrowUp' ? 1 : -1) }));
                              }
                            }}
                            data-testid="return-quantity"
                          />
                          <button type="button" tabIndex={-1} disabled={none} aria-label={t('more')} onClick={() => setDraft((d) => ({ ...d, [line.id]: stepLine(line, d[line.id], 1) }))}>
                            {PLUS}
                          </button>
                        </div>
                        <small className="hint">{t('upTo', { max: line.returnable })}</small>
                        {lineProblem ? <ErrorMessage error={lineProblem} className="return-line-error" /> : null}
                      </td>
                      <td className={`num return-line-refund${preview.fresh ? '' : ' stale'}`} data-testid="return-line-refund">
                        {refund !== undefined && (count ?? 0) > 0 ? format(refund) : ''}
                      </td>
                      <td>
                        <div className="disposition" role="group" aria-label={t('columns.goesTo')}>
                          {DISPOSITIONS.map((d) => (
                            <button
                              key={d}
                              type="button"
                              className={d}
                              aria-pressed={choice.disposition === d}
                              disabled={none}
                              onClick={() => choose(line.id, null, d)}
                              data-testid={`return-${d}`}
                            >
                              {t(`disposition.${d}`)}
                            </button>
                          ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="row" style={{ alignItems: 'flex-end', marginTop: '1rem' }}>
              <ShortcutButton letter="A" testId="return-all" disabled={sale.data.fullyReturned} onClick={() => setDraft((d) => returnEverything(lines, d))}>
                {t('all')}
              </ShortcutButton>
            </div>
            <div className="field" style={{ marginTop: '1rem' }}>
              <label htmlFor="return-reason">{t('reason')}</label>
              <input
                id="return-reason"
                ref={reasonRef}
                autoComplete="off"
                maxLength={200}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="return-reason"
              />
              <div className="row" style={{ gap: '0.5rem', marginTop: '0.4rem' }}>
                {REASONS.map((r) => (
                  <button key={r} type="button" onClick={() => setReason(t(`reasons.${r}`))} data-testid={`return-reason-${r}`}>
                    {t(`reasons.${r}`)}
                  </button>
                ))}
              </div>
            </div>
            <ReturnPreview
              quote={request.kind === 'ask' && preview.error === null ? preview.quote : null}
              stale={!preview.fresh}
              error={previewLine ? null : preview.error}
              lineRefused={previewLine !== null || request.kind === 'notACount'}
              format={format}
            />
            <ErrorMessage error={error} />
            <p className="hint">{t('refundRule')}</p>
          </>
        )}
      </div>
    </Modal>
  );
}
