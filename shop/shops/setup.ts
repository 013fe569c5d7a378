import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import type { Currency, Language } from '../api/schemas';
import { defaultCashRounding } from '../sales/rounding';
import { seedDefaultRolePermissions } from '../users/roles';
import { currentShopId } from './current';

export interface NewShop {
  name: string;
  currency: Currency;
  language: Language;
  country?: string;
  address?: string;
  phone?: string;
}

/** First-run setup happens once per database; afterwards the shop is edited through shops.update. */
export function assertNotSetUp(ctx: CallContext): void {
  if (currentShopId(ctx.db) !== null) throw new AppError('conflict', 'errors:shops.alreadySetUp');
}

/**
 * Creates the shop this database serves, makes it the current shop and gives a new database the
 * default role permissions. Used by shops.setup and by the demo seed.
 */
export function createShop(ctx: CallContext, input: NewShop): string {
  const id = ctx.newId();
  ctx.db
    .prepare(
      `INSERT INTO shops (id, name, currency, language, country, address, phone, created_at, cash_rounding)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.name.trim(),
      input.currency,
      input.language,
      input.country ?? null,
      input.address?.trim() || null,
      input.phone?.trim() || null,
      ctx.now().toISOString(),
      // the smallest coin in use in the currency's change drawers (shop/sales/rounding.ts)
      defaultCashRounding(input.currency),
    );
  ctx.db
    .prepare(
      `INSERT INTO app_settings (key, value) VALUES ('current_shop_id', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run(id);
  seedDefaultRolePermissions(ctx);
  return id;
}
