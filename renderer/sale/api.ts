import { useCallback, useEffect, useState } from 'react';
import { call, type BackendEvent } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { onSessionChanged } from '../app/session';
import type { SaleApi, SaleMethod } from './types';

type AnyCall = (method: string, input: unknown) => Promise<unknown>;

/**
 * `call` for the counter's methods, typed by the designed contract in ./types (the sales, clients and
 * shifts handlers are written alongside this screen; the real types replace the designed ones there).
 */
export function saleCall<M extends SaleMethod>(method: M, input: SaleApi[M]['input']): Promise<SaleApi[M]['output']> {
  return (call as unknown as AnyCall)(method, input) as Promise<SaleApi[M]['output']>;
}

export interface SaleLoaded<T> {
  data: T | undefined;
  error: unknown;
  reload: () => void;
}

/** Like renderer/api useApi, for an input-less counter method: reloads on the given events and on a user switch. */
export function useSaleApi<M extends SaleMethod>(
  method: M,
  refreshOn: readonly BackendEvent['type'][],
  enabled = true,
): SaleLoaded<SaleApi[M]['output']> {
  const [state, setState] = useState<{ data: SaleApi[M]['output'] | undefined; error: unknown }>({ data: undefined, error: null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    saleCall(method, {} as SaleApi[M]['input']).then(
      (data) => current && setState({ data, error: null }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error })),
    );
    return () => {
      current = false;
    };
  }, [method, generation, enabled]);
  useBackendEvent(refreshOn, reload);
  useEffect(() => onSessionChanged(reload), [reload]);
  return { ...state, reload };
}
