import type { CategoryItem } from './types';

const MAX_DEPTH = 8;

/** Categories in tree order, each with its depth, for an indented select (orphans are shown at the top level). */
export function categoryTree(categories: readonly CategoryItem[]): { item: CategoryItem; depth: number }[] {
  const children = new Map<string | null, CategoryItem[]>();
  const ids = new Set(categories.map((c) => c.id));
  for (const c of categories) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: { item: CategoryItem; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      out.push({ item: c, depth });
      if (depth < MAX_DEPTH) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
