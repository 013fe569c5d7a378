import type { ClientState } from '../../shop/api/define';
import type { ApiResult, Input, Method, Output } from '../../shop/api/contract';
import type { Backend } from '../../shop/backend';

/**
 * `call` answers the ApiResult as it is; `ok` unwraps a success and fails the test on a refusal.
 * The backend is looked up on each call because tests make a fresh one per test.
 */
export function callsOn(backend: () => Backend) {
  async function call(client: ClientState, method: string, input: unknown = {}): Promise<ApiResult<unknown>> {
    return backend().call(client, method, input);
  }
  async function ok<M extends Method>(client: ClientState, method: M, input?: Input<M>): Promise<Output<M>> {
    const res = await call(client, method, input ?? {});
    if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`);
    return res.value as Output<M>;
  }
  return { call, ok };
}
