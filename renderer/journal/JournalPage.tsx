import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi, useBackendEvent } from '../api/hooks';
import { onSessionChanged, useSession } from '../app/session';
import { isLanguage } from '../i18n/languages';
import { isShown, useScanHandler } from '../scan/scanContext';
import { isPlain, isTextField } from '../shift/keys';
import { ShortcutButton, useScreenShortcuts } from '../shift/shortcuts';
import { topDialog } from '../ui/Modal';
import { ErrorMessage } from '../ui/ErrorMessage';
import { dayOf, hasFilters, listInput, NO_FILTERS, saleIdFromCode, type JournalFilters } from './filters';
import { JournalTable, type JournalRow, type JournalTableHandle } from './JournalTable';
import { PickFilter, type Pick } from './PickFilter';
import { appendPage } from './rows';
import { SaleDetail } from './SaleDetail';
import '../shift/counter.css';

const PAGE_SIZE = 100;

/**
 * The sales journal: every sale and return, newest first, filtered by dates, kind, cashier, payment
 * method, client and product; open one to see it, reprint it or return from it. Keyboard: ↑/↓ move,
 * Esc closes the sale, Alt+F the filters, Alt+T today, Alt+S this shift, Alt+C clears the filters.
 * Scanning a receipt's QR code opens that sale.
 */
export function JournalPage() {
  const { t, i18n } = useTranslation('journal');
  const { can } = useSession();
  const rootRef = useRef<HTMLDivElement>(null);
  const fromRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<JournalTableHandle>(null);
  const [filters, setFilters] = useState<JournalFilters>(NO_FILTERS);
  const [rows, setRows] = useState<JournalRow[]>([]);
  const [next, setNext] = useState<{ at: string; id: string } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const users = useApi('users.picker', {}, ['users.changed']);
  const shift = useApi('shifts.current', {}, ['shift.changed']);
  const loadingMore = useRef(false);
  // Bumped with every fresh first page: an older page still on its way belongs to other filters.
  const listEpoch = useRef(0);
  const canClients = can('clients.view');
  const canProducts = can('catalog.view');

  const set = <K extends keyof JournalFilters>(key: K, value: JournalFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filterKey = JSON.stringify(listInput(filters, PAGE_SIZE));

  useEffect(() => {
    let current = true;
    listEpoch.current += 1;
    loadingMore.current = false;
    setLoading(true);
    setError(null);
    call('journal.list', JSON.parse(filterKey) as ReturnType<typeof listInput>).then(
      (page) => {
        if (!current) return;
        setRows(page.rows);
        setNext(page.next);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [filterKey, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useBackendEvent(['sales.changed'], reload);
  useEffect(() => onSessionChanged(reload), [reload]);

  const loadMore = useCallback(() => {
    if (!next || loadingMore.current) return;
    loadingMore.current = true;
    const epoch = listEpoch.current;
    call('journal.list', { ...(JSON.parse(filterKey) as ReturnType<typeof listInput>), before: next }).then(
      (page) => {
        if (epoch !== listEpoch.current) return;
        setRows((shown) => appendPage(shown, page.rows));
        setNext(page.next);
        loadingMore.current = false;
      },
      (e: unknown) => {
        if (epoch !== listEpoch.current) return;
        setError(e);
        loadingMore.current = false;
      },
    );
  }, [next, filterKey]);

  const searchClients = useCallback(
    async (query: string): Promise<Pick[]> => (await call('clients.find', { query })).map((c) => ({ id: c.id, name: c.name, detail: c.phone ?? undefined })),
    [],
  );
  const searchProducts = useCallback(
    async (query: string): Promise<Pick[]> =>
      (await call('catalog.search', { query, ...(isLanguage(i18n.language) ? { lang: i18n.language } : {}), includeArchived: true, limit: 20 })).items.map((p) => ({ id: p.id, name: p.name })),
    [i18n.language],
  );

  function today() {
    const d = dayOf(new Date());
    setFilters((f) => ({ ...f, from: d, to: d, shiftId: '' }));
  }

  useScreenShortcuts(rootRef, {
    F: () => fromRef.current?.focus(),
    T: today,
    S: shift.data ? () => setFilters((f) => ({ ...f, shiftId: f.shiftId ? '' : (shift.data?.id ?? ''), from: '', to: '' })) : undefined,
    C: () => setFilters(NO_FILTERS),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isShown(rootRef.current) || topDialog() || !isPlain(e) || isTextField(e.target)) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        tableRef.current?.move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Escape' && selectedId) {
        e.preventDefault();
        setSelectedId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectedId]);

  // A receipt's QR code scanned here opens that sale.
  useScanHandler((code) => {
    if (!isShown(rootRef.current) || topDialog()) return false;
    const id = saleIdFromCode(code);
    if (!id) return false;
    setSelectedId(id);
    return true;
  });

  return (
    <div className="counter-page journal-page" ref={rootRef} data-testid="journal-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <span className="hint" data-testid="journal-count">
          {loading ? t('common:status.loading') : next ? t('countMore', { shown: rows.length }) : t('count', { shown: rows.length })}
        </span>
      </div>
      <div className="journal-filters" role="search" aria-label={t('filters.label')}>
        <div className="field">
          <label htmlFor="journal-from">{t('filters.from')}</label>
          <input id="journal-from" ref={fromRef} type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.target.value)} data-testid="journal-from" />
        </div>
        <div className="field">
          <label htmlFor="journal-to">{t('filters.to')}</label>
          <input id="journal-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to', e.target.value)} data-testid="journal-to" />
        </div>
        <div className="field">
          <label htmlFor="journal-kind">{t('filters.kind')}</label>
          <select id="journal-kind" value={filters.kind} onChange={(e) => set('kind', e.target.value as JournalFilters['kind'])} data-testid="journal-kind">
            <option value="">{t('filters.allKinds')}</option>
            <option value="sale">{t('kind.sales')}</option>
            <option value="return">{t('kind.returns')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="journal-cashier">{t('filters.cashier')}</label>
          <select id="journal-cashier" value={filters.cashierId} onChange={(e) => set('cashierId', e.target.value)} data-testid="journal-cashier">
            <option value="">{t('filters.anyone')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="journal-method">{t('filters.method')}</label>
          <select id="journal-method" value={filters.method} onChange={(e) => set('method', e.target.value as JournalFilters['method'])} data-testid="journal-method">
            <option value="">{t('filters.anyMethod')}</option>
            <option value="cash">{t('method.cash')}</option>
            <option value="card">{t('method.card')}</option>
          </select>
        </div>
        {canClients && (
          <PickFilter label={t('filters.client')} value={filters.client} onChange={(v) => set('client', v)} search={searchClients} testId="journal-client" />
        )}
        {canProducts && (
          <PickFilter label={t('filters.product')} value={filters.product} onChange={(v) => set('product', v)} search={searchProducts} testId="journal-product" />
        )}
        <ShortcutButton letter="T" testId="journal-today" onClick={today}>
          {t('filters.today')}
        </ShortcutButton>
        {shift.data && (
          <ShortcutButton
            letter="S"
            testId="journal-this-shift"
            primary={filters.shiftId !== ''}
            onClick={() => setFilters((f) => ({ ...f, shiftId: f.shiftId ? '' : (shift.data?.id ?? ''), from: '', to: '' }))}
          >
            {t('filters.thisShift', { number: shift.data.number })}
          </ShortcutButton>
        )}
        {hasFilters(filters) && (
          <ShortcutButton letter="C" testId="journal-clear" onClick={() => setFilters(NO_FILTERS)}>
            {t('filters.clear')}
          </ShortcutButton>
        )}
      </div>
      <ErrorMessage error={error} />
      <div className={`journal-body${selectedId ? '' : ' no-detail'}`}>
        <div>
          <JournalTable ref={tableRef} rows={rows} selectedId={selectedId} onSelect={setSelectedId} onNearEnd={loadMore} listKey={filterKey} />
          {!loading && !error && rows.length === 0 && (
            <p className="hint" data-testid="journal-empty">
              {hasFilters(filters) ? t('emptyFiltered') : t('empty')}
            </p>
          )}
        </div>
        {/* Keyed: a reprint notice or an error of the sale shown before is not this one's. */}
        {selectedId && <SaleDetail key={selectedId} id={selectedId} onOpen={setSelectedId} />}
      </div>
    </div>
  );
}
