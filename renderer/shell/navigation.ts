import { createContext, useContext } from 'react';
import { PAGES, type PageId } from './nav';

/** Opens another screen from inside one (the sale screen's "open the shift" button). */
export const NavigateContext = createContext<(page: PageId) => void>(() => undefined);

export function useNavigate(): (page: PageId) => void {
  return useContext(NavigateContext);
}

/** The function key that opens a screen, for the hint on a button that goes there. */
export function keyOf(page: PageId): string | null {
  return PAGES.find((p) => p.id === page)?.key ?? null;
}
