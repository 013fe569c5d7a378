import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentsInput, componentsReducer, MAX_PER_BOUQUET, sameComponents, type ComponentItem } from '../../renderer/bouquets/componentList';
import { RecipeCards } from '../../renderer/bouquets/RecipeCards';
import type { Recipe } from '../../renderer/bouquets/types';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { BouquetBuilder } from '../../renderer/sale/BouquetBuilder';
import { draftInput, draftReducer, emptyDraft } from '../../renderer/sale/draft';
import { LineList } from '../../renderer/sale/LineList';
import { matchShortcut } from '../../renderer/sale/shortcuts';

/** The counter's bouquet builder and the make screen's pieces that need no backend: the component list, the sale line, the key. */
beforeAll(async () => {
  await initI18n('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
const money = (minor: number) => `GEL ${(minor / 100).toFixed(2)}`;
const ROSE = '0190a0b0-0000-7000-8000-000000000001';
const FERN = '0190a0b0-0000-7000-8000-000000000002';
const BOUQUET = '0190a0b0-0000-7000-8000-000000000003';

describe('the component list', () => {
  const start: ComponentItem[] = [];
  it('adds a product once and counts a second scan of it as one more', () => {
    let items = componentsReducer(start, { type: 'add', productId: ROSE, name: 'Rose' });
    items = componentsReducer(items, { type: 'add', productId: FERN, name: 'Fern', quantity: 2 });
    items = componentsReducer(items, { type: 'add', productId: ROSE, name: 'Rose' });
    expect(items).toEqual([
      { productId: ROSE, name: 'Rose', quantity: 2 },
      { productId: FERN, name: 'Fern', quantity: 2 },
    ]);
    expect(componentsInput(items)).toEqual([
      { productId: ROSE, quantity: 2 },
      { productId: FERN, quantity: 2 },
    ]);
  });

  it('− stops at one, ✕ removes, nothing beyond the per-bouquet limit', () => {
    let items = componentsReducer(start, { type: 'add', productId: ROSE, name: 'Rose' });
    items = componentsReducer(items, { type: 'step', productId: ROSE, by: -1 });
    expect(items[0]?.quantity).toBe(1);
    items = componentsReducer(items, { type: 'set', productId: ROSE, quantity: MAX_PER_BOUQUET + 1 });
    expect(items[0]?.quantity).toBe(1);
    expect(componentsReducer(items, { type: 'remove', productId: ROSE })).toEqual([]);
  });

  it('loads a recipe with a product twice as one line, and tells a substitution from the recipe', () => {
    const items = componentsReducer(start, {
      type: 'load',
      items: [
        { productId: ROSE, name: 'Rose', quantity: 3 },
        { productId: FERN, name: 'Fern', quantity: 1 },
        { productId: ROSE, name: 'Rose', quantity: 2 },
      ],
    });
    expect(items).toEqual([
      { productId: ROSE, name: 'Rose', quantity: 5 },
      { productId: FERN, name: 'Fern', quantity: 1 },
    ]);
    expect(sameComponents(items, [{ productId: FERN, quantity: 1 }, { productId: ROSE, quantity: 5 }])).toBe(true);
    expect(sameComponents(items, [{ productId: ROSE, quantity: 5 }])).toBe(false);
    expect(sameComponents(items, [{ productId: FERN, quantity: 1 }, { productId: ROSE, quantity: 4 }])).toBe(false);
  });
});

describe('a bouquet on the sale', () => {
  const components = [
    { productId: ROSE, quantity: 3 },
    { productId: FERN, quantity: 1 },
  ];
  const d = [
    { type: 'add', productId: ROSE } as const,
    { type: 'addBouquet', productId: BOUQUET, components } as const,
    { type: 'addBouquet', productId: BOUQUET, components } as const,
  ].reduce(draftReducer, emptyDraft());

  it('is a line of its own every time, one bouquet with its components, and goes to the backend so', () => {
    expect(d.lines.map((l) => [l.productId, l.quantity, l.components ?? null])).toEqual([
      [ROSE, 1, null],
      [BOUQUET, 1, components],
      [BOUQUET, 1, components],
    ]);
    expect(d.selected).toBe(d.lines[2]?.key);
    expect(draftInput(d).lines[1]).toEqual({ productId: BOUQUET, quantity: 1, components });
    // a scan of the rose still adds to the rose line, not to a bouquet
    expect(draftReducer(d, { type: 'add', productId: ROSE }).lines[0]?.quantity).toBe(2);
  });

  it('shows that it is a bouquet, with its components listed small', () => {
    const names: Record<string, string> = { [ROSE]: 'Red rose', [FERN]: 'Fern', [BOUQUET]: 'Bouquet' };
    const out = render(
      <LineList draft={d} dispatch={() => {}} lineOf={() => undefined} nameOf={(id) => names[id]} format={money} focusQuantity={0} stale={false} onInvalidQuantity={() => {}} />,
    );
    expect(out.match(/data-testid="line-bouquet"/g)).toHaveLength(2);
    expect(out).toContain('Red rose × 3, Fern × 1');
  });

  it('opens with Ctrl+B (also on a Russian layout)', () => {
    const ctx = { typing: false, inSearch: true, searchEmpty: true, inBurst: false };
    expect(matchShortcut({ key: 'и', code: 'KeyB', ctrlKey: true, altKey: false, shiftKey: false, metaKey: false }, ctx)).toBe('bouquet');
  });
});

describe('the builder dialog', () => {
  it('starts with "from nothing" or a recipe size, in the counter’s language', async () => {
    const out = render(<BouquetBuilder onAdd={() => {}} onClose={() => {}} format={money} />);
    expect(out).toContain('data-testid="bouquet-builder"');
    expect(out).toContain('Start from nothing');
    await changeLanguage('ru');
    try {
      expect(render(<BouquetBuilder onAdd={() => {}} onClose={() => {}} format={money} />)).toContain('Начать с нуля');
    } finally {
      await changeLanguage('en');
    }
  });

  it('shows recipe cards with a button per size, the price, and how many stock makes', () => {
    const recipes = [
      {
        id: 'r1',
        name: 'Spring',
        photo: null,
        variants: [
          { id: 'v2', size: 'large', productId: 'p2', productName: 'Spring · L', price: 9000, makeable: 0, inStock: 0, components: [] },
          { id: 'v1', size: 'small', productId: 'p1', productName: 'Spring · S', price: 4500, makeable: 3, inStock: 2, components: [] },
        ],
      },
    ] as unknown as Recipe[];
    const out = render(<RecipeCards recipes={recipes} selected="v1" onPick={() => {}} format={money} showStock />);
    expect(out.indexOf('size-small')).toBeLessThan(out.indexOf('size-large'));
    expect(out).toContain('GEL 45.00');
    expect(out).toContain('stock makes 3');
    expect(out).toContain('2 ready');
    expect(out).toMatch(/aria-pressed="true"[^>]*data-testid="size-small"|data-testid="size-small"[^>]*aria-pressed="true"/);
  });
});
