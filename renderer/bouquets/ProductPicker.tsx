import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { isLanguage } from '../i18n/languages';
import { latestOnly } from '../sale/latest';
import { ErrorMessage } from '../ui/ErrorMessage';

export interface PickedProduct {
  id: string;
  name: string;
  unit: string;
}

const SHOWN = 8;

/**
 * Find a stem, green or wrap by name or code and take it: typing searches at once, ↑/↓ move, Enter
 * takes the highlighted one. Services and ready bouquets of `exclude` are not offered.
 */
export function ProductPicker({
  onPick,
  exclude,
  inputRef,
  testId = 'component-search',
  onEmptyEnter,
}: {
  onPick: (p: PickedProduct) => void;
  exclude?: readonly string[];
  inputRef?: RefObject<HTMLInputElement | null>;
  testId?: string;
  /** Enter with nothing typed (the dialog's "done") */
  onEmptyEnter?: () => void;
}) {
  const { t, i18n } = useTranslation('bouquets');
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<PickedProduct[]>([]);
  const [highlight, setHighlight] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [gate] = useState(latestOnly);
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? ownRef;

  useEffect(() => {
    const q = query.trim();
    const isLatest = gate.ticket();
    if (q === '') {
      setItems([]);
      return;
    }
    call('catalog.search', { query: q.slice(0, 200), lang, limit: SHOWN + 4 }).then(
      (r) => {
        if (!isLatest()) return;
        setItems(
          r.items
            .filter((p) => p.kind !== 'service' && !p.archived)
            // stems, greens and wraps first: a ready bouquet inside another is the rare case
            .sort((a, b) => Number(a.kind === 'ready_item') - Number(b.kind === 'ready_item'))
            .map((p) => ({ id: p.id, name: p.name, unit: p.unit })),
        );
        setHighlight(0);
        setError(null);
      },
      (e: unknown) => isLatest() && setError(e),
    );
  }, [query, lang, gate]);
  const shown = items.filter((p) => !(exclude ?? []).includes(p.id)).slice(0, SHOWN);

  function take(p: PickedProduct | undefined) {
    if (!p) return;
    onPick(p);
    setQuery('');
    setItems([]);
    ref.current?.focus();
  }

  return (
    <div className="product-picker">
      <input
        ref={ref}
        type="search"
        autoComplete="off"
        data-testid={testId}
        value={query}
        placeholder={t('picker.placeholder')}
        aria-label={t('picker.placeholder')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const by = e.key === 'ArrowDown' ? 1 : -1;
            setHighlight((h) => Math.max(0, Math.min(shown.length - 1, h + by)));
          } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            if (query.trim() === '') onEmptyEnter?.();
            else take(shown[highlight]);
          }
        }}
      />
      {shown.length > 0 && (
        <ul className="picker-results" role="listbox" aria-label={t('picker.results')}>
          {shown.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === highlight}>
              <button type="button" className={i === highlight ? 'current' : undefined} data-testid="picker-result" onClick={() => take(p)}>
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.trim() !== '' && shown.length === 0 && error === null && <p className="hint">{t('picker.nothing')}</p>}
      <ErrorMessage error={error} />
    </div>
  );
}
