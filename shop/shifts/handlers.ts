/** The shifts area's handlers (being built: issue 3). */
export const shiftsHandlers = {};
