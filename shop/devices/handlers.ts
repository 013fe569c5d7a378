/** The devices area's handlers (being built: issue 3). */
export const devicesHandlers = {};
