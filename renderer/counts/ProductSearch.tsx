import { forwardRef, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { isLanguage } from '../i18n/languages';
import { ENTER } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';

type Found = Awaited<ReturnType<typeof search>>['items'][number];

const SHOWN = 8;
/** Wait for the typing to settle: a scanner burst into this box must not search. */
const SETTLE_MS = 120;

function search(query: string, lang: 'en' | 'ru' | 'ka' | 'kk' | 'uz') {
  return call('catalog.search', { query, lang, includeArchived: false, sort: 'name', dir: 'asc', limit: SHOWN, offset: 0 });
}

/** Finding a product by name for a bucket without a readable label. Enter picks the first (or highlighted) result. */
export const ProductSearch = forwardRef<HTMLInputElement, { onPick: (p: { id: string; name: string }) => void; disabled?: boolean }>(
  function ProductSearch({ onPick, disabled }, ref) {
    const { t, i18n } = useTranslation('counts');
    const lang = isLanguage(i18n.language) ? i18n.language : 'en';
    const [query, setQuery] = useState('');
    const [items, setItems] = useState<Found[]>([]);
    const [highlight, setHighlight] = useState(0);
    const [error, setError] = useState<unknown>(null);

    useEffect(() => {
      const q = query.trim();
      if (q === '') {
        setItems([]);
        return;
      }
      let current = true;
      const timer = setTimeout(() => {
        search(q, lang).then(
          (r) => {
            if (!current) return;
            setItems(r.items.filter((p) => p.kind !== 'service'));
            setHighlight(0);
            setError(null);
          },
          (e: unknown) => current && setError(e),
        );
      }, SETTLE_MS);
      return () => {
        current = false;
        clearTimeout(timer);
      };
    }, [query, lang]);

    const pick = (p: Found | undefined) => {
      if (!p) return;
      onPick({ id: p.id, name: p.name });
      setQuery('');
      setItems([]);
    };

    return (
      <div className="count-search">
        <input
          ref={ref}
          type="search"
          value={query}
          disabled={disabled}
          autoComplete="off"
          placeholder={t('counting.searchPlaceholder')}
          aria-label={t('counting.search')}
          data-testid="count-search"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setHighlight((h) => Math.max(0, Math.min(items.length - 1, h + (e.key === 'ArrowDown' ? 1 : -1))));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              pick(items[highlight]);
            } else if (e.key === 'Escape' && query) {
              e.preventDefault();
              setQuery('');
            }
          }}
        />
        <ErrorMessage error={error} />
        {items.length > 0 && (
          <ul className="count-search-results" role="listbox" aria-label={t('counting.search')}>
            {items.map((p, i) => (
              <li key={p.id} role="option" aria-selected={i === highlight}>
                <button type="button" className={i === highlight ? 'highlight' : ''} onClick={() => pick(p)} data-testid="count-search-result">
                  <span>{p.name}</span>
                  {p.barcodes[0] && <small className="hint">{p.barcodes[0]}</small>}
                  {i === highlight && <kbd aria-hidden="true">{ENTER}</kbd>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  },
);
