import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api/client';
import { onSessionChanged, useSession } from '../app/session';
import { useBackendEvent } from '../api/hooks';
import { ProductForm } from '../catalog/ProductForm';
import { useMoney } from '../catalog/useMoney';
import { formatNumber } from '../format/numbers';
import { isLanguage } from '../i18n/languages';
import { isShown, useScanHandler } from '../scan/scanContext';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ErrorMessage } from '../ui/ErrorMessage';
import { saleCall, useSaleApi } from './api';
import { ApprovalDialog } from './ApprovalDialog';
import { BouquetBuilder, type BuiltBouquet } from './BouquetBuilder';
import { ClientDialog } from './ClientDialog';
import { DiscountDialog, type DiscountTarget } from './DiscountDialog';
import { draftInput, draftReducer, emptyDraft, selectedLine } from './draft';
import { LineList } from './LineList';
import { ParkDialog, ResumeDialog } from './ParkDialogs';
import { PaymentDialog } from './PaymentDialog';
import { ProductFinder, type FinderHandle } from './ProductFinder';
import { ReturnSlot } from './ReturnSlot';
import { KEYS, matchShortcut, type ShortcutAction } from './shortcuts';
import type { Approval, CommitResult, DiscountInput, PriceOverride } from './types';
import { keyOf, useNavigate } from '../shell/navigation';
import { useQuote } from './useQuote';
import './sale.css';
import { ENTER, ESC } from './symbols';

const SHIFT_KEY = keyOf('shift');

/** A receipt's QR code carries this: scanning it at the counter starts a return of that sale. */
const RECEIPT_QR = /^posy:sale:([0-9a-f-]{36})$/i;
const BURST_GAP_MS = 60;

type Open =
  | null
  | { kind: 'pay' }
  | { kind: 'client' }
  | { kind: 'park' }
  | { kind: 'resume' }
  | { kind: 'approval'; error: unknown }
  | { kind: 'discount'; target: DiscountTarget; lineKey: string | null }
  | { kind: 'newProduct'; code: string }
  | { kind: 'return'; saleId: string }
  | { kind: 'confirmClear' }
  | { kind: 'bouquet' };

type Notice =
  | null
  | { kind: 'unknown'; code: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'done'; result: CommitResult }
  | { kind: 'parked'; label: string };

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)) ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * The counter: scan, search or tap to add; change quantities, prices and discounts; attach a client;
 * park and resume; take payment. All money shown comes from sales.quote. The sale in progress lives
 * here and survives a trip to another screen or a user switch (the shell keeps screens mounted).
 */
export function SalePage() {
  const { t, i18n } = useTranslation('sale');
  const { can } = useSession();
  const navigate = useNavigate();
  const { format } = useMoney();
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const pageRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const finder = useRef<FinderHandle | null>(null);

  const [draft, dispatch] = useReducer(draftReducer, undefined, emptyDraft);
  const priced = useQuote(draft);
  const [names, setNames] = useState<Readonly<Record<string, string>>>({});
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [editingTiles, setEditingTiles] = useState(false);
  const [focusQty, setFocusQty] = useState(0);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const approvalWanted = useRef(false);
  // Codes already looked up on this screen: a second scan of the same bunch skips the round trip.
  // Forgotten on any catalogue change (a code moved to another product) and on a user switch.
  const known = useRef(new Map<string, { id: string; name: string }>());
  useBackendEvent(['catalog.changed'], () => known.current.clear());
  useEffect(() => onSessionChanged(() => known.current.clear()), []);

  const canSell = can('sales.sell');
  const canEditCatalog = can('catalog.edit');
  const canOpenShift = can('shifts.manage');
  const canFindClients = can('clients.view');
  const shift = useSaleApi('shifts.current', ['shift.changed'], canSell);
  const tiles = useSaleApi('sales.tiles', ['catalog.changed'], canSell);
  const noShift = shift.data === null;

  const remember = useCallback((productId: string, name: string) => {
    setNames((n) => (n[productId] === name ? n : { ...n, [productId]: name }));
  }, []);

  const add = useCallback(
    (product: { id: string; name: string }, quantity = 1) => {
      remember(product.id, product.name);
      dispatch({ type: 'add', productId: product.id, quantity });
      setNotice((n) => (n?.kind === 'done' || n?.kind === 'parked' || n?.kind === 'unknown' ? null : n));
    },
    [remember],
  );

  const focusSearch = useCallback(() => {
    if (isShown(pageRef.current)) searchRef.current?.focus();
  }, []);

  const pickFromFinder = useCallback(
    (item: { id: string; name: string }) => {
      add(item);
      focusSearch();
    },
    [add, focusSearch],
  );
  const invalidQuantity = useCallback(
    () => setNotice({ kind: 'error', error: { code: 'invalid_input', messageKey: 'errors:sales.quantityInvalid' } }),
    [],
  );

  // --- scanning -------------------------------------------------------------------------------
  useScanHandler(async (code) => {
    if (!isShown(pageRef.current) || !canSell) return false;
    // A dialog (payment, the product form) has the counter's attention: the code is not for the sale.
    if (open && open.kind !== 'confirmClear') return false;
    const receipt = RECEIPT_QR.exec(code);
    if (receipt?.[1]) {
      setOpen({ kind: 'return', saleId: receipt[1].toLowerCase() });
      return true;
    }
    const cacheKey = `${lang}|${code}`;
    const seen = known.current.get(cacheKey);
    if (seen) {
      add(seen);
      return true;
    }
    try {
      const found = await call('catalog.byBarcode', { code, lang });
      const product = { id: found.product.id, name: found.product.name };
      if (found.product.archived) {
        setNotice({ kind: 'error', error: { code: 'conflict', messageKey: 'errors:sales.productArchived', params: { product: product.name } } });
        return true;
      }
      known.current.set(cacheKey, product);
      add(product);
    } catch (e) {
      if (e instanceof ApiError && e.body.messageKey === 'errors:catalog.unknownBarcode') setNotice({ kind: 'unknown', code });
      else setNotice({ kind: 'error', error: e });
    }
    return true;
  });

  // --- approval ---------------------------------------------------------------------------------
  const needed = priced.fresh ? (priced.quote?.approvalNeeded ?? null) : null;
  useEffect(() => {
    // Right after a discount or price beyond the cashier's limit, the approval dialog comes up by itself.
    if (!priced.fresh) return;
    if (approvalWanted.current && needed && !draft.approval && open === null) setOpen({ kind: 'approval', error: null });
    approvalWanted.current = false;
  }, [priced.fresh, needed, draft.approval, open]);

  // --- actions ----------------------------------------------------------------------------------
  const current = selectedLine(draft);
  const lineName = (productId: string) => priced.quote?.lines.find((l) => l.productId === productId)?.name ?? names[productId] ?? '';
  const canPay =
    draft.lines.length > 0 && priced.fresh && priced.quote !== null && !noShift && (needed === null || draft.approval !== null) && !busy;

  function openDiscount(kind: 'line' | 'sale' | 'price') {
    if (kind === 'sale') {
      if (draft.lines.length === 0) return;
      setOpen({ kind: 'discount', target: { kind: 'sale', current: draft.discount ?? undefined }, lineKey: null });
      return;
    }
    if (!current) return;
    const name = lineName(current.productId);
    const target: DiscountTarget =
      kind === 'line'
        ? { kind: 'line', name, current: current.discount }
        : { kind: 'price', name, current: current.priceOverride, listPrice: priced.lineOf(current.key)?.listPrice };
    setOpen({ kind: 'discount', target, lineKey: current.key });
  }

  function applyDiscount(value: DiscountInput | PriceOverride | null) {
    if (open?.kind !== 'discount') return;
    const { target, lineKey } = open;
    if (target.kind === 'sale') dispatch({ type: 'saleDiscount', discount: value as DiscountInput | null });
    else if (target.kind === 'line' && lineKey) dispatch({ type: 'lineDiscount', key: lineKey, discount: value as DiscountInput | null });
    else if (target.kind === 'price' && lineKey) dispatch({ type: 'priceOverride', key: lineKey, override: value as PriceOverride | null });
    approvalWanted.current = value !== null;
    setOpen(null);
  }

  function pay() {
    if (draft.lines.length === 0) return;
    if (noShift) {
      setNotice(null);
      return;
    }
    if (needed && !draft.approval) {
      setOpen({ kind: 'approval', error: null });
      return;
    }
    if (canPay) setOpen({ kind: 'pay' });
  }

  async function park(label: string) {
    setBusy(true);
    setActionError(null);
    try {
      await saleCall('sales.park', { draft: draftInput(draft, { withApproval: false }), ...(label ? { label } : {}) });
      dispatch({ type: 'clear' });
      setOpen(null);
      setNotice({ kind: 'parked', label });
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  async function resume(id: string) {
    setBusy(true);
    setActionError(null);
    try {
      // A sale in progress is parked first, so resuming never loses it.
      if (draft.lines.length > 0) {
        await saleCall('sales.park', { draft: draftInput(draft, { withApproval: false }) });
        // Parked now: off the screen at once, so a refused resume cannot leave it both parked and sellable.
        dispatch({ type: 'clear' });
      }
      const resumed = await saleCall('sales.resume', { id });
      dispatch({ type: 'load', draft: resumed });
      setOpen(null);
      setNotice(null);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  function done(result: CommitResult) {
    dispatch({ type: 'clear' });
    setOpen(null);
    setNotice({ kind: 'done', result });
    shift.reload();
  }

  const run = (action: ShortcutAction) => {
    if (typeof action === 'object') {
      const tile = tiles.data?.[action.tile - 1];
      if (tile) add({ id: tile.productId, name: tile.name });
      return;
    }
    switch (action) {
      case 'search':
        focusSearch();
        break;
      case 'plus':
      case 'minus':
        if (current) dispatch({ type: 'step', key: current.key, by: action === 'plus' ? 1 : -1 });
        break;
      case 'quantity':
        if (current) setFocusQty((n) => n + 1);
        break;
      case 'remove':
        if (current) dispatch({ type: 'remove', key: current.key });
        break;
      case 'up':
      case 'down':
        if (!finder.current?.move(action === 'down' ? 1 : -1)) dispatch({ type: 'moveSelection', by: action === 'down' ? 1 : -1 });
        break;
      case 'escape':
        if (!finder.current?.clear()) setNotice(null);
        break;
      case 'price':
        openDiscount('price');
        break;
      case 'lineDiscount':
        openDiscount('line');
        break;
      case 'saleDiscount':
        openDiscount('sale');
        break;
      case 'client':
        if (canFindClients) setOpen({ kind: 'client' });
        break;
      case 'park':
        if (draft.lines.length > 0) setOpen({ kind: 'park' });
        break;
      case 'resume':
        setOpen({ kind: 'resume' });
        break;
      case 'pay':
        pay();
        break;
      case 'clear':
        if (draft.lines.length > 0 || draft.client) setOpen({ kind: 'confirmClear' });
        break;
      case 'editTiles':
        if (canEditCatalog) setEditingTiles(true);
        break;
      case 'bouquet':
        setOpen({ kind: 'bouquet' });
        break;
    }
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    let lastKeyAt = Number.NEGATIVE_INFINITY;
    const onKey = (e: KeyboardEvent) => {
      const inBurst = e.timeStamp - lastKeyAt < BURST_GAP_MS;
      lastKeyAt = e.timeStamp;
      // Only a dialog on show counts: one left open on a hidden screen (screens stay mounted) must not
      // silence the sale's keys.
      if (e.defaultPrevented || !isShown(pageRef.current) || [...document.querySelectorAll('[role="dialog"]')].some(isShown)) return;
      const inSearch = e.target === searchRef.current;
      const typing = isTextField(e.target) && !inSearch;
      const action = matchShortcut(e, { typing, inSearch, searchEmpty: (searchRef.current?.value ?? '') === '', inBurst });
      if (!action) {
        // Enter in the search adds the highlighted result.
        if (e.key === 'Enter' && inSearch && !e.ctrlKey && !e.altKey && finder.current?.pickHighlighted()) e.preventDefault();
        return;
      }
      e.preventDefault();
      runRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // After a dialog closes the search has the focus again: the next scan or keystroke is for the sale.
  useEffect(() => {
    if (open === null) focusSearch();
  }, [open, focusSearch]);

  const quote = priced.quote;
  const client = quote?.client ?? draft.client;
  const pct = (bp: number) => formatNumber(bp / 100, i18n.language);

  if (!canSell) {
    return (
      <div className="sale-page" ref={pageRef}>
        <p className="error-message refused">{t('noPermission')}</p>
      </div>
    );
  }

  return (
    <div className="sale-page" ref={pageRef} data-testid="sale-page">
      {noShift && (
        <div className="sale-banner warn" role="alert" data-testid="no-shift">
          <span>{canOpenShift ? t('shift.none') : t('shift.noneAskManager')}</span>
          {canOpenShift && (
            <button type="button" className="primary" data-testid="open-shift" onClick={() => navigate('shift')}>
              {t('shift.open')}
              <Kbd>{SHIFT_KEY}</Kbd>
            </button>
          )}
        </div>
      )}

      <div className="sale-grid">
        <section className="sale-left" aria-label={t('finder')}>
          <ProductFinder
            inputRef={searchRef}
            handle={finder}
            onPick={pickFromFinder}
            tiles={tiles.data}
            tilesError={tiles.error}
            canEditTiles={canEditCatalog}
            editingTiles={editingTiles}
            onEditTiles={setEditingTiles}
            onTilesSaved={tiles.reload}
            format={format}
          />
        </section>

        <section className="sale-right" aria-label={t('title')}>
          <SaleNotice notice={notice} canAdd={canEditCatalog} format={format} onAdd={(code) => setOpen({ kind: 'newProduct', code })} onClose={() => setNotice(null)} />

          <div className="sale-client">
            {client ? (
              <button type="button" className="client-chip" data-testid="sale-client" onClick={() => setOpen({ kind: 'client' })}>
                <strong>{client.name}</strong>
                {client.discountBp > 0 && (
                  <span className="client-discount" data-testid="client-discount">
                    {t('client.discount', { percent: pct(client.discountBp) })}
                  </span>
                )}
                <Kbd>{KEYS.client}</Kbd>
              </button>
            ) : (
              canFindClients && (
                <button type="button" className="ghost" data-testid="attach-client" onClick={() => setOpen({ kind: 'client' })}>
                  {t('actions.client')}
                  <Kbd>{KEYS.client}</Kbd>
                </button>
              )
            )}
          </div>

          <LineList
            draft={draft}
            dispatch={dispatch}
            lineOf={priced.lineOf}
            nameOf={(id) => names[id]}
            format={format}
            focusQuantity={focusQty}
            stale={!priced.fresh}
            onInvalidQuantity={invalidQuantity}
          />

          {priced.error !== null && priced.error !== undefined && <ErrorMessage error={priced.error} className="quote-error" />}

          {needed && (
            <div className={`sale-banner ${draft.approval ? 'calm' : 'warn'}`} data-testid="approval-needed">
              <span>
                {draft.approval
                  ? t('approval.given')
                  : t('approval.needed', { required: pct(needed.requiredBp), limit: pct(needed.limitBp) })}
              </span>
              <button type="button" data-testid="approval-open" onClick={() => setOpen({ kind: 'approval', error: null })}>
                {draft.approval ? t('approval.change') : t('approval.ask')}
              </button>
            </div>
          )}

          <div className="sale-totals" aria-live="polite">
            {quote && quote.discountTotal > 0 && (
              <>
                <div className="totals-row">
                  <span>{t('totals.subtotal')}</span>
                  <span data-testid="sale-subtotal">{format(quote.subtotal)}</span>
                </div>
                <div className="totals-row discount">
                  <span>{t('totals.discounts')}</span>
                  <span data-testid="sale-discounts">{`−${format(quote.discountTotal)}`}</span>
                </div>
              </>
            )}
            {draft.discount && (
              <div className="totals-row discount">
                <span>
                  {t('totals.saleDiscount', {
                    discount: draft.discount.kind === 'percent' ? `${pct(draft.discount.value)} %` : format(draft.discount.value),
                    reason: draft.discount.reason,
                  })}
                </span>
              </div>
            )}
            <div className="totals-row total">
              <span>{t('totals.total')}</span>
              <strong data-testid="sale-total" data-minor={quote && draft.lines.length > 0 ? quote.total : 0}>
                {format(quote && draft.lines.length > 0 ? quote.total : 0)}
              </strong>
            </div>
            {quote && draft.lines.length > 0 && quote.rounding !== 0 && (
              <div className="totals-row hint">
                <span>{t('totals.cash')}</span>
                <span data-testid="sale-cash-total">{format(quote.cashTotal)}</span>
              </div>
            )}
          </div>

          <div className="sale-actions">
            <button type="button" data-testid="price-override" disabled={!current} onClick={() => openDiscount('price')}>
              {t('actions.price')}
              <Kbd>{KEYS.price}</Kbd>
            </button>
            <button type="button" data-testid="discount-line" disabled={!current} onClick={() => openDiscount('line')}>
              {t('actions.lineDiscount')}
              <Kbd>{KEYS.lineDiscount}</Kbd>
            </button>
            <button type="button" data-testid="discount-sale" disabled={draft.lines.length === 0} onClick={() => openDiscount('sale')}>
              {t('actions.saleDiscount')}
              <Kbd>{KEYS.saleDiscount}</Kbd>
            </button>
            <button type="button" data-testid="park-sale" disabled={draft.lines.length === 0} onClick={() => setOpen({ kind: 'park' })}>
              {t('actions.park')}
              <Kbd>{KEYS.park}</Kbd>
            </button>
            <button type="button" data-testid="resume-sale" onClick={() => setOpen({ kind: 'resume' })}>
              {t('actions.resume')}
              <Kbd>{KEYS.resume}</Kbd>
            </button>
            <button type="button" data-testid="build-bouquet" onClick={() => setOpen({ kind: 'bouquet' })}>
              {t('bouquets:builder.open')}
              <Kbd>{KEYS.bouquet}</Kbd>
            </button>
            <button
              type="button"
              className="ghost"
              data-testid="clear-sale"
              disabled={draft.lines.length === 0 && !draft.client}
              onClick={() => setOpen({ kind: 'confirmClear' })}
            >
              {t('actions.clear')}
              <Kbd>{KEYS.clear}</Kbd>
            </button>
          </div>

          <button type="button" className="primary pay-button" data-testid="pay-button" disabled={!canPay} onClick={pay}>
            <span>{t('actions.pay')}</span>
            {quote && draft.lines.length > 0 && <strong>{format(quote.total)}</strong>}
            <Kbd>{KEYS.pay}</Kbd>
          </button>
          {noShift && draft.lines.length > 0 && <p className="hint pay-blocked">{t('shift.payBlocked')}</p>}
        </section>
      </div>

      {open?.kind === 'pay' && quote && (
        <PaymentDialog
          quote={quote}
          draft={draftInput(draft)}
          format={format}
          onDone={done}
          onApprovalRefused={(error) => {
            dispatch({ type: 'approval', approval: null });
            setOpen({ kind: 'approval', error });
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'discount' && <DiscountDialog target={open.target} onApply={applyDiscount} onClose={() => setOpen(null)} />}
      {open?.kind === 'approval' && needed && (
        <ApprovalDialog
          needed={needed}
          error={open.error}
          onApprove={(approval: Approval) => {
            dispatch({ type: 'approval', approval });
            setOpen(null);
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'client' && (
        <ClientDialog
          current={client}
          onPick={(c) => {
            dispatch({ type: 'client', client: c });
            setOpen(null);
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'park' && <ParkDialog onPark={(label) => void park(label)} onClose={() => setOpen(null)} error={actionError} busy={busy} />}
      {open?.kind === 'resume' && (
        <ResumeDialog
          onResume={(id) => void resume(id)}
          onClose={() => setOpen(null)}
          error={actionError}
          busy={busy}
          format={format}
          parksCurrent={draft.lines.length > 0}
        />
      )}
      {open?.kind === 'confirmClear' && (
        <ConfirmClear
          onConfirm={() => {
            dispatch({ type: 'clear' });
            setOpen(null);
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'newProduct' && (
        <ProductForm
          initialBarcode={open.code}
          onClose={() => setOpen(null)}
          onSaved={(product) => {
            setOpen(null);
            setNotice(null);
            add({ id: product.id, name: product.names[lang] ?? Object.values(product.names).find(Boolean) ?? '' });
          }}
        />
      )}
      {open?.kind === 'return' && <ReturnSlot saleId={open.saleId} onClose={() => setOpen(null)} />}
      {open?.kind === 'bouquet' && (
        <BouquetBuilder
          format={format}
          onClose={() => setOpen(null)}
          onAdd={(b: BuiltBouquet) => {
            remember(b.productId, b.name);
            for (const [id, name] of Object.entries(b.names)) remember(id, name);
            dispatch({ type: 'addBouquet', productId: b.productId, components: b.components });
            setOpen(null);
          }}
        />
      )}
    </div>
  );
}

function SaleNotice({
  notice,
  canAdd,
  format,
  onAdd,
  onClose,
}: {
  notice: Notice;
  canAdd: boolean;
  format: (minor: number) => string;
  onAdd: (code: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('sale');
  if (!notice) return null;
  if (notice.kind === 'error') {
    return (
      <div className="sale-notice error" data-testid="sale-notice" data-state="error">
        <ErrorMessage error={notice.error} />
        <button type="button" className="ghost" aria-label={t('actions.close')} title={t('actions.close')} onClick={onClose}>
          ✕
        </button>
      </div>
    );
  }
  if (notice.kind === 'unknown') {
    return (
      <div className="sale-notice warn" role="alert" data-testid="sale-notice" data-state="unknown">
        <span>{t('scan.unknown', { code: notice.code })}</span>
        {canAdd && (
          <button type="button" className="primary" data-testid="sale-add-product" onClick={() => onAdd(notice.code)}>
            {t('scan.addProduct')}
          </button>
        )}
        <button type="button" className="ghost" aria-label={t('actions.close')} title={t('actions.close')} onClick={onClose}>
          ✕
        </button>
      </div>
    );
  }
  if (notice.kind === 'parked') {
    return (
      <div className="sale-notice calm" role="status" data-testid="sale-notice" data-state="parked">
        <span>{notice.label ? t('park.doneLabel', { label: notice.label }) : t('park.done')}</span>
      </div>
    );
  }
  const { result } = notice;
  return (
    <div className="sale-notice done" role="status" data-testid="sale-done" data-state="done">
      <span className="done-title">{t('done.title', { number: result.number })}</span>
      {result.change > 0 ? (
        <span className="done-change">
          {t('done.change')} <strong data-testid="done-change">{format(result.change)}</strong>
        </span>
      ) : (
        <span className="done-change">{t('done.noChange')}</span>
      )}
    </div>
  );
}

function ConfirmClear({ onConfirm, onClose }: { onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation('sale');
  return (
    <Modal
      title={t('clear.title')}
      onClose={onClose}
      className="small"
      testId="clear-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="button" className="primary danger" data-testid="clear-confirm" data-autofocus onClick={onConfirm}>
            {t('clear.confirm')}
            <Kbd>{ENTER}</Kbd>
          </button>
        </>
      }
    >
      <p className="lead">{t('clear.question')}</p>
    </Modal>
  );
}
