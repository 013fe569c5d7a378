import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { call, randomId } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { formatNumber } from '../format/numbers';
import { isLanguage } from '../i18n/languages';
import { isShown, useScanHandler } from '../scan/scanContext';
import { latestOnly } from '../sale/latest';
import { ENTER, MINUS } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { topDialog } from '../ui/Modal';
import { componentsInput, componentsReducer, sameComponents, type ComponentItem } from './componentList';
import { ProductPicker } from './ProductPicker';
import { RecipeCards } from './RecipeCards';
import type { Plan, Recipe, RecipeVariant } from './types';

export const MAX_BOUQUETS = 500;

interface Chosen {
  recipe: Recipe;
  variant: RecipeVariant;
}

function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type !== 'checkbox');
}

/**
 * "Make bouquets" for a florist at a touch screen: a recipe card's size, how many (big − / +), the
 * plan (what is short in red, with how many are missing), substitutions, then Make (Enter). Every
 * figure comes from assembly.plan; nothing is computed here.
 */
export function MakeTab({
  recipes,
  format,
  showCost,
  pageRef,
}: {
  recipes: readonly Recipe[] | undefined;
  format: (minor: number) => string;
  showCost: boolean;
  pageRef: RefObject<HTMLDivElement | null>;
}) {
  const { t, i18n } = useTranslation('bouquets');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [count, setCount] = useState(1);
  const [typedCount, setTypedCount] = useState<string | null>(null);
  const [actual, setActual] = useState<ComponentItem[] | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [planError, setPlanError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ number: number; count: number; name: string; unitCost: number } | null>(null);
  const [gate] = useState(latestOnly);
  const [generation, setGeneration] = useState(0);
  const requestId = useRef<string>(randomId());
  const n = (v: number) => formatNumber(v, i18n.language);
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';

  // A recipe edited elsewhere: the chosen size follows it (its components are what "as the recipe" means).
  useEffect(() => {
    setChosen((c) => {
      if (!c || !recipes) return c;
      const recipe = recipes.find((r) => r.id === c.recipe.id);
      const variant = recipe?.variants.find((v) => v.id === c.variant.id);
      return recipe && variant ? { recipe, variant } : null;
    });
  }, [recipes]);

  const recipeItems = (v: RecipeVariant): ComponentItem[] =>
    v.components.map((c) => ({ productId: c.productId, name: c.name ?? '', quantity: c.quantity }));
  const substituted = chosen !== null && actual !== null && !sameComponents(actual, recipeItems(chosen.variant));
  const components = substituted && actual ? componentsInput(actual) : undefined;
  const planKey = chosen ? JSON.stringify({ v: chosen.variant.id, count, components }) : '';

  // Ask again for every change (a new answer per key stroke is a millisecond locally) and when stock moves.
  useBackendEvent(['stock.changed', 'sales.changed', 'recipes.changed'], () => setGeneration((g) => g + 1));
  useEffect(() => {
    if (!planKey) {
      setPlan(null);
      return;
    }
    // Anything changed: a Make pressed from here on is a new request.
    requestId.current = randomId();
    const isLatest = gate.ticket();
    const input = JSON.parse(planKey) as { v: string; count: number; components?: { productId: string; quantity: number }[] };
    call('assembly.plan', { variantId: input.v, quantity: input.count, ...(input.components ? { components: input.components } : {}) }).then(
      (p) => {
        if (!isLatest()) return;
        setPlan(p);
        setPlanError(null);
      },
      (e: unknown) => {
        if (isLatest()) setPlanError(e);
      },
    );
  }, [planKey, generation, gate]);

  function choose(recipe: Recipe, variant: RecipeVariant) {
    setChosen({ recipe, variant });
    setActual(null);
    setReplacing(null);
    setAdding(false);
    setCount(1);
    setTypedCount(null);
    setError(null);
    setDone(null);
    setPlan(null);
  }

  const items = actual ?? (chosen ? recipeItems(chosen.variant) : []);
  function edit(action: Parameters<typeof componentsReducer>[1]) {
    setActual(componentsReducer(items, action));
  }

  function setN(value: number) {
    if (Number.isInteger(value) && value >= 1 && value <= MAX_BOUQUETS) setCount(value);
    setTypedCount(null);
  }

  // While a component is being replaced or added, a scanned stem is the one.
  useScanHandler(async (code) => {
    if (!isShown(pageRef.current) || (replacing === null && !adding)) return false;
    try {
      const found = await call('catalog.byBarcode', { code, lang });
      if (found.product.kind === 'service' || found.product.archived || found.product.id === chosen?.variant.productId) return true;
      const picked = { id: found.product.id, name: found.product.name };
      if (replacing !== null) replaceWith(picked);
      else {
        edit({ type: 'add', productId: picked.id, name: picked.name });
        setAdding(false);
      }
    } catch (e) {
      setPlanError(e);
    }
    return true;
  });

  function replaceWith(p: { id: string; name: string }) {
    const old = items.find((i) => i.productId === replacing);
    const without = replacing === null ? items : componentsReducer(items, { type: 'remove', productId: replacing });
    setActual(componentsReducer(without, { type: 'add', productId: p.id, name: p.name, quantity: old?.quantity ?? 1 }));
    setReplacing(null);
  }

  const blocked = plan !== null && plan.short.length > 0 && !plan.allowNegative;
  const fresh = plan !== null && plan.variantId === chosen?.variant.id && plan.quantity === count;
  const canMake = chosen !== null && fresh && !blocked && !busy && items.length > 0;

  async function make() {
    if (!chosen || !canMake) return;
    setBusy(true);
    setError(null);
    try {
      const made = await call('assembly.make', {
        variantId: chosen.variant.id,
        quantity: count,
        ...(components ? { components } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        requestId: requestId.current,
      });
      setDone({ number: made.number, count, name: plan?.name ?? chosen.variant.productName, unitCost: made.unitCost ?? 0 });
      setCount(1);
      setActual(null);
      setNote('');
      requestId.current = randomId();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const makeRef = useRef(make);
  makeRef.current = make;

  // Enter makes them (outside a text field and with no dialog over the screen).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
      if (!isShown(pageRef.current) || topDialog() !== undefined || isTextField(e.target)) return;
      // After a tap on a size or a − / + the focus sits on that button: Enter still means Make, not "again".
      if (e.target instanceof HTMLButtonElement && !e.target.closest('.recipe-sizes, .big-stepper, .small-stepper')) return;
      e.preventDefault();
      void makeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pageRef]);

  return (
    <div className="make-grid">
      <section className="make-recipes" aria-label={t('cards.title')}>
        <RecipeCards recipes={recipes} selected={chosen?.variant.id ?? null} onPick={choose} format={format} showStock />
      </section>

      <section className="make-panel" aria-label={t('make.title')} data-testid="make-panel">
        {done && (
          <p className="calm make-done" role="status" data-testid="make-done">
            {showCost
              ? t('make.doneCost', { number: done.number, count: done.count, n: n(done.count), name: done.name, cost: format(done.unitCost) })
              : t('make.done', { number: done.number, count: done.count, n: n(done.count), name: done.name })}
          </p>
        )}
        {!chosen ? (
          <p className="hint make-pick">{t('make.pick')}</p>
        ) : (
          <>
            <h2 className="make-title">
              {chosen.recipe.name} · {t(`sizes.${chosen.variant.size}`)}
            </h2>

            <div className="big-stepper" role="group" aria-label={t('make.count')}>
              <button type="button" className="big-step" data-testid="count-minus" aria-label={t('make.less')} disabled={count <= 1} onClick={() => setN(count - 1)}>
                {MINUS}
              </button>
              <input
                className="big-count"
                data-testid="make-count"
                inputMode="numeric"
                autoComplete="off"
                aria-label={t('make.count')}
                value={typedCount ?? String(count)}
                onChange={(e) => setTypedCount(e.target.value.replace(/[^\d]/g, '').slice(0, 3))}
                onBlur={() => typedCount !== null && setN(Number(typedCount))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.ctrlKey) {
                    e.preventDefault();
                    if (typedCount !== null) setN(Number(typedCount));
                    else void make();
                  }
                }}
              />
              <button type="button" className="big-step" data-testid="count-plus" aria-label={t('make.more')} disabled={count >= MAX_BOUQUETS} onClick={() => setN(count + 1)}>
                +
              </button>
              {plan && fresh && (
                <span className="hint make-makeable">{t('make.makeable', { count: plan.makeable, n: n(plan.makeable) })}</span>
              )}
            </div>

            <table className="table plan-table" data-testid="plan-table">
              <thead>
                <tr>
                  <th>{t('plan.component')}</th>
                  <th>{t('plan.perBouquet')}</th>
                  <th>{t('plan.needed')}</th>
                  <th>{t('plan.available')}</th>
                  {showCost && <th>{t('plan.cost')}</th>}
                  <th />
                </tr>
              </thead>
              <tbody>
                {(plan?.components ?? []).map((c) => {
                  const item = items.find((i) => i.productId === c.productId);
                  return (
                    <tr key={c.productId} className={c.short > 0 ? 'short' : c.actualPer === 0 ? 'left-out' : undefined} data-testid="plan-line">
                      <td>
                        <strong>{c.name}</strong>
                        {c.recipePer !== c.actualPer && (
                          <small className="plan-recipe">{c.recipePer === 0 ? t('plan.substitute') : t('plan.recipeSays', { n: n(c.recipePer) })}</small>
                        )}
                      </td>
                      <td>
                        {item ? (
                          <span className="small-stepper">
                            <button type="button" aria-label={t('make.less')} disabled={item.quantity <= 1} onClick={() => edit({ type: 'step', productId: c.productId, by: -1 })}>
                              {MINUS}
                            </button>
                            <span className="qty">{n(item.quantity)}</span>
                            <button type="button" aria-label={t('make.more')} onClick={() => edit({ type: 'step', productId: c.productId, by: 1 })}>
                              +
                            </button>
                          </span>
                        ) : (
                          <span className="hint">{t('plan.leftOut')}</span>
                        )}
                      </td>
                      <td>{n(c.actualQuantity)}</td>
                      <td>
                        {n(c.available)}
                        {c.short > 0 && (
                          <strong className="plan-short" data-testid="plan-short">
                            {t('plan.missing', { n: n(c.short) })}
                          </strong>
                        )}
                      </td>
                      {showCost && <td className="nowrap">{format(c.cost ?? 0)}</td>}
                      <td>
                        {item && (
                          <div className="plan-actions">
                            <button type="button" data-testid="replace-component" onClick={() => setReplacing(c.productId)}>
                              {t('plan.replace')}
                            </button>
                            <button type="button" className="ghost" aria-label={t('plan.remove')} title={t('plan.remove')} onClick={() => edit({ type: 'remove', productId: c.productId })}>
                              ✕
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <ErrorMessage error={planError} />

            {replacing !== null ? (
              <div className="substitute" data-testid="substitute">
                <p>{t('plan.replacing', { name: items.find((i) => i.productId === replacing)?.name ?? '' })}</p>
                <ProductPicker
                  exclude={[chosen.variant.productId, ...items.map((i) => i.productId)]}
                  onPick={replaceWith}
                />
                <button type="button" className="ghost" onClick={() => setReplacing(null)}>
                  {t('actions.cancel')}
                </button>
              </div>
            ) : adding ? (
              <div className="substitute">
                <ProductPicker
                  exclude={[chosen.variant.productId]}
                  onPick={(p) => {
                    edit({ type: 'add', productId: p.id, name: p.name });
                    setAdding(false);
                  }}
                />
                <button type="button" className="ghost" onClick={() => setAdding(false)}>
                  {t('actions.cancel')}
                </button>
              </div>
            ) : (
              <div className="row plan-edit">
                <button type="button" data-testid="add-component" onClick={() => setAdding(true)}>
                  {t('plan.add')}
                </button>
                {substituted && (
                  <button type="button" className="ghost" data-testid="back-to-recipe" onClick={() => setActual(null)}>
                    {t('plan.asRecipe')}
                  </button>
                )}
              </div>
            )}

            {substituted && (
              <label className="field">
                <span>{t('make.note')}</span>
                <input value={note} maxLength={500} data-testid="make-note" onChange={(e) => setNote(e.target.value)} />
              </label>
            )}

            {plan && fresh && plan.short.length > 0 && (
              <div className={blocked ? 'error-message' : 'calm warn-soft'} role="alert" data-testid="short-list">
                <strong>{blocked ? t('plan.shortTitle') : t('plan.shortAllowed')}</strong>
                <ul>
                  {plan.short.map((s) => (
                    <li key={s.productId}>{t('plan.shortLine', { name: s.name, n: n(s.missing) })}</li>
                  ))}
                </ul>
              </div>
            )}

            {plan && fresh && showCost && (
              <p className="make-cost" data-testid="make-cost">
                {t('make.cost', { total: format(plan.cost ?? 0), each: format(plan.unitCost ?? 0) })}
              </p>
            )}
            <ErrorMessage error={error} />
            <button type="button" className="primary make-button" data-testid="make-button" disabled={!canMake} onClick={() => void make()}>
              <span>{t('make.button', { count, n: n(count) })}</span>
              <Kbd>{ENTER}</Kbd>
            </button>
          </>
        )}
      </section>
    </div>
  );
}
