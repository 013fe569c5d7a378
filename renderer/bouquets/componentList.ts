/**
 * The florist's component list while building or substituting a bouquet: per bouquet quantities of
 * each product, one row per product. Pure (the dialog and the make screen share it); no money here.
 */
export interface ComponentItem {
  productId: string;
  name: string;
  /** per bouquet */
  quantity: number;
}

export const MAX_COMPONENTS = 100;
export const MAX_PER_BOUQUET = 10_000;

export type ComponentAction =
  | { type: 'add'; productId: string; name: string; quantity?: number }
  | { type: 'step'; productId: string; by: number }
  | { type: 'set'; productId: string; quantity: number }
  | { type: 'remove'; productId: string }
  | { type: 'load'; items: readonly ComponentItem[] };

const valid = (q: number) => Number.isInteger(q) && q >= 1 && q <= MAX_PER_BOUQUET;

export function componentsReducer(items: readonly ComponentItem[], action: ComponentAction): ComponentItem[] {
  switch (action.type) {
    case 'add': {
      const quantity = action.quantity ?? 1;
      const same = items.find((c) => c.productId === action.productId);
      // A second scan of the same stem adds one more of it, as on the sale screen.
      if (same) return componentsReducer(items, { type: 'set', productId: action.productId, quantity: same.quantity + quantity });
      if (!valid(quantity) || items.length >= MAX_COMPONENTS) return [...items];
      return [...items, { productId: action.productId, name: action.name, quantity }];
    }
    case 'step': {
      const item = items.find((c) => c.productId === action.productId);
      return item ? componentsReducer(items, { type: 'set', productId: action.productId, quantity: item.quantity + action.by }) : [...items];
    }
    case 'set':
      // − stops at one: taking a stem out is its own deliberate action (✕).
      if (!valid(action.quantity)) return [...items];
      return items.map((c) => (c.productId === action.productId ? { ...c, quantity: action.quantity } : c));
    case 'remove':
      return items.filter((c) => c.productId !== action.productId);
    case 'load': {
      const out: ComponentItem[] = [];
      for (const c of action.items) {
        const same = out.find((o) => o.productId === c.productId);
        if (same) same.quantity = Math.min(MAX_PER_BOUQUET, same.quantity + c.quantity);
        else if (valid(c.quantity) && out.length < MAX_COMPONENTS) out.push({ ...c });
      }
      return out;
    }
  }
}

/** What the backend takes: product and quantity per bouquet. */
export function componentsInput(items: readonly ComponentItem[]): { productId: string; quantity: number }[] {
  return items.map((c) => ({ productId: c.productId, quantity: c.quantity }));
}

/** Same products in the same quantities, whatever the order: the florist made it as the recipe says. */
export function sameComponents(a: readonly { productId: string; quantity: number }[], b: readonly { productId: string; quantity: number }[]): boolean {
  const sum = (list: readonly { productId: string; quantity: number }[]) => {
    const m = new Map<string, number>();
    for (const c of list) m.set(c.productId, (m.get(c.productId) ?? 0) + c.quantity);
    return m;
  };
  const x = sum(a);
  const y = sum(b);
  return x.size === y.size && [...x].every(([id, q]) => y.get(id) === q);
}
