/** The API of stock counts. Filled in by issue 4. */
export const countsHandlers = {};
