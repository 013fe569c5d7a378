import type { HandlerMap } from './define';
import { systemHandlers } from '../system/handlers';
import { usersHandlers } from '../users/handlers';
import { shopsHandlers } from '../shops/handlers';
import { auditHandlers } from '../audit/handlers';
import { catalogHandlers } from '../catalog/handlers';
import { stockHandlers } from '../stock/handlers';
import { salesHandlers } from '../sales/handlers';
import { clientsHandlers } from '../clients/handlers';
import { shiftsHandlers } from '../shifts/handlers';
import { returnsHandlers } from '../returns/handlers';
import { journalHandlers } from '../journal/handlers';
import { printingHandlers } from '../printing/handlers';
import { devicesHandlers } from '../devices/handlers';
import { arrivalsHandlers } from '../arrivals/handlers';
import { freshnessHandlers } from '../freshness/handlers';
import { writeoffsHandlers } from '../writeoffs/handlers';
import { recipesHandlers } from '../recipes/handlers';
import { assemblyHandlers } from '../assembly/handlers';
import { countsHandlers } from '../counts/handlers';
import { terminalsHandlers } from '../terminals/handlers';
import { restockHandlers } from '../restock/handlers';

/**
 * The whole API: one map, composed per area. Both windows onto the backend (Electron IPC and
 * browser-mode HTTP) dispatch into this same object through `createDispatcher`.
 */
export const handlers = {
  ...systemHandlers,
  ...usersHandlers,
  ...shopsHandlers,
  ...auditHandlers,
  ...catalogHandlers,
  ...stockHandlers,
  ...salesHandlers,
  ...clientsHandlers,
  ...shiftsHandlers,
  ...returnsHandlers,
  ...journalHandlers,
  ...printingHandlers,
  ...devicesHandlers,
  ...arrivalsHandlers,
  ...freshnessHandlers,
  ...writeoffsHandlers,
  ...recipesHandlers,
  ...assemblyHandlers,
  ...countsHandlers,
  ...terminalsHandlers,
  ...restockHandlers,
} satisfies HandlerMap;
