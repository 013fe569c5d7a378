/** The API of freshness: stock overview with ages, markdown rules, sell-first and low-stock lists. Filled in by issue 4. */
export const freshnessHandlers = {};
