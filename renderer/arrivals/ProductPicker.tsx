import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useProductSearch } from '../catalog/useProductSearch';
import type { ProductListItem } from '../catalog/types';
import { isLanguage } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';

/** A scanner types a character every few ms; the search waits for the burst to end. */
const SETTLE_MS = 40;
const SHOWN = 10;

export interface PickedProduct {
  id: string;
  name: string;
  unit: string;
}

/**
 * Search box with results under it: type, ↑↓ to choose, Enter to add. Services are not offered (they hold
 * no stock); archived products are not either.
 */
export function ProductPicker({ onPick, inputRef, testId, placeholder }: { onPick: (p: PickedProduct) => void; inputRef?: RefObject<HTMLInputElement | null>; testId: string; placeholder: string }) {
  const { t, i18n } = useTranslation('arrivals');
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const [query, setQuery] = useState('');
  const [settled, setSettled] = useState('');
  const [highlight, setHighlight] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.trim()), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => setHighlight(0), [settled]);
  const search = useProductSearch({ query: settled, lang, kind: '', categoryId: '', includeArchived: false, sort: 'name', dir: 'asc' });
  const showing = settled !== '' && query.trim() !== '';
  const results: ProductListItem[] = showing ? search.items.filter((p) => p.kind !== 'service').slice(0, SHOWN) : [];

  const pick = (p: ProductListItem) => {
    onPick({ id: p.id, name: p.name, unit: p.unit });
    setQuery('');
    setSettled('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && results.length > 0) {
      e.preventDefault();
      setHighlight((h) => Math.min(results.length - 1, h + 1));
    } else if (e.key === 'ArrowUp' && results.length > 0) {
      e.preventDefault();
      setHighlight((h) => Math.max(0, h - 1));
    } else if (e.key === 'Enter' && !e.ctrlKey) {
      e.preventDefault();
      const item = results[highlight] ?? results[0];
      if (item && settled === query.trim() && !search.loading) pick(item);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div className="arrival-picker">
      <input
        ref={inputRef}
        type="search"
        value={query}
        placeholder={placeholder}
        aria-label={placeholder}
        data-testid={testId}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
      />
      {showing && (
        <ul className="arrival-picker-results" role="listbox" data-testid={`${testId}-results`}>
          {results.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === highlight}>
              <button type="button" className={i === highlight ? 'current' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(p)}>
                <span>{p.name}</span>
                {p.barcodes[0] && <small>{p.barcodes[0]}</small>}
              </button>
            </li>
          ))}
          {results.length === 0 && !search.loading && <li className="empty">{t('picker.nothing')}</li>}
        </ul>
      )}
      <ErrorMessage error={search.error} />
    </div>
  );
}
