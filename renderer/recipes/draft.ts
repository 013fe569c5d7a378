import { formatMoneyForInput, parseMoney } from '../format/money';
import { SIZES, type Recipe, type Size } from './types';

export interface DraftComponent {
  productId: string;
  name: string;
  unit: string;
  quantity: number;
}

export interface DraftVariant {
  enabled: boolean;
  fee: string;
  components: DraftComponent[];
}

export interface Draft {
  id?: string;
  name: string;
  description: string;
  variants: Record<Size, DraftVariant>;
}

const emptyVariant = (enabled: boolean): DraftVariant => ({ enabled, fee: '0', components: [] });

export function newDraft(): Draft {
  return { name: '', description: '', variants: { small: emptyVariant(false), medium: emptyVariant(true), large: emptyVariant(false) } };
}

export function draftOf(recipe: Recipe, currency: string, language: string): Draft {
  const draft: Draft = { id: recipe.id, name: recipe.name, description: recipe.description ?? '', variants: newDraft().variants };
  draft.variants.medium.enabled = false;
  for (const v of recipe.variants) {
    draft.variants[v.size] = {
      enabled: true,
      fee: formatMoneyForInput(v.assemblyFee, currency, language),
      components: v.components.map((c) => ({ productId: c.productId, name: c.name ?? '', unit: c.unit, quantity: c.quantity })),
    };
  }
  return draft;
}

/** The sizes offered, as the API takes them; a fee that does not parse counts as 0 here (save refuses it on its field). */
export function variantsInput(draft: Draft, currency: string, onlyComplete: boolean) {
  return SIZES.filter((s) => draft.variants[s].enabled)
    .map((size) => {
      const v = draft.variants[size];
      const fee = parseMoney(v.fee, currency);
      return {
        size,
        assemblyFee: fee.ok ? fee.minor : 0,
        components: v.components.filter((c) => !onlyComplete || c.quantity >= 1).map((c) => ({ productId: c.productId, quantity: c.quantity })),
      };
    });
}

/** A fee that does not parse, as a refusal on its field; null when every offered size's fee is a price. */
export function feeProblem(draft: Draft, currency: string): { code: 'invalid_input'; messageKey: string; field: string } | null {
  let index = 0;
  for (const size of SIZES) {
    const v = draft.variants[size];
    if (!v.enabled) continue;
    const fee = parseMoney(v.fee, currency);
    if (!fee.ok) return { code: 'invalid_input', messageKey: `catalog:money.${fee.error}`, field: `variants.${index}.assemblyFee` };
    index += 1;
  }
  return null;
}
