import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorBody } from '../../shop/api/contract';
import { ApiError, call } from '../api/client';
import { useApi } from '../api/hooks';
import { LANGUAGE_LABELS, LANGUAGES, isLanguage, type Language } from '../i18n/languages';
import { errorField, translateError } from '../i18n/translateError';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { formatMoneyForInput, parseMoney } from '../format/money';
import { isShown, useScanHandler } from '../scan/scanContext';
import { ColourSwatch } from './ColourSwatch';
import { useShopCurrency } from './useMoney';
import { categoryTree } from './categoryTree';
import type { ProductKind, ProductRecord, Unit } from './types';
import './catalog.css';

interface Draft {
  names: Record<Language, string>;
  kind: ProductKind;
  categoryId: string;
  variety: string;
  colour: string;
  stemLength: string;
  unit: Unit;
  /** The person chose the unit; a later change of kind no longer replaces it with the kind's default. */
  unitChosen: boolean;
  price: string;
  barcodes: string[];
  /** freshness and restock (whole numbers as typed; empty = none) */
  vaseLife: string;
  minStock: string;
  supplierId: string;
}

const EMPTY_NAMES: Record<Language, string> = { en: '', ru: '', ka: '', kk: '', uz: '' };

function draftOf(product: ProductRecord | undefined, currency: string | null, language: string, initialBarcode?: string): Draft {
  if (!product) {
    return {
      names: { ...EMPTY_NAMES },
      kind: 'cut_flower',
      categoryId: '',
      variety: '',
      colour: '',
      stemLength: '',
      unit: 'stem',
      unitChosen: false,
      price: '',
      barcodes: initialBarcode ? [initialBarcode] : [],
      vaseLife: '',
      minStock: '',
      supplierId: '',
    };
  }
  return {
    names: { ...EMPTY_NAMES, ...product.names },
    kind: product.kind,
    categoryId: product.categoryId ?? '',
    variety: product.variety ?? '',
    colour: product.colour ?? '',
    stemLength: product.stemLengthCm === null ? '' : String(product.stemLengthCm),
    unit: product.unit,
    unitChosen: true,
    price: currency ? formatMoneyForInput(product.price, currency, language) : String(product.price / 100),
    barcodes: product.barcodes.map((b) => b.code),
    vaseLife: product.vaseLifeDays === null ? '' : String(product.vaseLifeDays),
    minStock: product.minStock === null ? '' : String(product.minStock),
    supplierId: product.supplierId ?? '',
  };
}

/** An error found before asking the backend, shaped like the backend's so Field shows it the same way. */
const localError = (field: string, messageKey: string, params?: Record<string, string | number>): ApiErrorBody => ({
  code: 'invalid_input',
  messageKey,
  field,
  ...(params ? { params } : {}),
});

const FORM_FIELDS = ['kind', 'names', ...LANGUAGES.map((l) => `names.${l}`), 'categoryId', 'variety', 'colour', 'stemLengthCm', 'unit', 'price', 'code', 'vaseLifeDays', 'minStock', 'supplierId'];


interface ProductFormProps {
  /** The product to edit; absent for a new one. */
  product?: ProductRecord;
  /** A new product's first barcode (an unknown code that was just scanned). */
  initialBarcode?: string;
  onClose: () => void;
  onSaved: (product: ProductRecord) => void;
}

/** Create or edit a product: names in all five languages, kind, category, colour, length, unit, price, barcodes. */
export function ProductForm({ product, initialBarcode, onClose, onSaved }: ProductFormProps) {
  const { t, i18n } = useTranslation('catalog');
  const { t: tColour } = useTranslation('colours');
  const language = i18n.language;
  const currency = useShopCurrency();
  const options = useApi('catalog.options', {});
  const categories = useApi('catalog.categories', { lang: isLanguage(language) ? language : 'en' }, ['catalog.changed']);
  // Archived suppliers are listed too, so a product keeps showing the one it names; only active ones can be chosen.
  const suppliers = useApi('suppliers.list', { includeArchived: true }, ['suppliers.changed']);
  const [draft, setDraft] = useState<Draft>(() => draftOf(product, currency, language, initialBarcode));
  const [error, setError] = useState<unknown>(null);
  const [codeInput, setCodeInput] = useState('');
  const [codeError, setCodeError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [archived, setArchived] = useState(product?.archived ?? false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  // The price is shown in the shop's currency once that is known (edit forms opened before it loaded).
  const priceFilled = useRef(product === undefined || currency !== null);
  useEffect(() => {
    if (!priceFilled.current && product && currency) {
      priceFilled.current = true;
      setDraft((d) => ({ ...d, price: formatMoneyForInput(product.price, currency, language) }));
    }
  }, [product, currency, language]);

  const nameOrder = useMemo(() => {
    const first = isLanguage(language) ? language : 'en';
    return [first, ...LANGUAGES.filter((l) => l !== first)];
  }, [language]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function setKind(kind: ProductKind) {
    setDraft((d) => {
      const defaultUnit = options.data?.defaultUnit[kind];
      return { ...d, kind, unit: !d.unitChosen && defaultUnit ? defaultUnit : d.unit };
    });
  }

  async function addCode(raw: string): Promise<void> {
    const code = raw.trim();
    setCodeError(null);
    if (!code) return;
    if (draft.barcodes.includes(code)) {
      setCodeError(localError('code', 'catalog:barcode.duplicate', { code }));
      return;
    }
    // catalog.byBarcode is the backend's barcode check (format, check digit) and tells whether the code is taken.
    try {
      const found = await call('catalog.byBarcode', { code, lang: isLanguage(language) ? language : 'en' });
      if (product && found.product.id === product.id) {
        setDraft((d) => ({ ...d, barcodes: [...d.barcodes, found.code] }));
        setCodeInput('');
      } else {
        setCodeError(localError('code', 'catalog:barcode.takenBy', { code, product: found.product.name }));
      }
    } catch (e) {
      if (e instanceof ApiError && e.body.messageKey === 'errors:catalog.unknownBarcode') {
        setDraft((d) => ({ ...d, barcodes: [...d.barcodes, code] }));
        setCodeInput('');
      } else {
        setCodeError(e);
      }
    }
  }

  async function generateCode() {
    setCodeError(null);
    try {
      const { code } = await call('catalog.newInternalBarcode', {});
      setDraft((d) => ({ ...d, barcodes: [...d.barcodes, code] }));
    } catch (e) {
      setCodeError(e);
    }
  }

  // A scan while the form is open is a barcode for this product.
  useScanHandler((code) => {
    if (!isShown(dialogRef.current)) return false;
    setCodeInput('');
    void addCode(code);
    return true;
  });

  function validate(): { price: number; stemLengthCm: number | null; vaseLifeDays: number | null; minStock: number | null } | null {
    const parsed = parseMoney(draft.price, currency ?? 'USD');
    if (!parsed.ok) {
      setError(localError('price', `catalog:money.${parsed.error}`));
      return null;
    }
    const maxPrice = options.data?.maxPrice;
    if (maxPrice !== undefined && parsed.minor > maxPrice) {
      setError(localError('price', 'catalog:money.tooLarge'));
      return null;
    }
    let stemLengthCm: number | null = null;
    if (draft.stemLength.trim() !== '') {
      const n = Number(draft.stemLength.trim());
      if (!Number.isInteger(n) || n < 1 || n > 400) {
        setError(localError('stemLengthCm', 'catalog:form.stemLengthInvalid'));
        return null;
      }
      stemLengthCm = n;
    }
    const whole = (text: string): number | null | undefined => {
      if (text.trim() === '') return null;
      const n = Number(text.trim());
      return Number.isInteger(n) ? n : undefined;
    };
    const vaseLifeDays = whole(draft.vaseLife);
    if (vaseLifeDays === undefined || (vaseLifeDays !== null && (vaseLifeDays < 1 || vaseLifeDays > 3650))) {
      setError(localError('vaseLifeDays', 'errors:freshness.vaseLifeInvalid'));
      return null;
    }
    const minStock = whole(draft.minStock);
    if (minStock === undefined || (minStock !== null && (minStock < 0 || minStock > 10_000_000))) {
      setError(localError('minStock', 'errors:freshness.minStockInvalid'));
      return null;
    }
    if (LANGUAGES.every((l) => draft.names[l].trim() === '')) {
      setError(localError(`names.${nameOrder[0]}`, 'errors:catalog.nameRequired'));
      return null;
    }
    return { price: parsed.minor, stemLengthCm, vaseLifeDays, minStock };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const checked = validate();
    if (!checked) return;
    setBusy(true);
    try {
      let saved: ProductRecord;
      if (product) {
        const names = Object.fromEntries(LANGUAGES.map((l) => [l, draft.names[l].trim() || null]));
        saved = await call('catalog.update', {
          id: product.id,
          kind: draft.kind,
          names,
          categoryId: draft.categoryId || null,
          variety: draft.variety.trim() || null,
          colour: (draft.colour || null) as ProductRecord['colour'],
          stemLengthCm: checked.stemLengthCm,
          unit: draft.unit,
          price: checked.price,
          barcodes: draft.barcodes,
          vaseLifeDays: checked.vaseLifeDays,
          minStock: checked.minStock,
          supplierId: draft.supplierId || null,
        });
      } else {
        const names = Object.fromEntries(LANGUAGES.flatMap((l) => (draft.names[l].trim() ? [[l, draft.names[l].trim()]] : [])));
        saved = await call('catalog.create', {
          kind: draft.kind,
          names,
          ...(draft.categoryId ? { categoryId: draft.categoryId } : {}),
          ...(draft.variety.trim() ? { variety: draft.variety.trim() } : {}),
          ...(draft.colour ? { colour: draft.colour as NonNullable<ProductRecord['colour']> } : {}),
          ...(checked.stemLengthCm !== null ? { stemLengthCm: checked.stemLengthCm } : {}),
          unit: draft.unit,
          price: checked.price,
          barcodes: draft.barcodes,
          ...(checked.vaseLifeDays !== null ? { vaseLifeDays: checked.vaseLifeDays } : {}),
          ...(checked.minStock !== null ? { minStock: checked.minStock } : {}),
          ...(draft.supplierId ? { supplierId: draft.supplierId } : {}),
        });
      }
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function toggleArchived() {
    if (!product || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (archived) await call('catalog.restore', { id: product.id });
      else await call('catalog.archive', { id: product.id });
      setArchived(!archived);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && isShown(dialogRef.current)) {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const barcodeErrorIndex = (() => {
    const field = errorField(error);
    const m = field ? /^barcodes\.(\d+)$/.exec(field) : null;
    return m ? Number(m[1]) : -1;
  })();
  const kinds = options.data?.kinds ?? [];
  const units = options.data?.units ?? [];
  const colours = options.data?.colours ?? [];
  const namesError = errorField(error) === 'names';
  const topError = Boolean(error) && !isFieldError(error, FORM_FIELDS) && barcodeErrorIndex < 0;

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div ref={dialogRef} className="modal product-form" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="product-form">
        <form onSubmit={submit} noValidate>
          <header className="modal-head">
            <h2 id={titleId}>{product ? t('form.titleEdit') : t('form.titleNew')}</h2>
            {archived && <span className="badge">{t('archived.badge')}</span>}
          </header>
          <div className="modal-body">
            {topError && <ErrorMessage error={error} />}

            <fieldset className="names">
              <legend>{t('form.names')}</legend>
              {namesError && (
                <small className="field-error" role="alert" data-testid="error-message">
                  {translateError(error)}
                </small>
              )}
              {nameOrder.map((lang, i) => (
                <Field key={lang} label={LANGUAGE_LABELS[lang]} names={[`names.${lang}`]} error={error}>
                  <input
                    data-testid={`product-name-${lang}`}
                    lang={lang}
                    value={draft.names[lang]}
                    maxLength={120}
                    autoFocus={i === 0}
                    onChange={(e) => set('names', { ...draft.names, [lang]: e.target.value })}
                  />
                </Field>
              ))}
            </fieldset>

            <div className="form-grid">
              <Field label={t('form.kind')} names={['kind']} error={error}>
                <select data-testid="product-kind" value={draft.kind} onChange={(e) => setKind(e.target.value as ProductKind)}>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('form.category')} names={['categoryId']} error={error}>
                <select value={draft.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
                  <option value="">{t('form.noCategory')}</option>
                  {categoryTree(categories.data ?? []).map(({ item, depth }) => (
                    <option key={item.id} value={item.id}>
                      {`${'\u00A0\u00A0'.repeat(depth)}${item.name}`}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('form.variety')} names={['variety']} error={error}>
                <input value={draft.variety} maxLength={120} onChange={(e) => set('variety', e.target.value)} />
              </Field>
              <Field label={t('form.stemLength')} names={['stemLengthCm']} error={error}>
                <input
                  inputMode="numeric"
                  value={draft.stemLength}
                  onChange={(e) => set('stemLength', e.target.value.replace(/[^\d]/g, ''))}
                />
              </Field>
              <Field label={t('form.unit')} names={['unit']} error={error}>
                <select
                  value={draft.unit}
                  onChange={(e) => setDraft((d) => ({ ...d, unit: e.target.value as Unit, unitChosen: true }))}
                >
                  {units.map((u) => (
                    <option key={u} value={u}>
                      {t(`units.${u}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={currency ? t('form.priceIn', { currency }) : t('form.price')} names={['price']} error={error}>
                <input
                  data-testid="product-price"
                  inputMode="decimal"
                  autoComplete="off"
                  value={draft.price}
                  onChange={(e) => set('price', e.target.value)}
                  onBlur={() => {
                    const parsed = currency ? parseMoney(draft.price, currency) : null;
                    if (parsed?.ok && currency) set('price', formatMoneyForInput(parsed.minor, currency, language));
                  }}
                />
              </Field>
            </div>

            <fieldset className="freshness">
              <legend>{t('stock:product.legend')}</legend>
              <div className="form-grid">
                <Field label={t('stock:product.vaseLife')} names={['vaseLifeDays']} error={error}>
                  <input
                    data-testid="product-vase-life"
                    inputMode="numeric"
                    placeholder={t('stock:product.vaseLifeNone')}
                    value={draft.vaseLife}
                    onChange={(e) => set('vaseLife', e.target.value.replace(/[^\d]/g, ''))}
                  />
                </Field>
                <Field label={t('stock:product.minStock')} names={['minStock']} error={error}>
                  <input
                    data-testid="product-min-stock"
                    inputMode="numeric"
                    placeholder={t('stock:product.minStockNone')}
                    value={draft.minStock}
                    onChange={(e) => set('minStock', e.target.value.replace(/[^\d]/g, ''))}
                  />
                </Field>
                <Field label={t('stock:product.supplier')} names={['supplierId']} error={error}>
                  <select data-testid="product-supplier" value={draft.supplierId} onChange={(e) => set('supplierId', e.target.value)}>
                    <option value="">{t('stock:product.noSupplier')}</option>
                    {(suppliers.data ?? [])
                      .filter((s) => !s.archived || s.id === draft.supplierId)
                      .map((s) => (
                        <option key={s.id} value={s.id} disabled={s.archived}>
                          {s.archived ? t('stock:product.supplierArchived', { name: s.name }) : s.name}
                        </option>
                      ))}
                  </select>
                </Field>
              </div>
            </fieldset>

            <fieldset className="colours">
              <legend>{t('form.colour')}</legend>
              <div className="swatch-picker" role="radiogroup" aria-label={t('form.colour')}>
                <button
                  type="button"
                  role="radio"
                  aria-checked={draft.colour === ''}
                  className={`swatch-choice${draft.colour === '' ? ' chosen' : ''}`}
                  onClick={() => set('colour', '')}
                >
                  <span className="swatch none" aria-hidden="true" />
                  {t('form.noColour')}
                </button>
                {colours.map((c) => (
                  <button
                    key={c}
                    type="button"
                    role="radio"
                    aria-checked={draft.colour === c}
                    className={`swatch-choice${draft.colour === c ? ' chosen' : ''}`}
                    onClick={() => set('colour', c)}
                  >
                    <ColourSwatch colour={c} />
                    {tColour(c)}
                  </button>
                ))}
              </div>
              {errorField(error) === 'colour' && (
                <small className="field-error" role="alert">
                  {translateError(error)}
                </small>
              )}
            </fieldset>

            <fieldset className="barcodes">
              <legend>{t('form.barcodes')}</legend>
              <ul className="barcode-list">
                {draft.barcodes.map((code, i) => (
                  <li key={code} className={i === barcodeErrorIndex ? 'invalid' : undefined}>
                    <code>{code}</code>
                    <button
                      type="button"
                      className="ghost"
                      onClick={() => set('barcodes', draft.barcodes.filter((c) => c !== code))}
                    >
                      {t('actions.remove')}
                    </button>
                    {i === barcodeErrorIndex && (
                      <small className="field-error" role="alert" data-testid="error-message">
                        {translateError(error)}
                      </small>
                    )}
                  </li>
                ))}
                {draft.barcodes.length === 0 && <li className="hint">{t('detail.noBarcodes')}</li>}
              </ul>
              <div className="barcode-add">
                <Field label={t('form.barcodeInput')} names={['code']} error={codeError ?? (errorField(error) === 'code' ? error : null)}>
                  <input
                    data-testid="barcode-input"
                    value={codeInput}
                    autoComplete="off"
                    onChange={(e) => setCodeInput(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        void addCode(codeInput);
                      }
                    }}
                  />
                </Field>
                <button type="button" onClick={() => void addCode(codeInput)}>
                  {t('actions.add')}
                </button>
                <button type="button" onClick={() => void generateCode()}>
                  {t('actions.generate')}
                </button>
              </div>
            </fieldset>
          </div>

          <footer className="modal-foot">
            {product && (
              <button type="button" className="ghost" disabled={busy} onClick={() => void toggleArchived()}>
                {archived ? t('actions.restore') : t('actions.archive')}
              </button>
            )}
            <span className="spacer" />
            <button type="button" onClick={onClose} disabled={busy}>
              {t('actions.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="product-save">
              {t('actions.save')}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
