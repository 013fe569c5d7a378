import type { Output } from '../../shop/api/contract';

export type Recipe = Output<'recipes.list'>[number];
export type RecipeVariant = Recipe['variants'][number];
export type Preview = Output<'recipes.preview'>;
export type PreviewVariant = Preview['variants'][number];
export type PricingView = Output<'pricing.get'>;
export type Breakdown = NonNullable<RecipeVariant['breakdown']>;

export const SIZES = ['small', 'medium', 'large'] as const;
export type Size = (typeof SIZES)[number];
/** Kinds with a markup, in the order the rules form lists them. */
export const MARKUP_KINDS = ['cut_flower', 'greenery', 'consumable', 'plant', 'ready_item'] as const;
export type MarkupKind = (typeof MARKUP_KINDS)[number];
