import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ENTER } from '../sale/symbols';
import { Kbd } from '../ui/Kbd';
import { PricingRules } from './PricingRules';
import { RecipeCard } from './RecipeCard';
import { RecipeEditor } from './RecipeEditor';
import type { Recipe } from './types';
import './recipes.css';
import { Tabs } from '../ui/Tabs';

type Tab = 'recipes' | 'pricing';
const TABS: readonly Tab[] = ['recipes', 'pricing'];
const SEARCH_SETTLE_MS = 120;

/**
 * Bouquet recipes as cards (photo, sizes, price, cost for who may see it, how many the stock makes),
 * the editor for who manages recipes, and the shop's pricing rules.
 */
export function RecipesPage() {
  const { t } = useTranslation('recipes');
  const { can } = useSession();
  const { currency, format } = useMoney();
  const [tab, setTab] = useState<Tab>('recipes');
  const [query, setQuery] = useState('');
  const [settled, setSettled] = useState('');
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<Recipe | 'new' | null>(null);
  const canManage = can('recipes.manage');
  const showCost = can('reports.view') || canManage;

  useEffect(() => {
    const timer = setTimeout(() => setSettled(query.trim()), SEARCH_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const recipes = useApi(
    'recipes.list',
    { ...(settled ? { query: settled } : {}), includeArchived: archived },
    ['recipes.changed', 'catalog.changed', 'stock.changed', 'pricing.changed', 'sales.changed'],
  );

  return (
    <div className="recipes-page" data-testid="recipes-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <Tabs ids={TABS} current={tab} onSelect={setTab} label={t('title')} testIdPrefix="recipes-tab" labelOf={(id) => t(`tabs.${id}`)} />
      </div>

      {tab === 'recipes' && (
        <>
          <div className="recipes-toolbar">
            <input
              type="search"
              value={query}
              placeholder={t('search')}
              aria-label={t('search')}
              data-testid="recipes-search"
              onChange={(e) => setQuery(e.target.value)}
            />
            <label className="check">
              <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
              {t('showArchived')}
            </label>
            {canManage && (
              <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="recipe-new">
                {t('new')}
              </button>
            )}
          </div>
          <ErrorMessage error={recipes.error} />
          {recipes.data && recipes.data.length === 0 && <p className="hint">{settled ? t('none') : t('empty')}</p>}
          <ul className="recipe-cards" data-testid="recipe-cards">
            {recipes.data?.map((r) => (
              <RecipeCard key={r.id} recipe={r} showCost={showCost} format={format} {...(canManage ? { onOpen: () => setEditing(r) } : {})} />
            ))}
          </ul>
          {canManage && (
            <p className="hint">
              {t('editHint')} <Kbd>{ENTER}</Kbd>
            </p>
          )}
        </>
      )}

      {tab === 'pricing' && <PricingRules canEdit={can('pricing.manage')} canReprice={canManage} format={format} />}

      {editing && currency && (
        <RecipeEditor
          recipe={editing === 'new' ? null : editing}
          currency={currency}
          showCost={showCost}
          format={format}
          onClose={() => {
            setEditing(null);
            recipes.reload();
          }}
        />
      )}
    </div>
  );
}
