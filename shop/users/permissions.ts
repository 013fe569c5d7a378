/**
 * The permission table. Handlers name one of these; roles are granted sets of them.
 * The defaults are what a new shop starts with; the owner may edit every role but
 * their own (the owner always holds every permission, so a shop cannot lock itself out).
 */
export const PERMISSIONS = [
  'catalog.view',
  'catalog.edit',
  'users.view',
  'users.manage',
  'roles.manage',
  'settings.manage',
  'audit.view',
  'sales.sell',
  'sales.return',
  'shifts.manage',
  'journal.view',
  'drawer.open',
  'devices.manage',
  'clients.view',
  'stock.receive',
  'stock.writeoff',
  'stock.count',
  'stock.adjust',
  'bouquets.make',
  'recipes.manage',
  'pricing.manage',
  'reports.view',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['owner', 'manager', 'cashier', 'florist', 'courier'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that sign in with a password; the others use a PIN on the quick user picker. */
export const PASSWORD_ROLES: readonly Role[] = ['owner', 'manager'];

export const DEFAULT_ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  // users.manage lets a manager reset a cashier's PIN; accounts.ts keeps managers off owner and manager accounts.
  manager: [
    'catalog.view', 'catalog.edit', 'users.view', 'users.manage', 'audit.view',
    'sales.sell', 'sales.return', 'shifts.manage', 'journal.view', 'drawer.open', 'devices.manage', 'clients.view',
    'stock.receive', 'stock.writeoff', 'stock.count', 'stock.adjust', 'bouquets.make', 'recipes.manage', 'reports.view',
  ],
  // Returns and opening the drawer without a sale are a manager's by default: the cash they move is not a sale's.
  // Counting and receiving are counter work; posting a count's variance (stock.adjust) is a manager's.
  cashier: ['catalog.view', 'sales.sell', 'shifts.manage', 'journal.view', 'clients.view', 'stock.receive', 'stock.count'],
  florist: ['catalog.view', 'sales.sell', 'clients.view', 'stock.receive', 'stock.writeoff', 'stock.count', 'bouquets.make'],
  courier: ['catalog.view'],
};

/** How a role signs in: a password for PASSWORD_ROLES, a PIN on the quick user picker for the rest. */
export function signInWith(role: Role): 'password' | 'pin' {
  return PASSWORD_ROLES.includes(role) ? 'password' : 'pin';
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
