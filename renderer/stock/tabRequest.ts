import type { StockTab } from './types';

/**
 * Another screen asks the stock screen to show one of its tabs (the top-bar low-stock notice opens
 * "Low stock"). The stock screen may not be mounted yet: the request waits until it reads it.
 */
let pending: StockTab | null = null;
const listeners = new Set<(tab: StockTab) => void>();

export function requestStockTab(tab: StockTab): void {
  pending = tab;
  for (const listener of listeners) listener(tab);
}

/** The tab asked for before the screen mounted (read once). */
export function takeRequestedTab(): StockTab | null {
  const tab = pending;
  pending = null;
  return tab;
}

export function onStockTabRequest(listener: (tab: StockTab) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
