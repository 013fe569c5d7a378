import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, randomId } from '../api/client';
import { formatNumber } from '../format/numbers';
import { isLanguage } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { Modal } from '../ui/Modal';
import { isOverLot, parseQuantity, REASONS, type Reason } from './reasons';
import './writeoffs.css';

export interface WriteOffLot {
  lotId: string;
  productId: string;
  name: string;
  /** what the lot holds now */
  quantity: number;
}

export interface WriteOffDialogProps {
  lot: WriteOffLot;
  onClose: () => void;
  /** after the write-off is posted (the dialog closes itself) */
  onDone?: () => void;
}

/** Writes off from one lot: how many (all by default), why (big buttons), a note. Enter confirms, Esc closes. */
export function WriteOffDialog({ lot, onClose, onDone }: WriteOffDialogProps) {
  const { t } = useTranslation('writeoffs');
  return (
    <WriteOffForm
      title={t('dialog.title', { name: lot.name })}
      name={lot.name}
      hint={t('dialog.lotHolds', { count: lot.quantity })}
      max={Math.max(0, lot.quantity)}
      // a lot below zero (sold ahead of an arrival) has nothing to throw away: no "all" to default to
      {...(lot.quantity > 0 ? { defaultAll: lot.quantity } : {})}
      line={(quantity) => ({ lotId: lot.lotId, quantity })}
      onClose={onClose}
      {...(onDone ? { onDone } : {})}
    />
  );
}

/** Writes off a product, oldest lots first: find it by name or barcode, then the same form. */
export function ProductWriteOffDialog({ onClose, onDone }: { onClose: () => void; onDone?: () => void }) {
  const { t, i18n } = useTranslation('writeoffs');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ id: string; name: string }[]>([]);
  const [product, setProduct] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);

  async function search(text: string) {
    setQuery(text);
    const mine = ++asked.current;
    if (text.trim() === '') {
      setFound([]);
      return;
    }
    try {
      const res = await call('catalog.search', { query: text, ...(isLanguage(i18n.language) ? { lang: i18n.language } : {}), limit: 8 });
      if (mine === asked.current) {
        setFound(res.items.filter((p) => p.kind !== 'service').map((p) => ({ id: p.id, name: p.name })));
        setError(null);
      }
    } catch (e) {
      if (mine === asked.current) setError(e);
    }
  }

  if (product) {
    return (
      <WriteOffForm
        title={t('dialog.title', { name: product.name })}
        name={product.name}
        hint={t('dialog.fifoHint')}
        max={null}
        line={(quantity) => ({ productId: product.id, quantity })}
        onClose={onClose}
        {...(onDone ? { onDone } : {})}
      />
    );
  }
  return (
    <Modal title={t('byProduct.title')} onClose={onClose} testId="writeoff-product-dialog">
      <div className="field">
        <label htmlFor="writeoff-product-search">{t('byProduct.search')}</label>
        <input
          id="writeoff-product-search"
          value={query}
          autoComplete="off"
          onChange={(e) => void search(e.target.value)}
          onKeyDown={(e) => {
            const first = found[0];
            if (e.key === 'Enter' && first) {
              e.preventDefault();
              setProduct(first);
            }
          }}
          data-testid="writeoff-product-search"
        />
      </div>
      <ErrorMessage error={error} />
      <ul className="writeoff-found" data-testid="writeoff-product-results">
        {found.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => setProduct(p)} data-testid="writeoff-product-pick">
              {p.name}
            </button>
          </li>
        ))}
      </ul>
      {query.trim() !== '' && found.length === 0 && <p className="hint">{t('byProduct.none')}</p>}
    </Modal>
  );
}

interface FormProps {
  title: string;
  /** the product, for the refusal of more than the lot holds */
  name: string;
  hint: string;
  /** the most that can go (a lot's quantity), or null when the backend decides (a product over its lots) */
  max: number | null;
  /** an empty quantity means this many (the whole lot) */
  defaultAll?: number;
  line: (quantity: number) => { lotId: string; quantity: number } | { productId: string; quantity: number };
  onClose: () => void;
  onDone?: () => void;
}

/** The refusals shown under their own field (the screen's and the backend's names for them); the rest go below the form. */
const QUANTITY_FIELDS = ['quantity', 'lines.0.quantity'];
const NOTE_FIELDS = ['note'];

function WriteOffForm({ title, name, hint, max, defaultAll, line, onClose, onDone }: FormProps) {
  const { t, i18n } = useTranslation('writeoffs');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState<Reason | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // one id per dialog: confirming again after a lost answer gets the write-off already posted
  const [requestId] = useState(randomId);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  async function confirm(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    const n = parseQuantity(quantity, max, defaultAll);
    if (n === null) {
      // more than the lot holds: say how much it holds (the hint under the field gives way to the refusal)
      setError(
        max !== null && isOverLot(quantity, max)
          ? {
              code: 'invalid_input',
              messageKey: 'errors:writeoffs.lotShort',
              field: 'quantity',
              params: { product: name, available: formatNumber(max, i18n.language), wanted: formatNumber(Number(quantity.trim()), i18n.language) },
            }
          : { code: 'invalid_input', messageKey: 'errors:writeoffs.quantityInvalid', field: 'quantity' },
      );
      return;
    }
    if (reason === null) {
      setError({ code: 'invalid_input', messageKey: 'errors:writeoffs.reasonInvalid', field: 'reason' });
      return;
    }
    if (reason === 'other' && note.trim() === '') {
      setError({ code: 'invalid_input', messageKey: 'errors:writeoffs.noteRequired', field: 'note' });
      noteRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('writeoffs.post', { reason, ...(note.trim() ? { note: note.trim() } : {}), lines: [line(n)], requestId });
      onDone?.();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={title}
      onClose={onClose}
      onConfirm={() => void confirm()}
      busy={busy}
      testId="writeoff-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy} data-testid="writeoff-cancel">
            {t('dialog.cancel')}
            <kbd>{t('keys.esc')}</kbd>
          </button>
          <span className="spacer" />
          <button type="submit" form="writeoff-form" className="primary" disabled={busy} data-testid="writeoff-confirm">
            {t('dialog.confirm')}
            <kbd>{t('keys.enter')}</kbd>
          </button>
        </>
      }
    >
      <form
        id="writeoff-form"
        className="writeoff-form"
        onSubmit={(e) => void confirm(e)}
        onKeyDown={(e) => {
          // digits 1–5 pick a reason while the focus is on a button (the fields take digits themselves)
          const target = e.target as HTMLElement;
          if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || e.ctrlKey || e.altKey || e.metaKey) return;
          const r = REASONS[Number(e.key) - 1];
          if (!r) return;
          e.preventDefault();
          setReason(r);
        }}
      >
        <Field label={t('dialog.quantity')} names={QUANTITY_FIELDS} error={error} hint={hint}>
          <input
            inputMode="numeric"
            autoComplete="off"
            value={quantity}
            placeholder={defaultAll !== undefined ? t('dialog.all', { count: defaultAll }) : ''}
            onChange={(e) => setQuantity(e.target.value)}
            data-autofocus=""
            data-testid="writeoff-quantity"
          />
        </Field>
        <fieldset className="writeoff-reasons" data-testid="writeoff-reasons">
          <legend>{t('dialog.reason')}</legend>
          {REASONS.map((r, i) => (
            <button
              key={r}
              type="button"
              className={reason === r ? 'reason current' : 'reason'}
              aria-pressed={reason === r}
              onClick={() => {
                setReason(r);
                if (r === 'other') requestAnimationFrame(() => noteRef.current?.focus());
              }}
              data-testid={`writeoff-reason-${r}`}
            >
              {t(`reasons.${r}`)}
              <kbd>{i + 1}</kbd>
            </button>
          ))}
        </fieldset>
        <Field label={reason === 'other' ? t('dialog.noteRequired') : t('dialog.note')} names={NOTE_FIELDS} error={error}>
          <textarea
            ref={noteRef}
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              // Enter confirms here too; Shift+Enter starts a new line
              if (e.key === 'Enter' && !e.shiftKey) void confirm(e);
            }}
            data-testid="writeoff-note"
          />
        </Field>
        {!isFieldError(error, [...QUANTITY_FIELDS, ...NOTE_FIELDS]) && <ErrorMessage error={error} />}
      </form>
    </Modal>
  );
}
