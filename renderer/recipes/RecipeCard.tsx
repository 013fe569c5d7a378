import { useTranslation } from 'react-i18next';
import type { Recipe } from './types';

/** A flower where a recipe has no photo yet. */
const NO_PHOTO_MARK = '\u273F';

/** One recipe: photo, name, and per size its shelf price, cost (for who may see it) and how many the stock makes. */
export function RecipeCard({
  recipe,
  showCost,
  format,
  onOpen,
}: {
  recipe: Recipe;
  showCost: boolean;
  format: (minor: number) => string;
  onOpen?: () => void;
}) {
  const { t } = useTranslation('recipes');
  const body = (
    <>
      {recipe.photo ? (
        <img className="recipe-photo" src={recipe.photo} alt={t('card.photoOf', { name: recipe.name })} loading="lazy" />
      ) : (
        <div className="recipe-photo photo-none" aria-hidden="true">
          {NO_PHOTO_MARK}
        </div>
      )}
      <div className="recipe-card-body">
        <h2>
          {recipe.name}
          {recipe.archived && <span className="badge"> {t('card.archived')}</span>}
        </h2>
        {recipe.description && <p className="hint">{recipe.description}</p>}
        <table className="table compact recipe-sizes">
          <thead>
            <tr>
              <th>{t('card.size')}</th>
              <th className="num">{t('card.price')}</th>
              {showCost && <th className="num">{t('card.cost')}</th>}
              <th className="num">{t('card.makes')}</th>
            </tr>
          </thead>
          <tbody>
            {recipe.variants.map((v) => (
              <tr key={v.id} data-testid={`recipe-variant-${v.size}`}>
                <th scope="row" title={t(`sizes.${v.size}`)}>{t(`sizesShort.${v.size}`)}</th>
                <td className="num">
                  {format(v.price)}
                  {v.rulePrice !== v.price && (
                    <span className="hint rule-price" title={t('card.rulePriceHint')}>
                      {' '}
                      → {format(v.rulePrice)}
                    </span>
                  )}
                </td>
                {showCost && <td className="num">{v.cost !== undefined ? format(v.cost) : ''}</td>}
                <td className="num" title={t('card.makeableHint')}>
                  {v.makeable}
                  {v.inStock > 0 && <span className="hint"> {t('card.inStock', { count: v.inStock })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
  return (
    <li className={`recipe-card${recipe.archived ? ' archived' : ''}`} data-testid="recipe-card">
      {onOpen ? (
        <button type="button" className="recipe-card-open" onClick={onOpen} aria-label={t('card.edit', { name: recipe.name })}>
          {body}
        </button>
      ) : (
        <div className="recipe-card-open">{body}</div>
      )}
    </li>
  );
}
