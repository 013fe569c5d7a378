import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { onSessionChanged } from '../app/session';
import type { Language } from '../i18n/languages';
import type { ProductKind, ProductListItem, SearchSort } from './types';

export interface SearchParams {
  query: string;
  lang: Language;
  kind: ProductKind | '';
  categoryId: string;
  includeArchived: boolean;
  sort: SearchSort;
  dir: 'asc' | 'desc';
}

export interface SearchState {
  items: ProductListItem[];
  total: number;
  /** True until the answer to the latest parameters has arrived. */
  loading: boolean;
  error: unknown;
}

/** Rows fetched per request; more are fetched as the list is scrolled (the backend allows up to 200). */
export const PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 200;

function request(params: SearchParams, offset: number, limit: number) {
  const query = params.query.trim().slice(0, MAX_QUERY_LENGTH);
  return call('catalog.search', {
    ...(query ? { query } : {}),
    lang: params.lang,
    ...(params.kind ? { kind: params.kind } : {}),
    ...(params.categoryId ? { categoryId: params.categoryId } : {}),
    includeArchived: params.includeArchived,
    sort: params.sort,
    dir: params.dir,
    limit,
    offset,
  });
}

/**
 * Instant search: one request per change (every keystroke), and only the answer to the latest
 * request is shown, whatever order the answers arrive in. Further pages load on demand; a change
 * made anywhere (catalog.changed) reloads what is shown.
 */
export function useProductSearch(params: SearchParams): SearchState & { loadMore: () => void } {
  const [state, setState] = useState<SearchState>({ items: [], total: 0, loading: true, error: null });
  const latest = useRef(0);
  const loadingMore = useRef(false);
  const shown = useRef(0);
  const shownFor = useRef('');
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(params);

  useEffect(() => {
    const mine = ++latest.current;
    loadingMore.current = false;
    const p = JSON.parse(key) as SearchParams;
    // New parameters start from the first page; a reload after a change keeps as many rows as were
    // loaded, so the list does not jump back.
    if (shownFor.current !== key) {
      shownFor.current = key;
      shown.current = 0;
    }
    const limit = Math.min(Math.max(shown.current, PAGE_SIZE), 200);
    setState((s) => ({ ...s, loading: true }));
    request(p, 0, limit).then(
      (r) => {
        if (mine !== latest.current) return;
        shown.current = r.items.length;
        setState({ items: r.items, total: r.total, loading: false, error: null });
      },
      (error: unknown) => {
        if (mine === latest.current) setState((s) => ({ ...s, loading: false, error }));
      },
    );
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useBackendEvent(['catalog.changed'], reload);
  useEffect(() => onSessionChanged(reload), [reload]);

  const loadMore = useCallback(() => {
    if (loadingMore.current || state.loading || state.items.length >= state.total) return;
    loadingMore.current = true;
    const mine = latest.current;
    const offset = state.items.length;
    request(JSON.parse(key) as SearchParams, offset, PAGE_SIZE).then(
      (r) => {
        loadingMore.current = false;
        if (mine !== latest.current) return;
        setState((s) => {
          if (s.items.length !== offset) return s;
          const items = [...s.items, ...r.items];
          shown.current = items.length;
          return { ...s, items, total: r.total };
        });
      },
      (error: unknown) => {
        loadingMore.current = false;
        if (mine === latest.current) setState((s) => ({ ...s, error }));
      },
    );
  }, [key, state.loading, state.items.length, state.total]);

  return { ...state, loadMore };
}
