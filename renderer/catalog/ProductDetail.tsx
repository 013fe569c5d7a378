import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { formatDateTime } from '../format/dates';
import { formatCentimetres } from '../format/numbers';
import { LANGUAGE_LABELS, LANGUAGES, isLanguage } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ColourLabel } from './ColourSwatch';
import { displayName } from './names';
import { useMoney } from './useMoney';
import type { ProductRecord } from './types';

interface ProductDetailProps {
  productId: string;
  canEdit: boolean;
  onEdit: (product: ProductRecord) => void;
  onClose: () => void;
}

const CLOSE = '✕';

/** One product, read-only: every name, the details, the barcodes; edit and archive for those allowed. */
export function ProductDetail({ productId, canEdit, onEdit, onClose }: ProductDetailProps) {
  const { t, i18n } = useTranslation('catalog');
  const language = i18n.language;
  const { format } = useMoney();
  const product = useApi('catalog.get', { id: productId }, ['catalog.changed']);
  const categories = useApi('catalog.categories', { lang: isLanguage(language) ? language : 'en', includeArchived: true }, [
    'catalog.changed',
  ]);
  const suppliers = useApi('suppliers.list', { includeArchived: true }, ['suppliers.changed']);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const p = product.data?.id === productId ? product.data : undefined;

  async function toggleArchived(current: ProductRecord) {
    setBusy(true);
    setActionError(null);
    try {
      if (current.archived) await call('catalog.restore', { id: current.id });
      else await call('catalog.archive', { id: current.id });
      product.reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  const categoryName = p?.categoryId ? categories.data?.find((c) => c.id === p.categoryId)?.name : undefined;
  const supplierName = p?.supplierId ? suppliers.data?.find((s) => s.id === p.supplierId)?.name : undefined;
  const otherNames = p ? LANGUAGES.filter((l) => l !== language && p.names[l]) : [];

  return (
    <aside className="product-detail" data-testid="product-detail" aria-busy={!p || undefined}>
      <header className="detail-head">
        {p ? <h2 lang={p.names[language as keyof ProductRecord['names']] ? language : undefined}>{displayName(p.names, language)}</h2> : <h2>{t('detail.loading')}</h2>}
        <button type="button" className="ghost" onClick={onClose} aria-label={t('actions.close')} title={t('actions.close')}>
          {CLOSE}
        </button>
      </header>
      {!p && product.error !== null && <ErrorMessage error={product.error} />}
      {p && (
        <>
          {p.archived && <span className="badge">{t('archived.badge')}</span>}
          <p className="detail-price">
            {format(p.price)}
            <small className="unit">{t('perUnit', { unit: t(`unitsShort.${p.unit}`) })}</small>
          </p>
          <dl className="detail-list">
            <dt>{t('columns.kind')}</dt>
            <dd>{t(`kinds.${p.kind}`)}</dd>
            <dt>{t('columns.category')}</dt>
            <dd>{categoryName ?? t('form.noCategory')}</dd>
            {p.variety && (
              <>
                <dt>{t('columns.variety')}</dt>
                <dd>{p.variety}</dd>
              </>
            )}
            {p.colour && (
              <>
                <dt>{t('columns.colour')}</dt>
                <dd>
                  <ColourLabel colour={p.colour} />
                </dd>
              </>
            )}
            {p.stemLengthCm !== null && (
              <>
                <dt>{t('columns.length')}</dt>
                <dd>{formatCentimetres(p.stemLengthCm, language)}</dd>
              </>
            )}
            <dt>{t('form.unit')}</dt>
            <dd>{t(`units.${p.unit}`)}</dd>
            <dt>{t('stock:product.vaseLife')}</dt>
            <dd data-testid="product-detail-vase-life">
              {p.vaseLifeDays === null ? t('stock:product.vaseLifeNone') : t('stock:days', { count: p.vaseLifeDays })}
            </dd>
            <dt>{t('stock:product.minStock')}</dt>
            <dd>{p.minStock === null ? t('stock:product.minStockNone') : `${p.minStock} ${t(`unitsShort.${p.unit}`)}`}</dd>
            <dt>{t('stock:product.supplier')}</dt>
            <dd>{supplierName ?? t('stock:product.noSupplier')}</dd>
            <dt>{t('detail.updated')}</dt>
            <dd className="nowrap">{formatDateTime(p.updatedAt, language)}</dd>
          </dl>

          <h3>{t('form.barcodes')}</h3>
          {p.barcodes.length === 0 ? (
            <p className="hint">{t('detail.noBarcodes')}</p>
          ) : (
            <ul className="barcode-list" data-testid="product-barcodes">
              {p.barcodes.map((b) => (
                <li key={b.code}>
                  <code>{b.code}</code>
                  <small>{t(`symbologies.${b.symbology}`)}</small>
                </li>
              ))}
            </ul>
          )}

          {otherNames.length > 0 && (
            <>
              <h3>{t('form.names')}</h3>
              <dl className="detail-list names">
                {otherNames.map((l) => (
                  <div key={l} className="name-pair">
                    <dt>{LANGUAGE_LABELS[l]}</dt>
                    <dd lang={l}>{p.names[l]}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}

          <ErrorMessage error={actionError} />
          {canEdit && (
            <footer className="detail-actions">
              <button type="button" className="primary" data-testid="product-edit" onClick={() => onEdit(p)}>
                {t('actions.edit')}
              </button>
              <button type="button" disabled={busy} onClick={() => void toggleArchived(p)}>
                {p.archived ? t('actions.restore') : t('actions.archive')}
              </button>
            </footer>
          )}
        </>
      )}
    </aside>
  );
}
