import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Pick {
  id: string;
  name: string;
  detail?: string;
}

const CLEAR = '✕';
const DEBOUNCE_MS = 200;

/**
 * A filter chosen by typing part of a name (a client by name or phone, a product by name): suggestions
 * as you type, ↑/↓ and Enter to pick; once picked it shows as a chip with a ✕ to clear.
 */
export function PickFilter({
  label,
  value,
  onChange,
  search,
  testId,
}: {
  label: string;
  value: { id: string; name: string } | null;
  onChange: (value: { id: string; name: string } | null) => void;
  search: (query: string) => Promise<Pick[]>;
  testId: string;
}) {
  const { t } = useTranslation('journal');
  const id = useId();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Pick[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setOptions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      search(q).then(
        (found) => {
          if (!current) return;
          setOptions(found);
          setActive(0);
          setOpen(true);
        },
        () => current && setOptions([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, search]);

  function pick(p: Pick) {
    onChange({ id: p.id, name: p.name });
    setQuery('');
    setOptions([]);
    setOpen(false);
  }

  return (
    <div className="field wide">
      <label htmlFor={id}>{label}</label>
      {value ? (
        <span className="chip" data-testid={`${testId}-chip`}>
          <span title={value.name}>{value.name}</span>
          <button type="button" id={id} aria-label={t('filters.clearOne', { name: value.name })} onClick={() => onChange(null)}>
            {CLEAR}
          </button>
        </span>
      ) : (
        <div className="suggest">
          <input
            id={id}
            type="search"
            autoComplete="off"
            value={query}
            placeholder={t('filters.typeToFind')}
            role="combobox"
            aria-expanded={open && options.length > 0}
            aria-controls={`${id}-list`}
            onChange={(e) => setQuery(e.target.value)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onFocus={() => options.length > 0 && setOpen(true)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                setOpen(true);
                setActive((a) => Math.max(0, Math.min(options.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
              } else if (e.key === 'Enter') {
                const p = options[active];
                if (p) {
                  e.preventDefault();
                  pick(p);
                }
              } else if (e.key === 'Escape' && open) {
                e.preventDefault();
                e.stopPropagation();
                setOpen(false);
              }
            }}
            data-testid={testId}
          />
          {open && options.length > 0 && (
            <ul id={`${id}-list`} role="listbox">
              {options.map((p, i) => (
                <li key={p.id} role="option" aria-selected={i === active}>
                  <button type="button" tabIndex={-1} className={i === active ? 'active' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(p)}>
                    <span className="grow">{p.name}</span>
                    {p.detail && <small className="hint">{p.detail}</small>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
