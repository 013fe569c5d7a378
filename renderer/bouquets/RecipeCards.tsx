import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/numbers';
import { normalizeQuery } from './search';
import type { Recipe, RecipeVariant } from './types';
import { SIZES } from './types';

interface RecipeCardsProps {
  recipes: readonly Recipe[] | undefined;
  /** the size chosen (highlighted) */
  selected: string | null;
  onPick: (recipe: Recipe, variant: RecipeVariant) => void;
  format: (minor: number) => string;
  /** show how many ready bouquets are on the shelf (the make screen) */
  showStock?: boolean;
}

/** Recipe cards with photo and a big button per size: what the florist taps first. */
export function RecipeCards({ recipes, selected, onPick, format, showStock = false }: RecipeCardsProps) {
  const { t, i18n } = useTranslation('bouquets');
  const [query, setQuery] = useState('');
  if (recipes === undefined) return <p className="wait">{t('loading')}</p>;
  const words = normalizeQuery(query);
  const shown = recipes.filter((r) => r.variants.length > 0 && words.every((w) => normalizeQuery(r.name).some((n) => n.includes(w))));
  return (
    <div className="recipe-cards-wrap">
      <input
        type="search"
        className="recipe-filter"
        data-testid="recipe-filter"
        value={query}
        placeholder={t('cards.filter')}
        aria-label={t('cards.filter')}
        onChange={(e) => setQuery(e.target.value)}
      />
      {recipes.length === 0 && <p className="hint">{t('cards.none')}</p>}
      <ul className="recipe-cards" data-testid="recipe-cards">
        {shown.map((recipe) => (
          <li key={recipe.id} className="recipe-card" data-testid="recipe-card">
            {recipe.photo ? <img src={recipe.photo} alt={recipe.name} className="recipe-photo" /> : <div className="recipe-photo empty" aria-hidden="true" />}
            <strong className="recipe-name">{recipe.name}</strong>
            <div className="recipe-sizes">
              {[...recipe.variants]
                .sort((a, b) => SIZES.indexOf(a.size) - SIZES.indexOf(b.size))
                .map((v) => (
                  <button
                    key={v.id}
                    type="button"
                    className={`size-button${selected === v.id ? ' current' : ''}`}
                    data-testid={`size-${v.size}`}
                    aria-pressed={selected === v.id}
                    onClick={() => onPick(recipe, v)}
                  >
                    <span className="size-name">{t(`sizes.${v.size}`)}</span>
                    <span className="size-price">{format(v.price)}</span>
                    <small className={v.makeable === 0 ? 'size-makes none' : 'size-makes'}>
                      {t('cards.makes', { count: v.makeable, n: formatNumber(v.makeable, i18n.language) })}
                    </small>
                    {showStock && v.inStock > 0 && (
                      <small className="size-stock">{t('cards.inStock', { count: v.inStock, n: formatNumber(v.inStock, i18n.language) })}</small>
                    )}
                  </button>
                ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
