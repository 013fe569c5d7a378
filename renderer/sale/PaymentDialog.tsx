import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopCurrency } from '../catalog/useMoney';
import { formatMoneyForInput, parseMoney } from '../format/money';
import { errorField } from '../i18n/translateError';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ErrorMessage } from '../ui/ErrorMessage';
import { randomId } from '../api/client';
import { saleCall, useSaleApi } from './api';
import { latestOnly } from './latest';
import type { CommitResult, DraftInput, Payment, Quote } from './types';
import { ENTER, ESC } from './symbols';

export type PayMode = 'cash' | 'card' | 'split';
const MODES: readonly PayMode[] = ['cash', 'card', 'split'];
const QUICK_NOTES = 3;

type LocalError = { code: 'invalid_input'; messageKey: string; field?: string };
const refuse = (messageKey: string, field?: string): LocalError => ({ code: 'invalid_input', messageKey, ...(field ? { field } : {}) });

/**
 * What a customer is likely to hand over for `due`: `due` rounded up to each note (12.50 → 15, 20,
 * 50; 439 → 440, 450, 500), the few smallest, so a large sale gets useful buttons too.
 */
export function quickNotes(notes: readonly number[], due: number, count = QUICK_NOTES): number[] {
  if (due <= 0) return [];
  const amounts = new Set<number>();
  for (const n of notes) if (n > 0) amounts.add(Math.ceil(due / n) * n);
  amounts.delete(due);
  return [...amounts].sort((a, b) => a - b).slice(0, count);
}

interface PaymentDialogProps {
  quote: Quote;
  draft: DraftInput;
  format: (minor: number) => string;
  onDone: (result: CommitResult) => void;
  /** The approver's secret or limit was refused at commit: the page asks for approval again. */
  onApprovalRefused: (error: unknown) => void;
  onClose: () => void;
}

/**
 * Taking the money: cash (tendered, with the likely notes one tap away and the change shown big),
 * card (the amount the external terminal charged, confirmed by the cashier, with its slip number if
 * wanted), or both. The amounts to pay come from the quote; the backend settles and rounds them.
 */
export function PaymentDialog({ quote, draft, format, onDone, onApprovalRefused, onClose }: PaymentDialogProps) {
  const { t, i18n } = useTranslation('sale');
  const currency = useShopCurrency() ?? 'USD';
  const denominations = useSaleApi('shifts.denominations', []);
  const [mode, setMode] = useState<PayMode>('cash');
  const [tendered, setTendered] = useState('');
  const [card, setCard] = useState('');
  const [reference, setReference] = useState('');
  const [print, setPrint] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language;

  const parse = (text: string) => (text.trim() === '' ? null : parseMoney(text, currency));
  const tenderedParsed = parse(tendered);
  const cardParsed = parse(card);
  const cardMinor = cardParsed?.ok ? cardParsed.minor : 0;

  // Beside a card the cash part is rounded to the shop's smallest coin: the backend says to what.
  const [splitDue, setSplitDue] = useState<{ card: number; due: number } | null>(null);
  const [newest] = useState(latestOnly);
  // One id for this payment: pressing Pay again after a lost answer finds the sale already posted.
  const [requestId] = useState(randomId);
  const askCard = mode === 'split' && cardParsed?.ok ? cardParsed.minor : null;
  // The sale screen hands a new draft object on every render: ask again only when its content changes.
  const draftKey = JSON.stringify(draft);
  useEffect(() => {
    if (askCard === null) return;
    const fresh = newest.ticket();
    saleCall('sales.quote', { ...(JSON.parse(draftKey) as DraftInput), cardAmount: askCard }).then(
      (q) => fresh() && setSplitDue({ card: askCard, due: q.cashDue }),
      () => fresh() && setSplitDue(null),
    );
  }, [askCard, draftKey, newest]);
  const splitKnown = splitDue !== null && splitDue.card === askCard;

  // What the cash part comes to. Cash alone pays the quote's rounded cash total; beside a card, the
  // backend's answer for that card amount (until it arrives, the rest of the total, and no "exact").
  const cashDue = mode === 'cash' ? quote.cashTotal : mode === 'split' ? (splitKnown ? splitDue.due : Math.max(0, quote.total - cardMinor)) : 0;
  const tenderedMinor = tenderedParsed?.ok ? tenderedParsed.minor : cashDue;
  // Shown while typing only; the sale's change is the one the backend answers at commit.
  const change = mode === 'card' ? 0 : Math.max(0, tenderedMinor - cashDue);
  const short = mode === 'cash' ? Math.max(0, cashDue - tenderedMinor) : 0;
  const notes = useMemo(() => {
    const d = denominations.data as { notes?: number[] } | undefined;
    return quickNotes(d?.notes ?? [], cashDue);
  }, [denominations.data, cashDue]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const m = /^(?:Digit|Numpad)([123])$/.exec(e.code);
      if (!m) return;
      e.preventDefault();
      e.stopPropagation();
      choose(MODES[Number(m[1]) - 1] ?? 'cash');
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  function choose(next: PayMode) {
    setMode(next);
    setError(null);
    if (next === 'split' && card === '') setCard('');
    // The field the cashier types next takes the focus.
    setTimeout(() => document.querySelector<HTMLInputElement>(next === 'cash' ? '[data-testid="tendered-input"]' : '[data-testid="card-amount"]')?.focus(), 0);
  }

  function payments(): Payment[] | LocalError {
    const ref = reference.trim() ? { reference: reference.trim() } : {};
    if (mode === 'card') return [{ method: 'card', amount: quote.total, ...ref }];
    if (tenderedParsed && !tenderedParsed.ok) return refuse(`catalog:money.${tenderedParsed.error}`, 'tendered');
    if (mode === 'cash') return [{ method: 'cash', tendered: tenderedMinor }];
    if (!cardParsed) return refuse('sale:pay.cardAmountRequired', 'card');
    // Until the backend has said what the cash part rounds to, the cashier types what was handed over.
    if (!tenderedParsed && !splitKnown) return refuse('sale:pay.cashRequired', 'tendered');
    if (!cardParsed.ok) return refuse(`catalog:money.${cardParsed.error}`, 'card');
    if (cardParsed.minor < 1) return refuse('errors:sales.paymentInvalid', 'card');
    return [
      { method: 'card', amount: cardParsed.minor, ...ref },
      { method: 'cash', tendered: tenderedMinor },
    ];
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const p = payments();
    if (!Array.isArray(p)) return setError(p);
    setBusy(true);
    setError(null);
    try {
      const result = await saleCall('sales.commit', { ...draft, payments: p, print, requestId });
      onDone(result);
    } catch (err) {
      setBusy(false);
      if ((errorField(err) ?? '').startsWith('approval')) onApprovalRefused(err);
      else setError(err);
    }
  }

  const dueShown = mode === 'cash' ? quote.cashTotal : quote.total;
  return (
    <Modal
      title={t('pay.title')}
      onClose={onClose}
      busy={busy}
      testId="payment-dialog"
      className="payment-dialog"
      footer={
        <>
          <label className="check">
            <input type="checkbox" data-testid="print-receipt" checked={print} onChange={(e) => setPrint(e.target.checked)} />
            {t('pay.printReceipt')}
          </label>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="submit" form="payment-form" className="primary big" data-testid="commit-sale" disabled={busy}>
            {mode === 'card' ? t('pay.cardDone') : t('pay.done')}
            <Kbd>{ENTER}</Kbd>
          </button>
        </>
      }
    >
      <form id="payment-form" onSubmit={submit} noValidate>
        <div className="pay-due">
          <span>{t('pay.due')}</span>
          <strong data-testid="pay-due">{format(dueShown)}</strong>
          {mode === 'cash' && quote.rounding !== 0 && (
            <small className="hint">{t('pay.rounded', { total: format(quote.total) })}</small>
          )}
        </div>
        <div className="segmented pay-modes" role="radiogroup" aria-label={t('pay.method')}>
          {MODES.map((m, i) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'chosen' : undefined}
              data-testid={`pay-${m}`}
              onClick={() => choose(m)}
            >
              {t(`pay.${m}`)}
              <Kbd>{`Alt+${i + 1}`}</Kbd>
            </button>
          ))}
        </div>

        {mode !== 'cash' && (
          <div className="row">
            <label className="field">
              <span>{mode === 'card' ? t('pay.cardAmount') : t('pay.cardPart')}</span>
              {mode === 'card' ? (
                <output className="pay-card-amount" data-testid="card-amount-fixed">
                  {format(quote.total)}
                </output>
              ) : (
                <input
                  data-testid="card-amount"
                  data-autofocus
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder={formatMoneyForInput(quote.total, currency, lang)}
                  value={card}
                  onChange={(e) => setCard(e.target.value)}
                />
              )}
            </label>
            <label className="field">
              <span>{t('pay.reference')}</span>
              <input data-testid="card-reference" maxLength={64} autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} />
            </label>
          </div>
        )}
        {mode === 'card' && <p className="hint">{t('pay.cardHint')}</p>}

        {mode !== 'card' && (
          <>
            <label className="field">
              <span>{mode === 'split' ? t('pay.cashPart', { amount: format(cashDue) }) : t('pay.tendered')}</span>
              <input
                data-testid="tendered-input"
                data-autofocus={mode === 'cash' ? true : undefined}
                className="tendered"
                inputMode="decimal"
                autoComplete="off"
                placeholder={formatMoneyForInput(cashDue, currency, lang)}
                value={tendered}
                onChange={(e) => setTendered(e.target.value)}
              />
            </label>
            <div className="quick-notes" role="group" aria-label={t('pay.quickNotes')}>
              <button type="button" data-testid="note-exact" onClick={() => setTendered(formatMoneyForInput(cashDue, currency, lang))}>
                {t('pay.exact')}
              </button>
              {notes.map((n) => (
                <button key={n} type="button" data-testid="quick-note" onClick={() => setTendered(formatMoneyForInput(n, currency, lang))}>
                  {format(n)}
                </button>
              ))}
            </div>
            <div className={`pay-change${short > 0 ? ' short' : ''}`}>
              <span>{short > 0 ? t('pay.short') : t('pay.change')}</span>
              <strong data-testid="change-amount">{format(short > 0 ? short : change)}</strong>
            </div>
          </>
        )}
        <ErrorMessage error={error} />
      </form>
    </Modal>
  );
}
