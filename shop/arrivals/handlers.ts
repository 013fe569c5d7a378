/** The API of arrivals, suppliers and price labels. Filled in by issue 4. */
export const arrivalsHandlers = {};
