import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { isLanguage } from '../i18n/languages';
import { translateError } from '../i18n/translateError';
import { isShown, useScanHandler } from '../scan/scanContext';
import { ENTER, ESC } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { Modal, topDialog } from '../ui/Modal';
import { CountLines } from './CountLines';
import { PostCountDialog } from './PostCountDialog';
import { ProductSearch } from './ProductSearch';
import { TerminalButtons } from './TerminalButtons';
import type { AddResult, PostResult } from './types';

type Mode = 'one' | 'typed';
const MODE_KEY = 'posy.counts.mode';
const MODE_SHORTCUT = 'Alt+Q';
const SEARCH_SHORTCUT = 'Alt+F';
const CONFIRM_SHORTCUT = 'Ctrl+↵';

/** A product waiting for its typed quantity ("scan, then type a quantity" mode). */
interface Pending {
  productId: string;
  name: string;
  source: 'scan' | 'manual';
}

type Feedback = { kind: 'added'; result: AddResult } | { kind: 'error'; error: unknown; code?: string } | null;

function readMode(): Mode {
  try {
    return localStorage.getItem(MODE_KEY) === 'typed' ? 'typed' : 'one';
  } catch {
    return 'one';
  }
}

/**
 * Counting at the shelf: every scan (wedge, HID or serial, through renderer/scan) adds one, or in
 * "typed quantity" mode picks the product and waits for the quantity. The last entries can be taken
 * back (a negative entry). Below: the count's lines, with the variance for those allowed to see it.
 */
export function CountScreen({ countId, onBack }: { countId: string; onBack: () => void }) {
  const { t, i18n } = useTranslation('counts');
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const { can } = useSession();
  const detail = useApi('counts.get', { id: countId }, ['counts.changed', 'stock.changed']);
  const count = detail.data;
  const open = count?.status === 'open';
  const canCount = can('stock.count');
  const canPost = can('stock.adjust');

  const [mode, setModeState] = useState<Mode>(readMode);
  const [pending, setPending] = useState<Pending | null>(null);
  const [typed, setTyped] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [undone, setUndone] = useState<ReadonlySet<string>>(new Set());
  const [code, setCode] = useState('');
  const [dialog, setDialog] = useState<'post' | 'cancel' | null>(null);
  const [posted, setPosted] = useState<PostResult | null>(null);
  const [cancelError, setCancelError] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const setMode = useCallback((next: Mode) => {
    setModeState(next);
    setPending(null);
    try {
      localStorage.setItem(MODE_KEY, next);
    } catch {
      // private mode: the choice lasts this session
    }
  }, []);

  const add = useCallback(
    async (target: { code: string } | { productId: string }, quantity: number, source: 'scan' | 'manual') => {
      try {
        const result = await call('counts.add', { countId, ...target, quantity, source });
        setFeedback({ kind: 'added', result });
        return true;
      } catch (error) {
        setFeedback({ kind: 'error', error, ...('code' in target ? { code: target.code } : {}) });
        return false;
      }
    },
    [countId],
  );

  /** A code from the scanner or typed into the code box. */
  const takeCode = useCallback(
    async (raw: string, source: 'scan' | 'manual') => {
      const scanned = raw.trim();
      if (!scanned) return;
      if (mode === 'one') {
        await add({ code: scanned }, 1, source);
        return;
      }
      try {
        const found = await call('catalog.byBarcode', { code: scanned, lang });
        setPending({ productId: found.product.id, name: found.product.name, source });
        setTyped('');
        setFeedback(null);
      } catch (error) {
        const unknown = error instanceof ApiError && error.body.messageKey === 'errors:catalog.unknownBarcode';
        setFeedback({
          kind: 'error',
          error: unknown ? { code: 'not_found', messageKey: 'errors:counts.unknownBarcode', params: { code: scanned } } : error,
          code: scanned,
        });
      }
    },
    [mode, add, lang],
  );

  // The quantity box renders with the pending product: focus it once it is there. (A timer raced
  // React's render after a scan: the box was not there yet and the typed quantity went nowhere.)
  useEffect(() => {
    if (pending) qtyRef.current?.focus();
  }, [pending]);

  useScanHandler(async (scanned) => {
    if (!isShown(rootRef.current) || topDialog() || !open || !canCount) return false;
    await takeCode(scanned, 'scan');
    return true;
  }, open);

  const pickProduct = useCallback(
    (p: { id: string; name: string }) => {
      if (mode === 'one') {
        void add({ productId: p.id }, 1, 'manual');
      } else {
        setPending({ productId: p.id, name: p.name, source: 'manual' });
        setTyped('');
      }
    },
    [mode, add],
  );

  async function addTyped() {
    if (!pending) return;
    const quantity = Number(typed.trim());
    if (!Number.isSafeInteger(quantity) || quantity === 0) {
      setFeedback({ kind: 'error', error: { code: 'invalid_input', messageKey: 'errors:counts.quantityInvalid', params: { max: 10_000_000 } } });
      qtyRef.current?.select();
      return;
    }
    if (await add({ productId: pending.productId }, quantity, pending.source)) {
      setPending(null);
      setTyped('');
      codeRef.current?.focus();
    }
  }

  async function undo(entry: { id: string; productId: string; quantity: number }) {
    if (await add({ productId: entry.productId }, -entry.quantity, 'manual')) {
      setUndone((s) => new Set([...s, entry.id]));
    }
  }

  async function cancelCount() {
    setCancelling(true);
    setCancelError(null);
    try {
      await call('counts.cancel', { countId });
      setDialog(null);
      detail.reload();
    } catch (error) {
      setCancelError(error);
    } finally {
      setCancelling(false);
    }
  }

  // Alt+Q switches the mode, Alt+F finds a product by name: both work from any field of the screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isShown(rootRef.current) || topDialog() || !e.altKey || e.ctrlKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (e.code === 'KeyQ' || key === 'q') {
        e.preventDefault();
        setMode(mode === 'one' ? 'typed' : 'one');
      } else if (e.code === 'KeyF' || key === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mode, setMode]);

  if (!count) {
    return (
      <>
        <div className="page-head">
          <button type="button" onClick={onBack} data-testid="count-back">
            {t('actions.back')}
          </button>
        </div>
        {detail.error ? <ErrorMessage error={detail.error} /> : <p className="wait">{t('common:status.loading')}</p>}
      </>
    );
  }

  const recent = count.recent.slice(0, 10);

  return (
    <div className="count-screen" ref={rootRef} data-testid="count-screen">
      <div className="page-head">
        <button type="button" onClick={onBack} data-testid="count-back">
          {t('actions.back')}
        </button>
        <h1>
          {t('screen.title', { number: count.number })}
          <span className="count-scope">{count.categoryName ?? t('scope.all')}</span>
          {count.blind && <span className="badge">{t('blind.badge')}</span>}
          <span className={`badge status ${count.status}`} data-testid="count-status">
            {t(`status.${count.status}`)}
          </span>
        </h1>
      </div>
      <p className="hint">
        {t('screen.started', { at: formatDateTime(count.createdAt, lang), by: count.createdBy })}
        {count.closedAt &&
          ` · ${t(count.status === 'posted' ? 'screen.posted' : 'screen.cancelled', { at: formatDateTime(count.closedAt, lang), by: count.closedBy ?? '' })}`}
        {count.note && ` · ${count.note}`}
      </p>
      {open && (
        <div className="count-toolbar">
          <TerminalButtons
            countId={countId}
            categoryId={count.categoryId}
            onDone={() => {
              // the last scan's running count no longer holds once a terminal's lines are in
              setFeedback(null);
              detail.reload();
            }}
          />
          <span className="spacer" />
          {canCount && (
            <button type="button" className="count-danger" onClick={() => setDialog('cancel')} data-testid="count-cancel">
              {t('actions.cancelCount')}
            </button>
          )}
          {canPost && (
            <button type="button" className="primary" onClick={() => setDialog('post')} data-testid="count-post">
              {t('actions.post')}
            </button>
          )}
        </div>
      )}
      {count.blind && !count.showsExpected && open && <p className="calm">{t('blind.explain')}</p>}
      {posted && (
        <p className="calm" role="status" data-testid="count-posted-notice">
          {t('post.done', { number: posted.number, products: posted.products })}
        </p>
      )}

      {open && canCount && (
        <section className="count-entry panel" aria-label={t('counting.title')}>
          <div className="count-mode" role="radiogroup" aria-label={t('counting.mode')}>
            <button type="button" role="radio" aria-checked={mode === 'one'} className={mode === 'one' ? 'primary' : ''} onClick={() => setMode('one')} data-testid="count-mode-one">
              {t('counting.modeOne')}
            </button>
            <button type="button" role="radio" aria-checked={mode === 'typed'} className={mode === 'typed' ? 'primary' : ''} onClick={() => setMode('typed')} data-testid="count-mode-typed">
              {t('counting.modeTyped')}
            </button>
            <span className="hint">
              <Kbd>{MODE_SHORTCUT}</Kbd>
            </span>
          </div>

          <div className="count-inputs">
            <form
              className="count-code"
              onSubmit={(e) => {
                e.preventDefault();
                const typedCode = code;
                setCode('');
                void takeCode(typedCode, 'manual');
              }}
            >
              <input
                ref={codeRef}
                value={code}
                autoComplete="off"
                inputMode="numeric"
                placeholder={t('counting.codePlaceholder')}
                aria-label={t('counting.code')}
                onChange={(e) => setCode(e.target.value)}
                data-testid="count-code"
              />
            </form>
            <ProductSearch ref={searchRef} onPick={pickProduct} />
            <span className="hint">
              <Kbd>{SEARCH_SHORTCUT}</Kbd>
            </span>
          </div>

          {pending && (
            <form
              className="count-pending"
              data-testid="count-pending"
              onSubmit={(e) => {
                e.preventDefault();
                void addTyped();
              }}
            >
              <strong>{pending.name}</strong>
              <label className="inline">
                <span>{t('counting.howMany')}</span>
                <input
                  ref={qtyRef}
                  className="count-qty"
                  inputMode="numeric"
                  autoComplete="off"
                  value={typed}
                  onChange={(e) => setTyped(e.target.value.replace(/[^\d-]/g, ''))}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.preventDefault();
                      setPending(null);
                    }
                  }}
                  data-testid="count-qty"
                />
              </label>
              <button type="submit" className="primary" data-testid="count-qty-add">
                {t('counting.add')}
                <Kbd>{ENTER}</Kbd>
              </button>
              <button type="button" onClick={() => setPending(null)}>
                {t('actions.cancel')}
                <Kbd>{ESC}</Kbd>
              </button>
            </form>
          )}

          <div className="count-feedback" aria-live="polite" data-testid="count-feedback">
            {feedback?.kind === 'added' && (
              <p className={`count-last${feedback.result.quantity < 0 ? ' correction' : ''}`}>
                <strong>{feedback.result.name}</strong>{' '}
                <span>{feedback.result.quantity > 0 ? `+${formatNumber(feedback.result.quantity, lang)}` : formatNumber(feedback.result.quantity, lang)}</span>{' '}
                <span className="count-total" data-testid="count-running">
                  {t('counting.runningCount', { counted: formatNumber(feedback.result.counted, lang) })}
                </span>
              </p>
            )}
            {feedback?.kind === 'error' && (
              <p className="error-message count-error" role="alert" data-testid="error-message">
                {translateError(feedback.error, t)}
              </p>
            )}
            {!feedback && <p className="hint">{mode === 'one' ? t('counting.readyOne') : t('counting.readyTyped')}</p>}
          </div>

          {recent.length > 0 && (
            <div className="count-recent">
              <h2>{t('counting.recent')}</h2>
              <ul data-testid="count-recent">
                {recent.map((e) => (
                  <li key={e.id} className={e.quantity < 0 ? 'correction' : ''}>
                    <span className="name">{e.name}</span>
                    <span className="qty">{e.quantity > 0 ? `+${formatNumber(e.quantity, lang)}` : formatNumber(e.quantity, lang)}</span>
                    <span className="hint">{t(`source.${e.source}`)}</span>
                    {e.quantity > 0 && (
                      <button type="button" disabled={undone.has(e.id)} onClick={() => void undo(e)} data-testid="count-undo">
                        {undone.has(e.id) ? t('counting.undone') : t('counting.undo')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}

      <CountLines detail={count} />

      {dialog === 'post' && (
        <PostCountDialog
          detail={count}
          onClose={() => setDialog(null)}
          onPosted={(result) => {
            setDialog(null);
            setPosted(result);
            detail.reload();
          }}
        />
      )}
      {dialog === 'cancel' && (
        <Modal
          title={t('cancel.title', { number: count.number })}
          onClose={() => setDialog(null)}
          onConfirm={() => void cancelCount()}
          busy={cancelling}
          testId="count-cancel-dialog"
          footer={
            <>
              <span className="spacer" />
              <button type="button" onClick={() => setDialog(null)} disabled={cancelling}>
                {t('cancel.keep')}
                <Kbd>{ESC}</Kbd>
              </button>
              <button type="button" className="count-danger" data-autofocus onClick={() => void cancelCount()} disabled={cancelling} data-testid="count-cancel-confirm">
                {t('cancel.confirm')}
                <Kbd>{CONFIRM_SHORTCUT}</Kbd>
              </button>
            </>
          }
        >
          <p>{t('cancel.explain')}</p>
          <ErrorMessage error={cancelError} />
        </Modal>
      )}
    </div>
  );
}
