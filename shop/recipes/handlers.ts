/** The API of bouquet recipes and the pricing rules. Filled in by issue 4. */
export const recipesHandlers = {};
