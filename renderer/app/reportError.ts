import { call } from '../api/client';

/**
 * Sends a renderer crash to the backend's log. Never throws: reporting must not cause a second failure,
 * and a report that cannot be delivered (backend gone) is simply lost.
 */
export function reportError(error: unknown, where: string): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error && error.stack ? error.stack.slice(0, 20_000) : undefined;
  call('system.reportError', { message: message.slice(0, 2000), where: where.slice(0, 200), ...(stack ? { stack } : {}) }).catch(
    () => {},
  );
}
