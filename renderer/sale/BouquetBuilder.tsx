import { useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { useRecipes } from '../bouquets/api';
import { componentsInput, componentsReducer, type ComponentItem } from '../bouquets/componentList';
import { ProductPicker } from '../bouquets/ProductPicker';
import { RecipeCards } from '../bouquets/RecipeCards';
import type { Recipe, RecipeVariant } from '../bouquets/types';
import '../bouquets/bouquets.css';
import { formatNumber } from '../format/numbers';
import { isLanguage } from '../i18n/languages';
import { useScanHandler } from '../scan/scanContext';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { latestOnly } from './latest';
import { ELLIPSIS, ENTER, ESC, MINUS } from './symbols';
import type { Quote } from './types';

/** What "Add to sale" hands the sale screen: one line of one bouquet, and names to show before its quote. */
export interface BuiltBouquet {
  /** the recipe size's product, or the shop's generic "Bouquet" */
  productId: string;
  name: string;
  components: { productId: string; quantity: number }[];
  names: Record<string, string>;
}

interface Base {
  productId: string;
  name: string;
  /** from a recipe size (the title names it), not the shop's generic bouquet */
  fromRecipe: boolean;
}

/** Shown on the dialog's confirm button. */
export const BUILDER_CONFIRM = 'Ctrl+↵';

/**
 * A bouquet made to order at the counter: start from a recipe size (its components filled in) or from
 * nothing, add and take away stems by search or scan (while this is open every scan comes here), and
 * see the price the shop's rules give, live from sales.quote — this screen computes no money.
 */
export function BouquetBuilder({ onAdd, onClose, format }: { onAdd: (b: BuiltBouquet) => void; onClose: () => void; format: (minor: number) => string }) {
  const { t, i18n } = useTranslation('bouquets');
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const recipes = useRecipes();
  const [base, setBase] = useState<Base | null>(null);
  const [items, edit] = useReducer(componentsReducer, [] as ComponentItem[]);
  // the quote with the components it priced: a price for the bouquet before the last tap is not this one's
  const [quoted, setQuoted] = useState<{ key: string; quote: Quote } | null>(null);
  const [quoteError, setQuoteError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [gate] = useState(latestOnly);
  const [generation, setGeneration] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const n = (v: number) => formatNumber(v, i18n.language);

  const lineKey = base && items.length > 0 ? JSON.stringify({ productId: base.productId, components: componentsInput(items) }) : '';
  useBackendEvent(['pricing.changed', 'stock.changed', 'sales.changed', 'catalog.changed'], () => setGeneration((g) => g + 1));
  useEffect(() => {
    const isLatest = gate.ticket();
    if (!lineKey) {
      setQuoted(null);
      setQuoteError(null);
      return;
    }
    const line = JSON.parse(lineKey) as { productId: string; components: { productId: string; quantity: number }[] };
    call('sales.quote', { lines: [{ productId: line.productId, quantity: 1, components: line.components }] }).then(
      (q) => {
        if (!isLatest()) return;
        setQuoted({ key: lineKey, quote: q });
        setQuoteError(null);
      },
      (e: unknown) => isLatest() && setQuoteError(e),
    );
  }, [lineKey, generation, gate]);

  function fromRecipe(recipe: Recipe, variant: RecipeVariant) {
    setBase({ productId: variant.productId, name: `${recipe.name} · ${t(`sizes.${variant.size}`)}`, fromRecipe: true });
    edit({ type: 'load', items: variant.components.map((c) => ({ productId: c.productId, name: c.name ?? '', quantity: c.quantity })) });
    setTimeout(() => searchRef.current?.focus(), 0);
  }

  async function startEmpty(): Promise<Base | null> {
    try {
      const { productId } = await call('bouquets.customProduct', {});
      const started = { productId, name: t('builder.custom'), fromRecipe: false };
      setBase(started);
      edit({ type: 'load', items: [] });
      setTimeout(() => searchRef.current?.focus(), 0);
      return started;
    } catch (e) {
      setError(e);
      return null;
    }
  }

  // Every scan while the dialog is open is a stem for this bouquet (never a line for the sale behind it).
  useScanHandler(async (code) => {
    try {
      if (!base && !(await startEmpty())) return true;
      const found = await call('catalog.byBarcode', { code, lang });
      if (found.product.archived) {
        setError({ code: 'conflict', messageKey: 'errors:sales.productArchived', params: { product: found.product.name } });
      } else if (found.product.kind === 'service') {
        setError({ code: 'conflict', messageKey: 'errors:assembly.serviceComponent', params: { product: found.product.name } });
      } else {
        edit({ type: 'add', productId: found.product.id, name: found.product.name });
        setError(null);
      }
    } catch (e) {
      setError(e);
    }
    return true;
  });

  const quote = quoted?.key === lineKey ? quoted.quote : null;
  const line = quote?.lines[0];
  const fresh = quote !== null && lineKey !== '' && quoteError === null;
  const canAdd = base !== null && items.length > 0 && fresh;

  function add() {
    if (!base || !canAdd) return;
    onAdd({
      productId: base.productId,
      name: line?.name ?? base.name,
      components: componentsInput(items),
      names: Object.fromEntries(items.map((c) => [c.productId, c.name])),
    });
  }

  return (
    <Modal
      title={base?.fromRecipe ? t('builder.titleOf', { name: base.name }) : t('builder.title')}
      onClose={onClose}
      onConfirm={add}
      wide
      className="bouquet-builder"
      testId="bouquet-builder"
      footer={
        <>
          {base && (
            <button type="button" className="ghost" data-testid="builder-restart" onClick={() => setBase(null)}>
              {t('builder.restart')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="button" className="primary" data-testid="builder-add" disabled={!canAdd} onClick={add}>
            {t('builder.add')}
            {line && <strong>{format(line.total)}</strong>}
            <Kbd>{BUILDER_CONFIRM}</Kbd>
          </button>
        </>
      }
    >
      {!base ? (
        <div className="builder-start-screen">
          <div className="builder-start">
            <button type="button" className="primary" data-testid="builder-empty" data-autofocus onClick={() => void startEmpty()}>
              {t('builder.empty')}
            </button>
            <span className="hint">{t('builder.orRecipe')}</span>
          </div>
          <RecipeCards recipes={recipes.data} selected={null} onPick={fromRecipe} format={format} />
          <ErrorMessage error={recipes.error ?? error} />
        </div>
      ) : (
        <div className="builder-grid">
          <section aria-label={t('builder.stems')}>
            <ProductPicker inputRef={searchRef} exclude={[base.productId]} onPick={(p) => edit({ type: 'add', productId: p.id, name: p.name })} onEmptyEnter={add} />
            <p className="hint">{t('builder.scanHint', { key: ENTER })}</p>
          </section>
          <section aria-label={t('builder.components')}>
            {items.length === 0 ? (
              <p className="hint" data-testid="builder-none">{t('builder.none')}</p>
            ) : (
              <ul className="builder-lines" data-testid="builder-lines">
                {items.map((c) => (
                  <li key={c.productId} className="builder-line" data-testid="builder-line">
                    <span className="name">{c.name || ELLIPSIS}</span>
                    <span className="small-stepper">
                      <button type="button" data-testid="builder-minus" aria-label={t('make.less')} disabled={c.quantity <= 1} onClick={() => edit({ type: 'step', productId: c.productId, by: -1 })}>
                        {MINUS}
                      </button>
                      <span className="qty" data-testid="builder-qty">{n(c.quantity)}</span>
                      <button type="button" data-testid="builder-plus" aria-label={t('make.more')} onClick={() => edit({ type: 'step', productId: c.productId, by: 1 })}>
                        +
                      </button>
                    </span>
                    <button type="button" className="ghost" data-testid="builder-remove" aria-label={t('plan.remove')} title={t('plan.remove')} onClick={() => edit({ type: 'remove', productId: c.productId })}>
                      ✕
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <p className="builder-price" aria-live="polite" data-testid="builder-price" data-minor={line?.total ?? ''}>
              {line ? format(line.total) : items.length > 0 ? ELLIPSIS : ''}
            </p>
            {line && line.stock < 1 && <p className="error-message" data-testid="builder-short">{t('builder.short')}</p>}
            <ErrorMessage error={quoteError ?? error} />
          </section>
        </div>
      )}
    </Modal>
  );
}
