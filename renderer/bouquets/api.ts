import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { onSessionChanged } from '../app/session';
import type { Recipe } from './types';

type AnyCall = (method: string, input: unknown) => Promise<unknown>;

/** recipes.list through the untyped door while the recipes area lands (see ./types). */
export function listRecipes(query?: string): Promise<Recipe[]> {
  return (call as unknown as AnyCall)('recipes.list', query ? { query } : {}) as Promise<Recipe[]>;
}

/** The recipe cards, kept fresh: a recipe edited, stock moved or a sale made changes what they make. */
export function useRecipes(enabled = true): { data: Recipe[] | undefined; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ data: Recipe[] | undefined; error: unknown }>({ data: undefined, error: null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    listRecipes().then(
      (data) => current && setState({ data, error: null }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error })),
    );
    return () => {
      current = false;
    };
  }, [generation, enabled]);
  useBackendEvent(['recipes.changed', 'stock.changed', 'sales.changed', 'catalog.changed'], reload);
  useEffect(() => onSessionChanged(reload), [reload]);
  return { ...state, reload };
}
