import { describe, expect, it } from 'vitest';
import { categoryTree } from '../../renderer/catalog/categoryTree';
import { columnsThatFit } from '../../renderer/catalog/columns';
import { displayName } from '../../renderer/catalog/names';
import type { CategoryItem } from '../../renderer/catalog/types';

const category = (id: string, parentId: string | null, name: string): CategoryItem =>
  ({ id, parentId, name, sort: 0, archived: false, names: { en: name }, productCount: 0 }) as CategoryItem;

describe('categoryTree', () => {
  it('lists parents before their children, with depth, keeping the given order among siblings', () => {
    const tree = categoryTree([
      category('b', null, 'Plants'),
      category('a1', 'a', 'Roses'),
      category('a', null, 'Flowers'),
      category('a2', 'a', 'Tulips'),
      category('x', 'missing', 'Orphan'),
    ]);
    expect(tree.map(({ item, depth }) => `${depth}:${item.name}`)).toEqual(['0:Plants', '0:Flowers', '1:Roses', '1:Tulips', '0:Orphan']);
  });
  it('survives a cycle in bad data', () => {
    const tree = categoryTree([category('a', 'b', 'A'), category('b', 'a', 'B')]);
    expect(tree.length).toBe(0); // neither is reachable from the top level; nothing loops forever
  });
});

describe('displayName', () => {
  it('picks the reader’s language, then English, Russian, any', () => {
    expect(displayName({ en: 'Rose', ka: 'ვარდი' }, 'ka')).toBe('ვარდი');
    expect(displayName({ en: 'Rose', ru: 'Роза' }, 'kk')).toBe('Rose');
    expect(displayName({ ru: 'Роза', uz: 'Atirgul' }, 'ka')).toBe('Роза');
    expect(displayName({ uz: 'Atirgul' }, 'en')).toBe('Atirgul');
  });
});

describe('columnsThatFit', () => {
  it('drops the least needed columns first as the list narrows, never the name', () => {
    expect([...columnsThatFit(2000, null)]).toEqual(['name', 'price', 'colour', 'length', 'barcodes', 'kind', 'category', 'variety']);
    expect([...columnsThatFit(600, null)]).toEqual(['name', 'price', 'colour', 'length']);
    expect([...columnsThatFit(100, null)]).toEqual(['name']);
  });
  it('leaves out the grouped column (its value is in the group header)', () => {
    expect(columnsThatFit(2000, 'kind').has('kind')).toBe(false);
  });
});
