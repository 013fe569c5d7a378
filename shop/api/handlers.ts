import type { HandlerMap } from './define';
import { systemHandlers } from '../system/handlers';

/**
 * The whole API: one map, composed per area. Both windows onto the backend (Electron IPC and
 * browser-mode HTTP) dispatch into this same object through `createDispatcher`.
 */
export const handlers = {
  ...systemHandlers,
} satisfies HandlerMap;
