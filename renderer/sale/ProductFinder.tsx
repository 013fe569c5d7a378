import { memo, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { swatchBackground } from '../catalog/colourSwatches';
import { useProductSearch } from '../catalog/useProductSearch';
import type { ProductListItem } from '../catalog/types';
import { isLanguage } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { saleCall } from './api';
import { KEYS, tileKey } from './shortcuts';
import type { Tile } from './types';
import { ENTER } from './symbols';

/** A scanner types a character every few ms; the search waits this long after the last key, so a burst never searches. */
export const SEARCH_SETTLE_MS = 40;
const RESULTS_SHOWN = 12;

export interface FinderHandle {
  focus(): void;
  /** Moves the highlighted result; false when there are no results (the keys then move the sale's lines). */
  move(by: number): boolean;
  /** Adds the highlighted result; false when there is none. */
  pickHighlighted(): boolean;
  clear(): boolean;
}

interface ProductFinderProps {
  inputRef: RefObject<HTMLInputElement | null>;
  handle: RefObject<FinderHandle | null>;
  onPick: (item: { id: string; name: string }) => void;
  tiles: Tile[] | undefined;
  tilesError: unknown;
  canEditTiles: boolean;
  editingTiles: boolean;
  onEditTiles: (on: boolean) => void;
  onTilesSaved: () => void;
  format: (minor: number) => string;
}

/**
 * Instant search over the catalogue and the shop's quick tiles (editable by those who edit the
 * catalogue). The typed text lives here, not on the page: a scanner burst types into this box, and
 * each of its keys should re-render the box, not the whole sale.
 */
export const ProductFinder = memo(function ProductFinder(props: ProductFinderProps) {
  const { inputRef, handle, onPick, tiles, tilesError, canEditTiles, editingTiles, onEditTiles, onTilesSaved, format } = props;
  const { t, i18n } = useTranslation('sale');
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const [query, setQuery] = useState('');
  const [settled, setSettled] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [tileDraft, setTileDraft] = useState<{ productId: string; name: string }[]>([]);
  const [tileError, setTileError] = useState<unknown>(null);
  const [savingTiles, setSavingTiles] = useState(false);

  useEffect(() => {
    // An emptied box only hides the results: searching the whole catalogue again for "" would cost
    // a request right when a scan (which empties the box) needs the backend.
    if (query.trim() === '') return;
    const timer = setTimeout(() => setSettled(query.trim()), SEARCH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => setHighlight(0), [settled]);

  const search = useProductSearch({ query: settled, lang, kind: '', categoryId: '', includeArchived: false, sort: 'name', dir: 'asc' });
  const showing = settled !== '' && query.trim() !== '';
  const results: ProductListItem[] = showing ? search.items.slice(0, RESULTS_SHOWN) : [];

  const pick = (item: { id: string; name: string }) => {
    if (editingTiles) {
      setTileDraft((d) => (d.some((x) => x.productId === item.id) || d.length >= 48 ? d : [...d, { productId: item.id, name: item.name }]));
    } else {
      onPick(item);
      setQuery('');
    }
  };

  // Enter typed faster than the search answers picks from the answer to what was typed, never from an older list.
  const upToDate = showing && settled === query.trim() && !search.loading;
  const [pendingPick, setPendingPick] = useState(false);
  useEffect(() => setPendingPick(false), [query]);

  const latest = useRef({ results, highlight, pick, upToDate });
  latest.current = { results, highlight, pick, upToDate };
  useEffect(() => {
    if (!pendingPick || !upToDate) return;
    setPendingPick(false);
    const { results: r, pick: p } = latest.current;
    if (r[0]) p(r[0]);
  }, [pendingPick, upToDate]);
  useEffect(() => {
    handle.current = {
      focus: () => inputRef.current?.focus(),
      move(by) {
        const { results: r } = latest.current;
        if (r.length === 0) return false;
        setHighlight((h) => Math.max(0, Math.min(r.length - 1, h + by)));
        return true;
      },
      pickHighlighted() {
        const { results: r, highlight: h, pick: p, upToDate: fresh } = latest.current;
        if (!fresh) {
          if (inputRef.current?.value.trim() === '') return false;
          setPendingPick(true);
          return true;
        }
        const item = r[h] ?? r[0];
        if (!item) return false;
        p(item);
        return true;
      },
      clear() {
        if (inputRef.current?.value === '') return false;
        setQuery('');
        return true;
      },
    };
  });

  // Editing starts from the tiles as they are (from the button or Alt+0 on the page).
  const tilesRef = useRef(tiles);
  tilesRef.current = tiles;
  useEffect(() => {
    if (!editingTiles) return;
    setTileDraft((tilesRef.current ?? []).map((x) => ({ productId: x.productId, name: x.name })));
    setTileError(null);
  }, [editingTiles]);

  async function saveTiles() {
    setSavingTiles(true);
    setTileError(null);
    try {
      await saleCall('sales.setTiles', { productIds: tileDraft.map((x) => x.productId) });
      onEditTiles(false);
      onTilesSaved();
    } catch (e) {
      setTileError(e);
    } finally {
      setSavingTiles(false);
    }
  }

  function moveTile(i: number, by: number) {
    setTileDraft((d) => {
      const j = i + by;
      if (j < 0 || j >= d.length) return d;
      const next = d.slice();
      const a = next[i];
      const b = next[j];
      if (!a || !b) return d;
      next[i] = b;
      next[j] = a;
      return next;
    });
  }

  return (
    <div className="finder">
      <div className="finder-search" role="search">
        <input
          ref={inputRef}
          type="search"
          className="finder-input"
          data-testid="sale-search"
          value={query}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          title={`${t('search.label')} (${KEYS.search})`}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Kbd>{KEYS.search}</Kbd>
      </div>
      {showing ? (
        <ul className="finder-results" data-testid="search-results" aria-label={t('search.results')}>
          {results.map((item, i) => (
            <li key={item.id}>
              <button
                type="button"
                className={`finder-result${i === highlight ? ' highlighted' : ''}`}
                data-testid="search-result"
                onClick={() => pick(item)}
                onMouseEnter={() => setHighlight(i)}
              >
                <span className="result-name">{item.name}</span>
                <span className="result-price">{format(item.price)}</span>
                {i === highlight && <Kbd>{ENTER}</Kbd>}
              </button>
            </li>
          ))}
          {!search.loading && results.length === 0 && <li className="hint finder-none">{t('search.none')}</li>}
          <ErrorMessage error={search.error} />
        </ul>
      ) : editingTiles ? (
        <div className="tiles-editor" data-testid="tiles-editor">
          <p className="hint">{t('tiles.editHint')}</p>
          <ol className="tiles-edit-list">
            {tileDraft.map((x, i) => (
              <li key={x.productId}>
                <span>{x.name}</span>
                <button type="button" className="ghost" aria-label={t('tiles.earlier')} title={t('tiles.earlier')} disabled={i === 0} onClick={() => moveTile(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('tiles.later')}
                  title={t('tiles.later')}
                  disabled={i === tileDraft.length - 1}
                  onClick={() => moveTile(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="ghost"
                  aria-label={t('tiles.remove')}
                  title={t('tiles.remove')}
                  onClick={() => setTileDraft((d) => d.filter((y) => y.productId !== x.productId))}
                >
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <ErrorMessage error={tileError} />
          <div className="actions">
            <button type="button" onClick={() => onEditTiles(false)} disabled={savingTiles}>
              {t('actions.cancel')}
            </button>
            <button type="button" className="primary" data-testid="tiles-save" onClick={() => void saveTiles()} disabled={savingTiles}>
              {t('tiles.save')}
            </button>
          </div>
        </div>
      ) : (
        <div className="tiles-area">
          <ErrorMessage error={tilesError} />
          {tiles && tiles.length === 0 && <p className="hint">{canEditTiles ? t('tiles.emptyEditable') : t('tiles.empty')}</p>}
          <ul className="sale-tiles" aria-label={t('tiles.label')}>
            {(tiles ?? []).map((tile, i) => (
              <li key={`${tile.position}-${tile.productId}`}>
                <button
                  type="button"
                  className="sale-tile"
                  data-testid="sale-tile"
                  style={tile.colour ? { borderLeftColor: swatchBackground(tile.colour) } : undefined}
                  onClick={() => onPick({ id: tile.productId, name: tile.name })}
                >
                  <span className="tile-name">{tile.name}</span>
                  <span className="tile-price">{format(tile.price)}</span>
                  {tileKey(i) && <Kbd>{tileKey(i)}</Kbd>}
                </button>
              </li>
            ))}
          </ul>
          {canEditTiles && (
            <button type="button" className="ghost edit-tiles" data-testid="edit-tiles" onClick={() => onEditTiles(true)}>
              {t('tiles.edit')}
              <Kbd>{KEYS.editTiles}</Kbd>
            </button>
          )}
        </div>
      )}
    </div>
  );
});
