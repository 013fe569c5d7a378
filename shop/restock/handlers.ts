/** The API of restock planning and the occasions calendar. Filled in by issue 4. */
export const restockHandlers = {};
