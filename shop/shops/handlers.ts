import { z } from 'zod';
import { handler, type CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { currency, language, shortText } from '../api/schemas';
import { seedDemoShop } from '../demo/seed';
import { createUser, PASSWORD_MAX, PASSWORD_MIN } from '../users/accounts';
import { signIn } from '../users/signIn';
import { currentShopId } from './current';
import { assertNotSetUp, createShop } from './setup';

const country = z.string().regex(/^[A-Z]{2}$/, 'errors:shops.countryInvalid');
const phone = z.string().trim().max(40).regex(/^[+\d\s().-]*$/, 'errors:shops.phoneInvalid');
const address = z.string().trim().max(300);
const taxId = z.string().trim().max(40);
/** An optional setting that may be cleared: null or an empty string clears it. */
const clearable = <T extends z.ZodType<string>>(schema: T) => schema.nullable().optional();

const newShop = z
  .object({ name: shortText(100), currency, language, country: country.optional(), address: address.optional(), phone: phone.optional() })
  .strict();
const owner = z
  .object({
    name: shortText(100),
    password: z.string().min(PASSWORD_MIN, 'errors:users.passwordTooShort').max(PASSWORD_MAX, 'errors:users.passwordTooLong'),
    language,
  })
  .strict();

interface ShopRow {
  id: string;
  name: string;
  currency: string;
  language: string;
  country: string | null;
  address: string | null;
  phone: string | null;
  tax_id: string | null;
  created_at: string;
  cash_rounding: number;
  allow_negative_stock: number;
  receipt_footer: string | null;
}

function requireShop(ctx: CallContext): ShopRow {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  const row = shopId === null ? undefined : (ctx.db.prepare(`SELECT * FROM shops WHERE id = ?`).get(shopId) as ShopRow | undefined);
  if (!row) throw new AppError('conflict', 'errors:shops.notSetUp');
  return row;
}

function shopView(row: ShopRow) {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    language: row.language,
    country: row.country,
    address: row.address,
    phone: row.phone,
    taxId: row.tax_id,
    createdAt: row.created_at,
    /** cash totals are rounded to a multiple of this many minor units (the smallest coin in use) */
    cashRounding: row.cash_rounding,
    /** sell what the ledger does not hold yet (the shortfall goes below zero on the newest lot) */
    allowNegativeStock: row.allow_negative_stock === 1,
    receiptFooter: row.receipt_footer,
  };
}

export const shopsHandlers = {
  /** First start on an empty database: a new shop with its owner (signed in here), or the demo shop. */
  'shops.setup': handler({
    access: 'public',
    input: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('new'), shop: newShop, owner }).strict(),
      // history: false opens it without the past days' sales (tests that count their own sales)
      z.object({ mode: z.literal('demo'), language, history: z.boolean().optional() }).strict(),
    ]),
    run: (ctx, input) => {
      assertNotSetUp(ctx);
      if (input.mode === 'demo') {
        // No one is signed in: the demo's people (one per role) pick themselves on the user picker.
        const { shopId } = seedDemoShop(ctx, { language: input.language, history: input.history ?? true });
        ctx.audit({ action: 'shops.setup', entity: 'shop', entityId: shopId, details: { mode: 'demo', language: input.language } });
        ctx.emit({ type: 'shop.changed' });
        ctx.emit({ type: 'users.changed' });
        ctx.emit({ type: 'catalog.changed' });
        return { shopId, session: null };
      }
      const shopId = createShop(ctx, input.shop);
      const ownerId = createUser(ctx, { shopId, name: input.owner.name, role: 'owner', language: input.owner.language, password: input.owner.password });
      ctx.audit({ action: 'shops.setup', entity: 'shop', entityId: shopId, details: { mode: 'new', name: input.shop.name, currency: input.shop.currency } });
      ctx.audit({ action: 'users.create', entity: 'user', entityId: ownerId, details: { name: input.owner.name, role: 'owner', language: input.owner.language } });
      const session = signIn(ctx, ownerId, input.owner.password);
      ctx.emit({ type: 'shop.changed' });
      ctx.emit({ type: 'users.changed' });
      return { shopId, session };
    },
  }),

  'shops.get': handler({
    access: 'signedIn',
    input: z.object({}).strict(),
    run: (ctx) => shopView(requireShop(ctx)),
  }),

  'shops.update': handler({
    access: 'settings.manage',
    input: z
      .object({
        name: shortText(100).optional(),
        currency: currency.optional(),
        language: language.optional(),
        country: clearable(country),
        address: clearable(address),
        phone: clearable(phone),
        taxId: clearable(taxId),
        cashRounding: z.number().int().min(1).max(100_000).optional(),
        allowNegativeStock: z.boolean().optional(),
        receiptFooter: clearable(z.string().trim().max(300)),
      })
      .strict(),
    run: (ctx, input) => {
      const shop = requireShop(ctx);
      if (input.currency !== undefined && input.currency !== shop.currency) {
        // Prices are stored in minor units of the shop's currency: changing it would silently re-denominate them.
        const priced = ctx.db.prepare(`SELECT 1 FROM products LIMIT 1`).get();
        if (priced) throw new AppError('conflict', 'errors:shops.currencyLocked', { field: 'currency' });
      }
      const text = (value: string | null | undefined, current: string | null) => (value === undefined ? current : value || null);
      const after: ShopRow = {
        ...shop,
        name: input.name ?? shop.name,
        currency: input.currency ?? shop.currency,
        language: input.language ?? shop.language,
        country: text(input.country, shop.country),
        address: text(input.address, shop.address),
        phone: text(input.phone, shop.phone),
        tax_id: text(input.taxId, shop.tax_id),
        cash_rounding: input.cashRounding ?? shop.cash_rounding,
        allow_negative_stock: input.allowNegativeStock === undefined ? shop.allow_negative_stock : input.allowNegativeStock ? 1 : 0,
        receipt_footer: text(input.receiptFooter, shop.receipt_footer),
      };
      ctx.db
        .prepare(
          `UPDATE shops SET name = ?, currency = ?, language = ?, country = ?, address = ?, phone = ?, tax_id = ?,
             cash_rounding = ?, allow_negative_stock = ?, receipt_footer = ? WHERE id = ?`,
        )
        .run(
          after.name, after.currency, after.language, after.country, after.address, after.phone, after.tax_id,
          after.cash_rounding, after.allow_negative_stock, after.receipt_footer, shop.id,
        );
      const changed = Object.fromEntries(
        (Object.keys(after) as (keyof ShopRow)[])
          .filter((k) => after[k] !== shop[k])
          .map((k) => [k, { before: shop[k], after: after[k] }]),
      );
      ctx.audit({ action: 'shops.update', entity: 'shop', entityId: shop.id, details: changed });
      ctx.emit({ type: 'shop.changed' });
      return shopView(after);
    },
  }),
};
