import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { isLanguage } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';
import { isShown, useScanHandler } from '../scan/scanContext';
import { categoryTree } from './categoryTree';
import { ProductDetail } from './ProductDetail';
import { ProductForm } from './ProductForm';
import { ProductTable, type Grouping, type ProductTableHandle } from './ProductTable';
import { useProductSearch } from './useProductSearch';
import type { ProductKind, ProductRecord, SearchSort } from './types';
import './catalog.css';

type FormState = { mode: 'new'; barcode?: string } | { mode: 'edit'; product: ProductRecord } | null;

const SORTS: readonly SearchSort[] = ['name', 'price', 'updated'];
const BURST_GAP_MS = 60;
const GROUPINGS: readonly Grouping[] = ['none', 'category', 'kind'];

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)) ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * The product list: instant search, filters, sort, grouping, a product's details beside the list,
 * and the product form for those who may edit. Keyboard: ↑/↓ move, Enter opens, Ctrl+N new,
 * / or F3 search, Esc closes the details. A scan opens the scanned product.
 */
export function ProductsPage() {
  const { t, i18n } = useTranslation('catalog');
  const { can } = useSession();
  const canEdit = can('catalog.edit');
  const language = isLanguage(i18n.language) ? i18n.language : 'en';

  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<ProductKind | ''>('');
  const [categoryId, setCategoryId] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [sort, setSort] = useState<SearchSort>('name');
  const [dir, setDir] = useState<'asc' | 'desc'>('asc');
  const [grouping, setGrouping] = useState<Grouping>('none');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(null);

  const pageRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<ProductTableHandle>(null);

  const options = useApi('catalog.options', {});
  const categories = useApi('catalog.categories', { lang: language }, ['catalog.changed']);
  const search = useProductSearch({ query, lang: language, kind, categoryId, includeArchived, sort, dir });
  const kinds = options.data?.kinds ?? [];

  const open = useCallback((id: string) => {
    setSelectedId(id);
    setOpenId(id);
  }, []);

  const openNew = useCallback((barcode?: string) => {
    if (canEdit) setForm(barcode ? { mode: 'new', barcode } : { mode: 'new' });
  }, [canEdit]);

  function sortBy(next: SearchSort) {
    if (next === sort) setDir((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(next);
      setDir(next === 'updated' ? 'desc' : 'asc');
    }
  }

  // On this screen a scan opens the product; unknown and invalid codes fall through to the app-wide toast.
  useScanHandler(async (code) => {
    if (!isShown(pageRef.current) || form) return false;
    try {
      const found = await call('catalog.byBarcode', { code, lang: language });
      open(found.product.id);
      return true;
    } catch {
      return false;
    }
  });

  useEffect(() => {
    let lastKeyAt = Number.NEGATIVE_INFINITY;
    const onKey = (e: KeyboardEvent) => {
      // A "/" right after another key is part of a scanner burst (Code 128 has slashes), not the shortcut.
      const inBurst = e.timeStamp - lastKeyAt < BURST_GAP_MS;
      lastKeyAt = e.timeStamp;
      if (e.defaultPrevented || form || !isShown(pageRef.current)) return;
      const inSearch = e.target === searchRef.current;
      const typing = isTextField(e.target) && !inSearch;
      const plain = !e.ctrlKey && !e.altKey && !e.metaKey;
      if ((e.key === '/' && plain && !typing && !inSearch && !inBurst) || (e.key === 'F3' && plain)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyN') {
        if (!canEdit) return;
        e.preventDefault();
        openNew();
      } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && plain && !typing) {
        if (e.target instanceof HTMLButtonElement && !inSearch) return;
        e.preventDefault();
        tableRef.current?.move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter' && plain && !typing && selectedId) {
        if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement) return;
        e.preventDefault();
        setOpenId(selectedId);
      } else if (e.key === 'Escape' && plain && openId && !typing) {
        e.preventDefault();
        setOpenId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form, canEdit, openNew, selectedId, openId]);

  // The selection follows the list: when a search leaves it out, the first row is selected instead.
  useEffect(() => {
    if (search.loading) return;
    if (selectedId && search.items.some((p) => p.id === selectedId)) return;
    setSelectedId(search.items[0]?.id ?? null);
  }, [search.items, search.loading, selectedId]);

  return (
    <div className="products-page" ref={pageRef}>
      <div className="products-toolbar" role="search">
        <input
          ref={searchRef}
          type="search"
          className="product-search"
          data-testid="product-search"
          value={query}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="toolbar-field">
          <span>{t('filter.kind')}</span>
          <select data-testid="filter-kind" value={kind} onChange={(e) => setKind(e.target.value as ProductKind | '')}>
            <option value="">{t('filter.allKinds')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          <span>{t('filter.category')}</span>
          <select data-testid="filter-category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">{t('filter.allCategories')}</option>
            {categoryTree(categories.data ?? []).map(({ item, depth }) => (
              <option key={item.id} value={item.id}>
                {`${'\u00A0\u00A0'.repeat(depth)}${item.name}`}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          <span>{t('sort.label')}</span>
          <select data-testid="sort" value={sort} onChange={(e) => sortBy(e.target.value as SearchSort)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="ghost dir"
          onClick={() => setDir((d) => (d === 'asc' ? 'desc' : 'asc'))}
          title={dir === 'asc' ? t('sort.asc') : t('sort.desc')}
          aria-label={dir === 'asc' ? t('sort.asc') : t('sort.desc')}
        >
          {dir === 'asc' ? ASC : DESC}
        </button>
        <label className="toolbar-field">
          <span>{t('group.label')}</span>
          <select data-testid="grouping" value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`group.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-check">
          <input type="checkbox" data-testid="show-archived" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          <span>{t('archived.show')}</span>
        </label>
        <span className="spacer" />
        {canEdit && (
          <button type="button" className="primary" data-testid="product-new" onClick={() => openNew()} title={t('actions.newShortcut')}>
            {t('actions.new')}
          </button>
        )}
      </div>

      <ErrorMessage error={search.error} />

      <div className={`products-body${openId ? ' with-detail' : ''}`}>
        <div className="products-list">
          <ProductTable
            ref={tableRef}
            items={search.items}
            grouping={grouping}
            kindOrder={kinds}
            selectedId={selectedId}
            sort={sort}
            dir={dir}
            onSort={sortBy}
            onSelect={setSelectedId}
            onOpen={open}
            onNearEnd={search.loadMore}
            listKey={JSON.stringify([query, kind, categoryId, includeArchived, sort, dir, grouping])}
          />
          {!search.loading && search.items.length === 0 && (
            <p className="empty" data-testid="products-empty">
              {query.trim() ? t('empty.noMatch', { query: query.trim() }) : t('empty.none')}
            </p>
          )}
        </div>
        {openId && (
          <ProductDetail
            productId={openId}
            canEdit={canEdit}
            onEdit={(product) => setForm({ mode: 'edit', product })}
            onClose={() => setOpenId(null)}
          />
        )}
      </div>

      <footer className="products-status">
        <span data-testid="products-count">{t('count', { count: search.total })}</span>
        <span className="spacer" />
        <span className="hint keys">{canEdit ? t('keys.withNew') : t('keys.basic')}</span>
      </footer>

      {form && (
        <ProductForm
          key={form.mode === 'edit' ? form.product.id : 'new'}
          {...(form.mode === 'edit' ? { product: form.product } : {})}
          {...(form.mode === 'new' && form.barcode ? { initialBarcode: form.barcode } : {})}
          onClose={() => {
            setForm(null);
            searchRef.current?.focus();
          }}
          onSaved={(product) => {
            setForm(null);
            open(product.id);
          }}
        />
      )}
    </div>
  );
}

const ASC = '↑';
const DESC = '↓';
