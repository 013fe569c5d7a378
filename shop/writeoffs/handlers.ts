/** The API of write-offs and the shrink view. Filled in by issue 4. */
export const writeoffsHandlers = {};
