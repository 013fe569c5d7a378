import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi, useBackendEvent } from '../api/hooks';
import { onSessionChanged, useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { categoryTree } from '../catalog/categoryTree';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { isLanguage } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useInfiniteRows } from '../ui/useInfiniteRows';
import { FreshnessBadge } from './FreshnessBadge';
import { WriteOffButton } from './WriteOffButton';
import type { FreshnessState, LotRow, Overview } from './types';

const PAGE = 100;
const ROW_HEIGHT = 48;
const SEARCH_SETTLE_MS = 150;
const KINDS = ['cut_flower', 'greenery', 'plant', 'consumable', 'ready_item'] as const;
const STATES: readonly FreshnessState[] = ['fresh', 'ageing', 'lastDay', 'expired', 'none'];
const SORTS = ['age', 'remaining', 'value', 'name'] as const;
const REFRESH_ON = ['stock.changed', 'sales.changed', 'pricing.changed', 'catalog.changed', 'suppliers.changed'] as const;

type Filters = Omit<Input<'stock.overview'>, 'limit' | 'offset'>;

/** Every lot with stock: age, vase life left (words and colour), quantity, value for who may see costs, markdown; filters and totals. */
export function LotsTab() {
  const { t, i18n } = useTranslation('stock');
  const { t: tCatalog } = useTranslation('catalog');
  const language = i18n.language;
  const { can } = useSession();
  const { format } = useMoney();
  const categories = useApi('catalog.categories', { lang: isLanguage(language) ? language : 'en' }, ['catalog.changed']);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>({ sort: 'age' });
  const [rows, setRows] = useState<LotRow[]>([]);
  const [summary, setSummary] = useState<Pick<Overview, 'total' | 'totals' | 'costVisible'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const loading = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const listKey = JSON.stringify(filters);
  const request = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => {
      const q = query.trim();
      setFilters((f) => {
        const { query: _, ...rest } = f;
        return q ? { ...rest, query: q } : rest;
      });
    }, SEARCH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  // A new list (filters changed, or stock moved): the first page again.
  useEffect(() => {
    const mine = ++request.current;
    loading.current = true;
    call('stock.overview', { ...(JSON.parse(listKey) as Filters), limit: PAGE }).then(
      (o) => {
        if (mine !== request.current) return;
        setRows(o.rows);
        setSummary({ total: o.total, totals: o.totals, costVisible: o.costVisible });
        setError(null);
        loading.current = false;
      },
      (e: unknown) => {
        if (mine !== request.current) return;
        setError(e);
        loading.current = false;
      },
    );
  }, [listKey, generation]);

  useBackendEvent(REFRESH_ON, () => setGeneration((g) => g + 1));
  // Another person signed in: costs are shown only to who may see them, so the rows are asked for again.
  useEffect(() => onSessionChanged(() => setGeneration((g) => g + 1)), []);

  const onNearEnd = useCallback(() => {
    if (loading.current || !summary || rows.length >= summary.total) return;
    const mine = request.current;
    loading.current = true;
    call('stock.overview', { ...filters, limit: PAGE, offset: rows.length }).then(
      (o) => {
        loading.current = false;
        if (mine !== request.current) return;
        setRows((r) => [...r, ...o.rows]);
      },
      (e: unknown) => {
        loading.current = false;
        if (mine === request.current) setError(e);
      },
    );
  }, [filters, rows.length, summary]);

  const { virtualizer, virtualRows } = useInfiniteRows({ count: rows.length, scrollRef, rowHeight: ROW_HEIGHT, listKey, margin: 20, onNearEnd });
  const set = (patch: Partial<Filters>) =>
    setFilters((f) => {
      const next: Record<string, unknown> = { ...f, ...patch };
      for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '' || next[key] === false) delete next[key];
      return next as Filters;
    });
  const showCost = summary?.costVisible ?? false;
  const canWriteOff = can('stock.writeoff');

  return (
    <div className="stock-lots">
      <div className="stock-toolbar">
        <input
          type="search"
          value={query}
          placeholder={t('filters.search')}
          aria-label={t('filters.search')}
          data-testid="stock-search"
          onChange={(e) => setQuery(e.target.value)}
        />
        <select aria-label={t('filters.category')} value={filters.categoryId ?? ''} onChange={(e) => set({ categoryId: e.target.value || undefined })}>
          <option value="">{t('filters.allCategories')}</option>
          {categoryTree(categories.data ?? []).map(({ item, depth }) => (
            <option key={item.id} value={item.id}>
              {`${'\u00A0\u00A0'.repeat(depth)}${item.name}`}
            </option>
          ))}
        </select>
        <select aria-label={t('filters.kind')} value={filters.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as Filters['kind'] })}>
          <option value="">{t('filters.allKinds')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {tCatalog(`kinds.${k}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('filters.state')}
          data-testid="stock-state"
          value={filters.state ?? ''}
          onChange={(e) => set({ state: (e.target.value || undefined) as Filters['state'] })}
        >
          <option value="">{t('filters.allStates')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('filters.sort')} value={filters.sort ?? 'age'} onChange={(e) => set({ sort: e.target.value as Filters['sort'], dir: undefined })}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" data-testid="stock-only-aging" checked={filters.onlyAging ?? false} onChange={(e) => set({ onlyAging: e.target.checked })} />
          {t('filters.onlyAging')}
        </label>
      </div>

      {summary && (
        <p className="stock-totals" data-testid="stock-totals">
          <span>{t('totals.lots', { count: summary.totals.lots })}</span>
          <span>{t('totals.quantity', { quantity: formatNumber(summary.totals.quantity, language) })}</span>
          {summary.totals.value !== null && <span>{t('totals.value', { value: format(summary.totals.value) })}</span>}
          {summary.totals.markedDown > 0 && <span className="marked">{t('totals.markedDown', { count: summary.totals.markedDown })}</span>}
          {summary.totals.expired > 0 && <span className="expired">{t('totals.expired', { count: summary.totals.expired })}</span>}
        </p>
      )}
      <ErrorMessage error={error} />

      <div className={`lot-grid-head lot-row${showCost ? ' with-cost' : ''}`} role="row">
        <span>{t('columns.product')}</span>
        <span>{t('columns.arrived')}</span>
        <span className="num">{t('columns.age')}</span>
        <span>{t('columns.remaining')}</span>
        <span className="num">{t('columns.quantity')}</span>
        {showCost && <span className="num">{t('columns.unitCost')}</span>}
        {showCost && <span className="num">{t('columns.value')}</span>}
        <span>{t('columns.markdown')}</span>
        <span>{t('columns.supplier')}</span>
        <span />
      </div>
      <div ref={scrollRef} className="lot-scroll" data-testid="stock-lots" role="table" aria-label={t('tabs.lots')}>
        {summary && rows.length === 0 && <p className="hint">{filters.query || Object.keys(filters).length > 1 ? t('none') : t('empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualRows.map((v) => {
            const r = rows[v.index];
            if (!r) return null;
            return (
              <div
                key={r.lotId}
                role="row"
                className={`lot-row${showCost ? ' with-cost' : ''} state-${r.state}`}
                data-testid="stock-lot"
                data-lot-id={r.lotId}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              >
                <span className="lot-name" title={r.name}>
                  <strong>{r.name}</strong>
                  {r.category && <small>{r.category}</small>}
                </span>
                <span className="nowrap">{formatDate(r.arrivedAt, language)}</span>
                <span className="num">{t('days', { count: r.ageDays })}</span>
                <span>
                  <FreshnessBadge state={r.state} remaining={r.remainingDays} />
                </span>
                <span className="num">{formatNumber(r.quantity, language)}</span>
                {showCost && <span className="num">{r.unitCost === null ? '' : format(r.unitCost)}</span>}
                {showCost && <span className="num">{r.value === null ? '' : format(r.value)}</span>}
                <span>{r.markdownBp !== null && <span className="markdown-tag">{t('markdown.tag', { percent: formatNumber(r.markdownBp / 100, language) })}</span>}</span>
                <span className="lot-supplier" title={r.supplierName ?? ''}>
                  {r.supplierName ?? ''}
                </span>
                <span>{canWriteOff && <WriteOffButton lot={r} />}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
