/** The API of data-collection terminals: file import, serial upload, product list export. Filled in by issue 4. */
export const terminalsHandlers = {};
