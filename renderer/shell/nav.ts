interface PageDef {
  id: string;
  permission: string;
  /** the function key that opens it; settings pages visited once a month go without one */
  key: string | null;
  testId: string;
}

/** The main screens, the permission each needs, and the function key that opens it. */
export const PAGES = [
  { id: 'sale', permission: 'sales.sell', key: 'F1', testId: 'nav-sale' },
  { id: 'products', permission: 'catalog.view', key: 'F2', testId: 'nav-products' },
  { id: 'stock', permission: 'catalog.view', key: null, testId: 'nav-stock' },
  { id: 'arrivals', permission: 'stock.receive', key: null, testId: 'nav-arrivals' },
  { id: 'bouquets', permission: 'bouquets.make', key: null, testId: 'nav-bouquets' },
  { id: 'recipes', permission: 'catalog.view', key: null, testId: 'nav-recipes' },
  { id: 'writeoffs', permission: 'stock.writeoff', key: null, testId: 'nav-writeoffs' },
  { id: 'counts', permission: 'stock.count', key: null, testId: 'nav-counts' },
  { id: 'restock', permission: 'reports.view', key: null, testId: 'nav-restock' },
  { id: 'journal', permission: 'journal.view', key: 'F3', testId: 'nav-journal' },
  { id: 'shift', permission: 'shifts.manage', key: 'F4', testId: 'nav-shift' },
  { id: 'devices', permission: 'devices.manage', key: 'F5', testId: 'nav-devices' },
  { id: 'users', permission: 'users.view', key: 'F6', testId: 'nav-users' },
  { id: 'roles', permission: 'roles.manage', key: 'F7', testId: 'nav-roles' },
  { id: 'audit', permission: 'audit.view', key: 'F8', testId: 'nav-audit' },
  { id: 'shop', permission: 'settings.manage', key: null, testId: 'nav-shop' },
] as const satisfies readonly PageDef[];

export type PageId = (typeof PAGES)[number]['id'];

export const SWITCH_USER_KEY = 'F9';

/** The page a function key opens, or null. Plain F-keys only: with a modifier they belong to the browser or the OS. */
export function pageForKey(e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }): PageId | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return null;
  return PAGES.find((p) => p.key !== null && p.key === e.key)?.id ?? null;
}
