import { memo, useEffect, useRef, useState, type Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/numbers';
import { Kbd } from '../ui/Kbd';
import { validQuantity, type DraftAction, type SaleDraft, type SaleLine } from './draft';
import { KEYS } from './shortcuts';
import type { QuoteLine } from './types';
import { ELLIPSIS, MINUS } from './symbols';

interface LineListProps {
  draft: SaleDraft;
  dispatch: Dispatch<DraftAction>;
  lineOf: (key: string) => QuoteLine | undefined;
  nameOf: (productId: string) => string | undefined;
  format: (minor: number) => string;
  /** Bumped by the * key: the selected line's quantity field takes the focus. */
  focusQuantity: number;
  stale: boolean;
  onInvalidQuantity: () => void;
}

/** The sale's lines: big rows for fingers, the selected one acted on by the keyboard. */
export function LineList({ draft, dispatch, lineOf, nameOf, format, focusQuantity, stale, onInvalidQuantity }: LineListProps) {
  const { t, i18n } = useTranslation('sale');
  const listRef = useRef<HTMLOListElement>(null);

  // The selected line stays in view as lines are added or the selection moves.
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [draft.selected, draft.lines.length]);

  if (draft.lines.length === 0) {
    return (
      <div className="sale-empty" data-testid="sale-empty">
        <p>{t('lines.empty')}</p>
      </div>
    );
  }
  return (
    <ol ref={listRef} className={`sale-lines${stale ? ' stale' : ''}`} aria-label={t('lines.label')} data-testid="sale-lines">
      {draft.lines.map((line) => (
        <LineRow
          key={line.key}
          line={line}
          priced={lineOf(line.key)}
          name={lineOf(line.key)?.name ?? nameOf(line.productId)}
          components={line.components?.map((c) => `${nameOf(c.productId) ?? ELLIPSIS} × ${formatNumber(c.quantity, i18n.language)}`).join(', ')}
          selected={draft.selected === line.key}
          dispatch={dispatch}
          format={format}
          focusQuantity={focusQuantity}
          onInvalidQuantity={onInvalidQuantity}
        />
      ))}
    </ol>
  );
}

interface LineRowProps {
  line: SaleLine;
  priced: QuoteLine | undefined;
  name: string | undefined;
  /** a bouquet built at the counter: its components, as one short text */
  components: string | undefined;
  selected: boolean;
  dispatch: Dispatch<DraftAction>;
  format: (minor: number) => string;
  focusQuantity: number;
  onInvalidQuantity: () => void;
}

function sameValues<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Each quote answers with new objects; a row whose own figures did not change need not render again. */
function sameRow(a: LineRowProps, b: LineRowProps): boolean {
  return (
    a.line === b.line &&
    a.name === b.name &&
    a.components === b.components &&
    a.selected === b.selected &&
    a.dispatch === b.dispatch &&
    a.format === b.format &&
    a.focusQuantity === b.focusQuantity &&
    a.onInvalidQuantity === b.onInvalidQuantity &&
    sameValues(a.priced, b.priced)
  );
}

/** Memoised: a scan re-renders the new line and the totals, not every line of a long sale. */
const LineRow = memo(function LineRow({ line, priced, name, components, selected, dispatch, format, focusQuantity, onInvalidQuantity }: LineRowProps) {
  const { t, i18n } = useTranslation('sale');
  const [typed, setTyped] = useState<string | null>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  // Only a quantity-key press made while this line is selected focuses it: not a line added or
  // selected after an earlier press (the next scan would type into the quantity).
  const focusSeen = useRef(focusQuantity);

  useEffect(() => {
    if (selected && focusQuantity > focusSeen.current) {
      qtyRef.current?.focus();
      qtyRef.current?.select();
    }
    focusSeen.current = focusQuantity;
  }, [focusQuantity, selected]);

  // Enter and Escape blur the field themselves: that blur must not apply (again, or at all) what was typed.
  const blurHandled = useRef(false);
  function applyTyped() {
    if (blurHandled.current) {
      blurHandled.current = false;
      return;
    }
    if (typed === null) return;
    const q = Number(typed.trim());
    if (typed.trim() !== '' && validQuantity(q)) dispatch({ type: 'setQuantity', key: line.key, quantity: q });
    else onInvalidQuantity();
    setTyped(null);
  }

  const discounted = priced !== undefined && priced.discount > 0;
  const overridden = line.priceOverride !== undefined;
  const lowStock = priced !== undefined && priced.stock < line.quantity;
  return (
    <li
      className={`sale-line${selected ? ' selected' : ''}`}
      aria-selected={selected}
      data-testid="sale-line"
      data-product-id={line.productId}
      onClick={() => dispatch({ type: 'select', key: line.key })}
    >
      <div className="line-name">
        <strong>{name ?? ELLIPSIS}</strong>
        {components !== undefined && <span className="line-bouquet-tag" data-testid="line-bouquet">{t('bouquets:line.tag')}</span>}
        {components !== undefined && <small className="line-components" data-testid="line-components">{components}</small>}
        <small>
          {priced && (
            <span className={overridden ? 'line-override' : undefined}>
              {t('lines.each', { price: format(priced.unitPrice) })}
              {overridden && priced.listPrice !== priced.unitPrice && (
                <s className="line-was">{format(priced.listPrice)}</s>
              )}
            </span>
          )}
          {line.priceOverride && <span className="line-reason">{t('lines.priceReason', { reason: line.priceOverride.reason })}</span>}
          {line.discount && (
            <span className="line-reason" data-testid="line-discount">
              {t('lines.discountReason', {
                discount: line.discount.kind === 'percent' ? `${formatNumber(line.discount.value / 100, i18n.language)} %` : format(line.discount.value),
                reason: line.discount.reason,
              })}
            </span>
          )}
          {priced !== undefined && priced.markdown > 0 && (
            <span className="line-reason line-markdown" data-testid="line-markdown">
              {priced.markdownBp === null
                ? t('stock:markdown.linePlain', { amount: format(priced.markdown) })
                : t('stock:markdown.line', {
                    percent: formatNumber(priced.markdownBp / 100, i18n.language),
                    amount: format(priced.markdown),
                  })}
            </span>
          )}
          {lowStock && (
            <span className="line-stock" data-testid="line-low-stock">
              {t('lines.stock', { stock: formatNumber(priced.stock, i18n.language) })}
            </span>
          )}
        </small>
      </div>
      <div className="line-qty" onClick={(e) => e.stopPropagation()}>
        <button
          type="button"
          className="qty-step"
          data-testid="line-minus"
          aria-label={t('lines.minus')}
          title={`${t('lines.minus')} (${KEYS.minus})`}
          disabled={line.quantity <= 1}
          onClick={() => dispatch({ type: 'step', key: line.key, by: -1 })}
        >
          {MINUS}
        </button>
        <input
          ref={qtyRef}
          className="qty-input"
          data-testid="line-quantity"
          inputMode="numeric"
          autoComplete="off"
          aria-label={t('lines.quantityOf', { name: name ?? '' })}
          title={`${t('lines.quantity')} (${KEYS.quantity})`}
          value={typed ?? String(line.quantity)}
          onFocus={() => dispatch({ type: 'select', key: line.key })}
          onChange={(e) => setTyped(e.target.value.replace(/[^\d]/g, '').slice(0, 5))}
          onBlur={applyTyped}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              applyTyped();
              blurHandled.current = true;
              qtyRef.current?.blur();
              blurHandled.current = false;
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setTyped(null);
              blurHandled.current = true;
              qtyRef.current?.blur();
              blurHandled.current = false;
            }
          }}
        />
        <button
          type="button"
          className="qty-step"
          data-testid="line-plus"
          aria-label={t('lines.plus')}
          title={`${t('lines.plus')} (${KEYS.plus})`}
          onClick={() => dispatch({ type: 'step', key: line.key, by: 1 })}
        >
          +
        </button>
      </div>
      <div className="line-total">
        {priced ? (
          <>
            <strong data-testid="line-total">{format(priced.total)}</strong>
            {discounted && <small className="line-minus">{`−${format(priced.discount)}`}</small>}
          </>
        ) : (
          <span className="hint">{ELLIPSIS}</span>
        )}
      </div>
      <button
        type="button"
        className="ghost line-remove"
        data-testid="line-remove"
        aria-label={t('lines.remove')}
        title={`${t('lines.remove')} (${KEYS.remove})`}
        onClick={(e) => {
          e.stopPropagation();
          dispatch({ type: 'remove', key: line.key });
        }}
      >
        ✕
        {selected && <Kbd>{KEYS.remove}</Kbd>}
      </button>
    </li>
  );
}, sameRow);
