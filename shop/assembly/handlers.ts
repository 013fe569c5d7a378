/** The API of making bouquets. Filled in by issue 4. */
export const assemblyHandlers = {};
