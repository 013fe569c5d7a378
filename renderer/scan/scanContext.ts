import { createContext, useContext, useEffect, useRef } from 'react';

/**
 * A screen that wants scans (the product list opens the product, the product form adds the code)
 * returns true when it took the scan; false passes it on, finally to the app-wide lookup toast.
 */
export type ScanHandler = (code: string) => boolean | Promise<boolean>;

export interface ScanRegistry {
  /** Adds a handler on top of the stack (the latest mounted screen is asked first); returns its removal. */
  push(handler: ScanHandler): () => void;
}

export const ScanContext = createContext<ScanRegistry | null>(null);

/** Takes scans while mounted and `enabled`. Without a ScanProvider above (a test, a status screen) it does nothing. */
export function useScanHandler(handler: ScanHandler, enabled = true): void {
  const registry = useContext(ScanContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!registry || !enabled) return;
    return registry.push((code) => latest.current(code));
  }, [registry, enabled]);
}

/**
 * Whether an element is on screen for the person at the counter: the shell keeps visited screens
 * mounted but `hidden`, and makes the whole window `inert` under the user picker.
 */
export function isShown(element: Element | null): boolean {
  return element !== null && element.isConnected && element.closest('[hidden], [inert]') === null;
}
