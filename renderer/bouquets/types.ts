import type { Method, Output } from '../../shop/api/contract';

/**
 * The shapes this screen reads. Recipes come from the recipes area (recipes.list); while that is being
 * written these are the designed shapes, and once it is in the contract its real type is used, so a
 * drift shows up as a type error here.
 */
type FromContract<M extends string, Designed> = M extends Method ? Output<M> : Designed;

interface DesignedRecipe {
  id: string;
  name: string;
  photo: string | null;
  variants: {
    id: string;
    size: 'small' | 'medium' | 'large';
    productId: string;
    productName: string;
    price: number;
    makeable: number;
    inStock: number;
    components: { productId: string; name?: string; unit: string; quantity: number }[];
  }[];
}

export type Recipe = FromContract<'recipes.list', DesignedRecipe[]>[number];
export type RecipeVariant = Recipe['variants'][number];
export type Plan = Output<'assembly.plan'>;
export type PlanLine = Plan['components'][number];
export type AssemblyRow = Output<'assembly.list'>['rows'][number];
export type VarianceReport = Output<'assembly.variance'>;

export const SIZES = ['small', 'medium', 'large'] as const;
