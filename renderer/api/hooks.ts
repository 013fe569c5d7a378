import { useCallback, useEffect, useRef, useState } from 'react';
import { onSessionChanged } from '../app/session';
import { call, onBackendEvent, type BackendEvent, type Input, type Method, type Output } from './client';

/** Runs `listener` for each backend event of the given types while the component is mounted. */
export function useBackendEvent(types: readonly BackendEvent['type'][], listener: (event: BackendEvent) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  const key = types.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    return onBackendEvent((event) => {
      if (wanted.has(event.type)) latest.current(event);
    });
  }, [key]);
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads one method's answer and reloads it when the input changes or when one of `refreshOn` arrives
 * (another window changed the same data). Earlier answers arriving late are dropped.
 */
export function useApi<M extends Method>(
  method: M,
  input: Input<M>,
  refreshOn: readonly BackendEvent['type'][] = [],
): Loaded<Output<M>> {
  const [state, setState] = useState<{ data: Output<M> | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const inputKey = JSON.stringify(input);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    call(method, JSON.parse(inputKey) as Input<M>).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [method, inputKey, generation]);

  useBackendEvent(refreshOn, reload);
  useEffect(() => onSessionChanged(reload), [reload]);
  return { ...state, reload };
}
