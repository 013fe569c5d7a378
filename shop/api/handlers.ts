import type { HandlerMap } from './define';
import { systemHandlers } from '../system/handlers';
import { usersHandlers } from '../users/handlers';
import { shopsHandlers } from '../shops/handlers';
import { auditHandlers } from '../audit/handlers';
import { catalogHandlers } from '../catalog/handlers';
import { stockHandlers } from '../stock/handlers';

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
} satisfies HandlerMap;
