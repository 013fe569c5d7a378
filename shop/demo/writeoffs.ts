import { statement } from '../../db/statements';
import type { CallContext, Session } from '../api/define';
import type { Language } from '../api/schemas';
import { currentShopId } from '../shops/current';
import { postWriteoff, type WriteoffReason } from '../writeoffs/post';

/**
 * A few past write-offs for the demo shop, so the write-off list and the shrink view have something
 * to show on the first start: wilted roses from the oldest deliveries, a broken orchid pot, damaged
 * stems, greenery used for the window, one "other" with its note. Each is posted by the demo
 * florist through the real write-off (movements, frozen age and supplier, audit), dated a day or
 * more after its lot arrived. Runs after the demo stock exists; deterministic.
 */

const DAY_MS = 86_400_000;

const KNOCKED_OVER: Record<Language, string> = {
  en: 'Vase knocked over at the counter',
  ru: 'Уронили вазу у кассы',
  ka: 'სალაროსთან ვაზა გადაბრუნდა',
  kk: 'Касса жанында ваза құлады',
  uz: 'Kassa yonida vaza ag‘darildi',
};

interface Plan {
  /** the English name starts with this (the demo catalogue's own names) */
  name: string;
  reason: WriteoffReason;
  /** share of the oldest lot thrown away, at least 1 */
  share: number;
  /** days after the lot's arrival (kept at least an hour in the past) */
  after: number;
  note?: Record<Language, string>;
}

const PLANS: readonly Plan[] = [
  { name: 'Rose', reason: 'wilted', share: 0.12, after: 4 },
  { name: 'Local rose', reason: 'wilted', share: 0.1, after: 3 },
  { name: 'Spray rose', reason: 'wilted', share: 0.08, after: 5 },
  { name: 'Orchid', reason: 'broken', share: 0, after: 1 },
  { name: 'Tulip', reason: 'damaged', share: 0.05, after: 2 },
  { name: 'Chrysanthemum', reason: 'wilted', share: 0.06, after: 6 },
  { name: 'Eucalyptus', reason: 'display', share: 0.1, after: 1 },
  { name: 'Gerbera', reason: 'other', share: 0.05, after: 1, note: KNOCKED_OVER },
];

export function seedWriteoffsDemo(ctx: CallContext): { writeoffs: number } {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) return { writeoffs: 0 };
  const florist = statement(ctx.db, `SELECT id, name, language FROM users WHERE shop_id = ? AND role = 'florist' ORDER BY created_at LIMIT 1`).get(shopId) as
    | { id: string; name: string; language: Language }
    | undefined;
  if (!florist) return { writeoffs: 0 };
  const shopLanguage = (statement(ctx.db, 'SELECT language FROM shops WHERE id = ?').pluck().get(shopId) as Language | undefined) ?? 'en';
  const session: Session = { userId: florist.id, shopId, role: 'florist', name: florist.name, language: florist.language, permissions: new Set() };
  const realNow = ctx.now().getTime();
  // The oldest lot with stock of the first product whose English name starts so.
  const oldestLot = statement(
    ctx.db,
    `SELECT b.lot_id, b.quantity, b.arrived_at FROM product_names n JOIN lot_balances b ON b.product_id = n.product_id
      WHERE n.lang = 'en' AND n.name LIKE ? || '%' AND b.quantity > 0 AND b.shop_id = ?
      ORDER BY b.arrived_at, n.name, b.lot_id LIMIT 1`,
  );
  const done: { at: number; plan: Plan; lotId: string; quantity: number }[] = [];
  for (const plan of PLANS) {
    const lot = oldestLot.get(plan.name, shopId) as { lot_id: string; quantity: number; arrived_at: string } | undefined;
    if (!lot) continue;
    const at = Math.min(Date.parse(lot.arrived_at) + plan.after * DAY_MS, realNow - 3_600_000);
    done.push({ at, plan, lotId: lot.lot_id, quantity: Math.max(1, Math.min(lot.quantity, Math.round(lot.quantity * plan.share))) });
  }
  // In time order, so the numbers run with the dates.
  done.sort((a, b) => a.at - b.at);
  for (const d of done) {
    const past: CallContext = {
      db: ctx.db,
      client: ctx.client,
      session,
      shopId,
      now: () => new Date(d.at),
      newId: () => ctx.newId(),
      audit: (entry) => ctx.audit({ actorId: florist.id, ...entry }),
      emit: (event) => ctx.emit(event),
    };
    postWriteoff(past, { reason: d.plan.reason, note: d.plan.note?.[shopLanguage], lines: [{ lotId: d.lotId, quantity: d.quantity }] });
  }
  return { writeoffs: done.length };
}
