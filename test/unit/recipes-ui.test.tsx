import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { draftOf, feeProblem, newDraft, variantsInput } from '../../renderer/recipes/draft';
import { markupText, parseMarkup } from '../../renderer/recipes/markup';
import { RecipeCard } from '../../renderer/recipes/RecipeCard';
import type { Recipe } from '../../renderer/recipes/types';

beforeAll(async () => {
  await initI18n('en');
});
afterAll(async () => {
  await changeLanguage('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
const money = (minor: number) => `GEL ${(minor / 100).toFixed(2)}`;

const recipe: Recipe = {
  id: 'r1',
  name: 'Spring mood',
  description: null,
  photo: null,
  archived: false,
  updatedAt: '2026-03-01T00:00:00.000Z',
  variants: [
    {
      id: 'v1',
      size: 'medium',
      productId: 'p1',
      productName: 'Spring mood · M',
      barcode: null,
      assemblyFee: 500,
      price: 5300,
      rulePrice: 6550,
      cost: 2450,
      noCost: false,
      makeable: 4,
      inStock: 2,
      components: [{ productId: 'c1', kind: 'cut_flower', unit: 'stem', quantity: 15, available: 60, noCost: false, cost: 2250 }],
    },
  ],
};

describe('a recipe card', () => {
  it('shows the shelf price, the rule price when it moved, the cost and what stock makes', () => {
    const html = render(<RecipeCard recipe={recipe} showCost format={money} />);
    expect(html).toContain('GEL 53.00');
    expect(html).toContain('→ GEL 65.50');
    expect(html).toContain('GEL 24.50');
    expect(html).toContain('(2 ready)');
  });

  it('leaves the cost column out for who may not see costs', () => {
    const html = render(<RecipeCard recipe={recipe} showCost={false} format={money} />);
    expect(html).not.toContain('GEL 24.50');
    expect(html).not.toContain('>Cost<');
  });
});

describe('the editor draft', () => {
  it('sends only offered sizes, with fees parsed, and refuses a fee that is not a price on its field', () => {
    const draft = draftOf(recipe, 'GEL', 'en');
    expect(variantsInput(draft, 'GEL', false)).toEqual([
      { size: 'medium', assemblyFee: 500, components: [{ productId: 'c1', quantity: 15 }] },
    ]);
    draft.variants.large = { enabled: true, fee: 'abc', components: [] };
    expect(feeProblem(draft, 'GEL')).toMatchObject({ field: 'variants.1.assemblyFee', messageKey: 'catalog:money.invalid' });
    expect(newDraft().variants.medium.enabled).toBe(true);
  });

  it('reads markups as multipliers, in either decimal mark', () => {
    expect(parseMarkup('2,5')).toBe(25_000);
    expect(parseMarkup('×1.25')).toBe(12_500);
    expect(parseMarkup('101')).toBeNull();
    expect(parseMarkup('-1')).toBeNull();
    expect(markupText(25_000, 'en')).toBe('2.5');
  });
});
