import type { Approval, DiscountInput, DraftInput, DraftLineInput, PriceOverride, QuoteClient } from './types';

/**
 * The sale being rung up, as the screen holds it: the lines the backend prices, plus what only the
 * screen needs (a key per line for React and focus, the selected line, the attached client's name to
 * show before the first quote arrives). No money is computed here: prices come from sales.quote.
 */
export interface SaleLine extends DraftLineInput {
  key: string;
}

export interface SaleDraft {
  lines: SaleLine[];
  discount: DiscountInput | null;
  client: QuoteClient | null;
  approval: Approval | null;
  /** Key of the selected line (the one +, −, Delete, discount and price act on). */
  selected: string | null;
  /** Bumped on every change: quotes are matched to the draft they were asked for. */
  revision: number;
  /** Source of line keys; kept in the state so the reducer stays pure. */
  nextKey: number;
}

export const MAX_LINES = 200;
export const MAX_QUANTITY = 10_000;

export const emptyDraft = (): SaleDraft => ({
  lines: [],
  discount: null,
  client: null,
  approval: null,
  selected: null,
  revision: 0,
  nextKey: 1,
});

export type DraftAction =
  | { type: 'add'; productId: string; quantity?: number }
  /** a bouquet built at the counter: always a line of its own, one bouquet of these components */
  | { type: 'addBouquet'; productId: string; components: { productId: string; quantity: number }[] }
  | { type: 'setQuantity'; key: string; quantity: number }
  | { type: 'step'; key: string; by: number }
  | { type: 'remove'; key: string }
  | { type: 'priceOverride'; key: string; override: PriceOverride | null }
  | { type: 'lineDiscount'; key: string; discount: DiscountInput | null }
  | { type: 'saleDiscount'; discount: DiscountInput | null }
  | { type: 'client'; client: QuoteClient | null }
  | { type: 'approval'; approval: Approval | null }
  | { type: 'select'; key: string | null }
  | { type: 'moveSelection'; by: number }
  | { type: 'load'; draft: DraftInput; client?: QuoteClient | null }
  | { type: 'clear' };

export function validQuantity(q: number): boolean {
  return Number.isInteger(q) && q >= 1 && q <= MAX_QUANTITY;
}

function changed(state: SaleDraft, next: Partial<SaleDraft>): SaleDraft {
  return { ...state, ...next, revision: state.revision + 1 };
}

function mapLine(state: SaleDraft, key: string, f: (line: SaleLine) => SaleLine): SaleDraft {
  const i = state.lines.findIndex((l) => l.key === key);
  const line = state.lines[i];
  if (!line) return state;
  const next = f(line);
  if (next === line) return state;
  const lines = state.lines.slice();
  lines[i] = next;
  return changed(state, { lines, selected: key });
}

function without<T extends object, K extends keyof T>(obj: T, key: K): Omit<T, K> {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

export function draftReducer(state: SaleDraft, action: DraftAction): SaleDraft {
  switch (action.type) {
    case 'add': {
      const quantity = action.quantity ?? 1;
      if (!validQuantity(quantity)) return state;
      // A second scan of the same product adds to its line (the last one, if a price or discount split it).
      const same = [...state.lines].reverse().find((l) => l.productId === action.productId && !l.components);
      if (same) {
        if (same.quantity + quantity > MAX_QUANTITY) return state;
        return mapLine(state, same.key, (l) => ({ ...l, quantity: l.quantity + quantity }));
      }
      if (state.lines.length >= MAX_LINES) return state;
      const key = `l${state.nextKey}`;
      return changed(state, {
        lines: [...state.lines, { key, productId: action.productId, quantity }],
        selected: key,
        nextKey: state.nextKey + 1,
      });
    }
    case 'addBouquet': {
      if (state.lines.length >= MAX_LINES || action.components.length === 0) return state;
      const key = `l${state.nextKey}`;
      return changed(state, {
        lines: [...state.lines, { key, productId: action.productId, quantity: 1, components: action.components }],
        selected: key,
        nextKey: state.nextKey + 1,
      });
    }
    case 'setQuantity':
      if (!validQuantity(action.quantity)) return state;
      return mapLine(state, action.key, (l) => (l.quantity === action.quantity ? l : { ...l, quantity: action.quantity }));
    case 'step':
      return mapLine(state, action.key, (l) => {
        const quantity = l.quantity + action.by;
        // − stops at one: taking a line off is its own, deliberate action (Delete).
        return validQuantity(quantity) ? { ...l, quantity } : l;
      });
    case 'remove': {
      const i = state.lines.findIndex((l) => l.key === action.key);
      if (i < 0) return state;
      const lines = state.lines.filter((l) => l.key !== action.key);
      const neighbour = lines[Math.min(i, lines.length - 1)];
      return changed(state, { lines, selected: neighbour?.key ?? null });
    }
    case 'priceOverride':
      return mapLine(state, action.key, (l) =>
        action.override ? { ...l, priceOverride: action.override } : 'priceOverride' in l ? without(l, 'priceOverride') : l,
      );
    case 'lineDiscount':
      return mapLine(state, action.key, (l) =>
        action.discount ? { ...l, discount: action.discount } : 'discount' in l ? without(l, 'discount') : l,
      );
    case 'saleDiscount':
      return changed(state, { discount: action.discount });
    case 'client':
      return changed(state, { client: action.client });
    case 'approval':
      return changed(state, { approval: action.approval });
    case 'select':
      return state.selected === action.key ? state : { ...state, selected: action.key };
    case 'moveSelection': {
      if (state.lines.length === 0) return state;
      const i = state.lines.findIndex((l) => l.key === state.selected);
      const from = i < 0 ? (action.by > 0 ? -1 : state.lines.length) : i;
      const to = Math.max(0, Math.min(state.lines.length - 1, from + action.by));
      return { ...state, selected: state.lines[to]?.key ?? null };
    }
    case 'load': {
      let nextKey = state.nextKey;
      const lines = action.draft.lines.slice(0, MAX_LINES).map((l) => ({ ...l, key: `l${nextKey++}` }));
      return {
        lines,
        discount: action.draft.discount ?? null,
        client: action.client ?? (action.draft.clientId ? { id: action.draft.clientId, name: '', phone: null, discountBp: 0 } : null),
        // An approval is a manager's secret given for one sale at the counter: it is never parked.
        approval: null,
        selected: lines[lines.length - 1]?.key ?? null,
        revision: state.revision + 1,
        nextKey,
      };
    }
    case 'clear':
      return { ...emptyDraft(), revision: state.revision + 1, nextKey: state.nextKey };
  }
}

/** The request body for quote / commit / park: the designed Draft, without the screen's own fields. */
export function draftInput(state: SaleDraft, opts: { withApproval?: boolean } = {}): DraftInput {
  const lines = state.lines.map((line) => without(line, 'key'));
  return {
    lines,
    ...(state.discount ? { discount: state.discount } : {}),
    ...(state.client ? { clientId: state.client.id } : {}),
    ...(state.approval && opts.withApproval !== false ? { approval: state.approval } : {}),
  };
}

export function selectedLine(state: SaleDraft): SaleLine | undefined {
  return state.lines.find((l) => l.key === state.selected);
}

export function isEmpty(state: SaleDraft): boolean {
  return state.lines.length === 0 && state.client === null && state.discount === null;
}
