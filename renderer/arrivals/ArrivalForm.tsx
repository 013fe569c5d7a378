import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { ApiError, call } from '../api/client';
import { isLanguage } from '../i18n/languages';
import { errorField } from '../i18n/translateError';
import { isShown, useScanHandler } from '../scan/scanContext';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { addProduct, draftTotal, lineStems, lineTotal, type ArrivalDraft, type DraftLine, toPostInput } from './draft';
import { ProductPicker, type PickedProduct } from './ProductPicker';

type Supplier = Output<'suppliers.list'>[number];
export type Posted = Output<'arrivals.post'>;

export const POST_KEY = 'Ctrl+↵';

interface ArrivalFormProps {
  draft: ArrivalDraft;
  setDraft: Dispatch<SetStateAction<ArrivalDraft>>;
  suppliers: Supplier[];
  currency: string | null;
  format: (minor: number) => string;
  /** another dialog has the keyboard: Ctrl+Enter is not for the form */
  paused: boolean;
  onPosted: (posted: Posted) => void;
}

function newRequestId(): string {
  return crypto.randomUUID();
}

/**
 * The goods receipt at the counter: pick the supplier, type the invoice number, then scan or search each
 * product, and type how many (stems or the supplier's packs) and at what cost (per stem or per pack).
 * Line totals show as typed; the posted total is the backend's answer.
 */
export function ArrivalForm({ draft, setDraft, suppliers, currency, format, paused, onPosted }: ArrivalFormProps) {
  const { t, i18n } = useTranslation('arrivals');
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const ref = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [packs, setPacks] = useState<Map<string, number>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const addedRef = useRef<string | null>(null);

  // The supplier's packs: a product added afterwards starts in its pack.
  useEffect(() => {
    let current = true;
    if (!draft.supplierId) {
      setPacks(new Map());
      return;
    }
    call('suppliers.packs', { supplierId: draft.supplierId }).then(
      (list) => current && setPacks(new Map(list.map((p) => [p.productId, p.packSize]))),
      () => current && setPacks(new Map()),
    );
    return () => {
      current = false;
    };
  }, [draft.supplierId]);

  const add = (p: PickedProduct) => {
    const size = packs.get(p.id);
    addedRef.current = p.id;
    setError(null);
    setNotice(null);
    setDraft((d) => addProduct(d, p, size === undefined ? undefined : { packSize: size }));
  };

  // After a product is added by search, its quantity is where typing goes next.
  useEffect(() => {
    const id = addedRef.current;
    if (!id) return;
    addedRef.current = null;
    const input = ref.current?.querySelector<HTMLInputElement>(`[data-product="${id}"] input.qty`);
    if (input && document.activeElement === searchRef.current) input.focus();
    input?.select();
  }, [draft.lines]);

  useScanHandler(async (code) => {
    if (!isShown(ref.current) || paused) return false;
    try {
      const found = await call('catalog.byBarcode', { code, lang });
      if (found.product.archived || found.product.kind === 'service') {
        setNotice(t(found.product.archived ? 'form.scanArchived' : 'form.scanService', { product: found.product.name }));
        return true;
      }
      add({ id: found.product.id, name: found.product.name, unit: found.product.unit });
    } catch (e) {
      if (e instanceof ApiError && e.body.messageKey === 'errors:catalog.unknownBarcode') setNotice(t('form.scanUnknown', { code }));
      else setError(e);
    }
    return true;
  });

  const update = (key: string, patch: Partial<DraftLine>) => setDraft((d) => ({ ...d, lines: d.lines.map((l) => (l.key === key ? { ...l, ...patch } : l)) }));
  const remove = (key: string) => setDraft((d) => ({ ...d, lines: d.lines.filter((l) => l.key !== key) }));

  async function post() {
    if (busy || !currency) return;
    if (draft.lines.length === 0) {
      setNotice(t('form.empty'));
      searchRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const posted = await call('arrivals.post', toPostInput(draft, currency, requestId.current));
      requestId.current = newRequestId();
      onPosted(posted);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const latestPost = useRef(post);
  latestPost.current = post;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShown(ref.current) || paused || e.defaultPrevented) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void latestPost.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paused]);

  const field = error ? errorField(error) : undefined;
  const badLine = field ? /^lines\.(\d+)\./.exec(field)?.[1] : undefined;
  // A refused line: the florist lands in the box to fix (its quantity, pack size or cost).
  useEffect(() => {
    const match = field ? /^lines\.(\d+)\.(\w+)/.exec(field) : null;
    if (!match) return;
    const row = ref.current?.querySelectorAll<HTMLTableRowElement>('[data-testid="arrival-line"]')[Number(match[1])];
    const which = match[2] === 'packSize' ? 'arrival-pack-size' : match[2] === 'unitCost' || match[2] === 'packCost' ? 'arrival-cost' : null;
    const input = row?.querySelector<HTMLInputElement>(which ? `[data-testid="${which}"]` : 'input.qty');
    input?.focus();
    input?.select();
  }, [field, error]);
  const total = currency ? draftTotal(draft, currency) : 0;
  const stems = draft.lines.reduce((n, l) => n + (lineStems(l) ?? 0), 0);
  const activeSuppliers = suppliers.filter((s) => !s.archived || s.id === draft.supplierId);

  return (
    <div className="arrival-form" ref={ref} data-testid="arrival-form">
      <div className="arrival-head">
        <label className="field">
          <span>{t('form.supplier')}</span>
          <select
            value={draft.supplierId}
            data-testid="arrival-supplier"
            aria-invalid={field === 'supplierId' || undefined}
            onChange={(e) => setDraft((d) => ({ ...d, supplierId: e.target.value }))}
          >
            <option value="">{t('form.noSupplier')}</option>
            {activeSuppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('form.invoiceNo')}</span>
          <input value={draft.invoiceNo} maxLength={60} data-testid="arrival-invoice" onChange={(e) => setDraft((d) => ({ ...d, invoiceNo: e.target.value }))} />
        </label>
        <label className="field">
          <span>{t('form.date')}</span>
          <input
            type="date"
            value={draft.date}
            data-testid="arrival-date"
            aria-invalid={field === 'arrivedAt' || undefined}
            onChange={(e) => setDraft((d) => ({ ...d, date: e.target.value }))}
          />
        </label>
        <label className="field arrival-note">
          <span>{t('form.note')}</span>
          <input value={draft.note} maxLength={500} onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))} />
        </label>
      </div>

      <ProductPicker onPick={add} inputRef={searchRef} testId="arrival-search" placeholder={t('form.search')} />
      {notice && (
        <p className="notice" role="status" data-testid="arrival-notice">
          {notice}
        </p>
      )}

      {draft.lines.length > 0 ? (
        <table className="table arrival-lines" data-testid="arrival-lines">
          <thead>
            <tr>
              <th>{t('form.product')}</th>
              <th>{t('form.quantity')}</th>
              <th>{t('form.cost')}</th>
              <th className="num">{t('form.lineTotal')}</th>
              <th>
                <span className="sr-only">{t('form.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.lines.map((line, i) => {
              const lt = currency ? lineTotal(line, currency) : null;
              const lineStemsCount = lineStems(line);
              return (
                <tr key={line.key} data-product={line.productId} className={badLine === String(i) ? 'invalid' : undefined} data-testid="arrival-line">
                  <td>
                    {line.name}
                    {line.mode === 'packs' && lineStemsCount !== null && (
                      <small className="hint">{t('form.stemsTotal', { stems: lineStemsCount, unit: t(`units.${line.unit}`, { defaultValue: line.unit }) })}</small>
                    )}
                  </td>
                  <td>
                    <div className="arrival-qty">
                      <select
                        value={line.mode}
                        aria-label={t('form.quantityIn')}
                        onChange={(e) => {
                          const mode = e.target.value as DraftLine['mode'];
                          update(line.key, { mode, ...(mode === 'stems' ? { costMode: 'stem' } : {}) });
                        }}
                      >
                        <option value="stems">{t(`units.${line.unit}`, { defaultValue: line.unit })}</option>
                        <option value="packs">{t('form.packs')}</option>
                      </select>
                      {line.mode === 'stems' ? (
                        <input className="qty" inputMode="numeric" value={line.quantity} aria-label={t('form.quantity')} data-testid="arrival-qty" onChange={(e) => update(line.key, { quantity: e.target.value })} />
                      ) : (
                        <>
                          <input className="qty" inputMode="numeric" value={line.packs} aria-label={t('form.packs')} data-testid="arrival-packs" onChange={(e) => update(line.key, { packs: e.target.value })} />
                          <span aria-hidden="true">×</span>
                          <input className="size" inputMode="numeric" value={line.packSize} aria-label={t('form.packSize')} data-testid="arrival-pack-size" onChange={(e) => update(line.key, { packSize: e.target.value })} />
                        </>
                      )}
                    </div>
                  </td>
                  <td>
                    <div className="arrival-cost">
                      <input
                        inputMode="decimal"
                        value={line.cost}
                        aria-label={t('form.cost')}
                        data-testid="arrival-cost"
                        onChange={(e) => update(line.key, { cost: e.target.value })}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' && !e.ctrlKey) {
                            e.preventDefault();
                            searchRef.current?.focus();
                          }
                        }}
                      />
                      <select
                        value={line.mode === 'packs' ? line.costMode : 'stem'}
                        aria-label={t('form.costPer')}
                        disabled={line.mode === 'stems'}
                        onChange={(e) => update(line.key, { costMode: e.target.value as DraftLine['costMode'] })}
                      >
                        <option value="stem">{t(`form.perUnit.${line.unit}`, { defaultValue: t('form.perUnit.service') })}</option>
                        <option value="pack">{t('form.perPack')}</option>
                      </select>
                    </div>
                  </td>
                  <td className="num" data-testid="arrival-line-total">
                    {lt === null ? '—' : format(lt)}
                  </td>
                  <td>
                    <button type="button" className="icon" aria-label={t('form.remove')} title={t('form.remove')} onClick={() => remove(line.key)}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="hint arrival-empty">{t('form.emptyHint')}</p>
      )}

      <ErrorMessage error={error} />
      <div className="arrival-foot">
        <span className="arrival-total" data-testid="arrival-total">
          {t('form.total', { total: format(total), stems })}
        </span>
        <button type="button" className="primary big" disabled={busy || !currency} onClick={() => void post()} data-testid="arrival-post">
          {t('form.post')} <Kbd>{POST_KEY}</Kbd>
        </button>
      </div>
    </div>
  );
}
