import type { ReactNode } from 'react';

/**
 * A screen's tab bar (the stock, arrivals, bouquets, recipes … screens): buttons with the tab role,
 * the current one marked for screen readers and styles, a test id per tab, and an optional badge.
 */
export function Tabs<T extends string>({
  ids,
  current,
  onSelect,
  label,
  testIdPrefix,
  labelOf,
  badgeOf,
}: {
  ids: readonly T[];
  current: T;
  onSelect: (id: T) => void;
  /** what the tab list is, for screen readers (usually the screen's title) */
  label: string;
  /** test ids are `${testIdPrefix}-${id}` */
  testIdPrefix: string;
  labelOf: (id: T) => string;
  badgeOf?: (id: T) => ReactNode;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={current === id}
          className={current === id ? 'tab current' : 'tab'}
          data-testid={`${testIdPrefix}-${id}`}
          onClick={() => onSelect(id)}
        >
          {labelOf(id)}
          {badgeOf?.(id)}
        </button>
      ))}
    </div>
  );
}
