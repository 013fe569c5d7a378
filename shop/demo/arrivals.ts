import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import type { Language } from '../api/schemas';
import { postArrival } from '../arrivals/post';
import type { PackKind } from '../arrivals/suppliers';
import type { DemoProduct } from './catalog-data';
import type { OpeningItem } from './stock';

/**
 * The demo shop's suppliers (local names per demo country), what each sells in which pack (roses in
 * bunches of 10 or 20, tulips and other flowers in 10s, greenery in bunches or boxes, packaging in boxes
 * and rolls), the products' usual supplier, and two deliveries posted as arrivals (yesterday's roses, this
 * morning's greenery) on top of the opening stock. Everything follows from the product list: the same
 * data in every demo shop. Potted plants and ready bouquets are left without a supplier, so restock
 * planning shows its "No supplier" group.
 */

type SupplierKey = 'importer' | 'wholesale' | 'greenery' | 'packaging';

interface DemoSupplier {
  key: SupplierKey;
  leadDays: number;
  names: Record<Language, string>;
  phone: Record<Language, string>;
  note?: Partial<Record<Language, string>>;
}

// en and ka demo shops are in Tbilisi, kk in Almaty, uz in Tashkent, ru in Moscow.
const SUPPLIERS: readonly DemoSupplier[] = [
  {
    key: 'importer',
    leadDays: 3,
    names: { en: 'Florimport Tbilisi', ka: 'ფლორიმპორტი', kk: 'Алматы Флора Импорт', uz: 'Toshkent Flora Import', ru: 'Флоримпорт' },
    phone: { en: '+995 322 47 10 20', ka: '+995 322 47 10 20', kk: '+7 727 390 11 22', uz: '+998 71 202 33 44', ru: '+7 495 120 45 67' },
    note: {
      en: 'Ecuador and Kenya roses, order by Monday noon',
      ka: 'ეკვადორის და კენიის ვარდები, შეკვეთა ორშაბათს 12-მდე',
      kk: 'Эквадор мен Кения раушандары, тапсырыс дүйсенбі 12:00-ге дейін',
      uz: 'Ekvador va Keniya atirgullari, buyurtma dushanba 12:00 gacha',
      ru: 'Розы Эквадор и Кения, заказ до понедельника 12:00',
    },
  },
  {
    key: 'wholesale',
    leadDays: 1,
    names: { en: 'Lilo Flower Market', ka: 'ლილოს ყვავილების ბაზრობა', kk: 'Гүл әлемі көтерме базасы', uz: 'Gulbozor ulgurji', ru: 'Цветочная база «Рижский»' },
    phone: { en: '+995 599 31 42 53', ka: '+995 599 31 42 53', kk: '+7 701 555 20 30', uz: '+998 90 321 54 76', ru: '+7 926 555 20 30' },
  },
  {
    key: 'greenery',
    leadDays: 2,
    names: { en: 'Green Garden Sagarejo', ka: 'მწვანე ბაღი — საგარეჯო', kk: 'Талғар жасыл бағы', uz: 'Yashil bog‘ Qibray', ru: 'Зелёный сад (Подмосковье)' },
    phone: { en: '+995 577 64 75 86', ka: '+995 577 64 75 86', kk: '+7 705 640 75 86', uz: '+998 93 640 75 86', ru: '+7 916 640 75 86' },
  },
  {
    key: 'packaging',
    leadDays: 5,
    names: { en: 'PackService Georgia', ka: 'პაკსერვისი', kk: 'Қаптама Сервис', uz: 'Qadoq Servis', ru: 'Упак-Сервис' },
    phone: { en: '+995 322 98 76 54', ka: '+995 322 98 76 54', kk: '+7 727 398 76 54', uz: '+998 71 298 76 54', ru: '+7 495 398 76 54' },
  },
];

/** Who sells the product, in what: null for what the shop has no supplier for. */
function packFor(p: DemoProduct): { supplier: SupplierKey; packKind: PackKind; packSize: number } | null {
  switch (p.category) {
    case 'roses':
      // long stems come in tens, shorter ones in twenties
      return { supplier: 'importer', packKind: 'bunch', packSize: (p.stemLengthCm ?? 0) >= 70 ? 10 : 20 };
    case 'tulips':
    case 'chrysanthemums':
    case 'otherFlowers':
      return { supplier: 'wholesale', packKind: 'bunch', packSize: 10 };
    case 'greenery':
      return p.unit === 'bunch' ? { supplier: 'greenery', packKind: 'box', packSize: 5 } : { supplier: 'greenery', packKind: 'bunch', packSize: 10 };
    case 'packaging':
      // paper and ribbon by the metre come in rolls; the rest in boxes
      return p.unit === 'metre' ? { supplier: 'packaging', packKind: 'pack', packSize: 50 } : { supplier: 'packaging', packKind: 'box', packSize: 20 };
    case 'accessories':
      return { supplier: 'packaging', packKind: 'box', packSize: 10 };
    default:
      return null;
  }
}

const DAY_MS = 86_400_000;

export interface DemoSuppliers {
  ids: Record<SupplierKey, string>;
  packed: { item: OpeningItem; supplier: SupplierKey; packSize: number }[];
}

/** The demo's suppliers with their packs, each product's usual supplier among them. */
export function seedSuppliersDemo(ctx: CallContext, opts: { shopId: string; language: Language; items: readonly OpeningItem[] }): DemoSuppliers {
  const at = ctx.now().toISOString();
  const insertSupplier = statement(
    ctx.db,
    `INSERT INTO suppliers (id, shop_id, name, phone, note, lead_days, archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const ids = {} as Record<SupplierKey, string>;
  for (const s of SUPPLIERS) {
    ids[s.key] = ctx.newId();
    insertSupplier.run(ids[s.key], opts.shopId, s.names[opts.language], s.phone[opts.language], s.note?.[opts.language] ?? null, s.leadDays, at, at);
  }

  const insertPack = statement(ctx.db, 'INSERT INTO supplier_products (supplier_id, product_id, pack_kind, pack_size) VALUES (?, ?, ?, ?)');
  const setUsual = statement(ctx.db, 'UPDATE products SET supplier_id = ? WHERE id = ? AND supplier_id IS NULL');
  const packed: { item: OpeningItem; supplier: SupplierKey; packSize: number }[] = [];
  for (const item of opts.items) {
    const pack = packFor(item.product);
    if (!pack) continue;
    insertPack.run(ids[pack.supplier], item.productId, pack.packKind, pack.packSize);
    setUsual.run(ids[pack.supplier], item.productId);
    packed.push({ item, supplier: pack.supplier, packSize: pack.packSize });
  }
  return { ids, packed };
}

/**
 * Yesterday's and this morning's deliveries, as the florist would have posted them. After any past
 * days' history, so that they are the newest arrivals by number as by date.
 */
export function seedDeliveriesDemo(ctx: CallContext, opts: { shopId: string }, { ids, packed }: DemoSuppliers): void {
  // Two deliveries, as the florist would have posted them: packs at the supplier's price per pack
  // (the opening lot's cost per stem × pack size).
  const owner = statement(ctx.db, "SELECT id FROM users WHERE shop_id = ? AND role = 'owner' ORDER BY created_at LIMIT 1").pluck().get(opts.shopId) as
    | string
    | undefined;
  if (!owner) return;
  const lastCost = statement(ctx.db, 'SELECT unit_cost FROM lots WHERE product_id = ? ORDER BY arrived_at DESC, id DESC LIMIT 1').pluck();
  const today = Math.floor(ctx.now().getTime() / DAY_MS) * DAY_MS;
  const deliveries: { supplier: SupplierKey; arrivedAt: number; count: number; packs: number; invoiceNo: string }[] = [
    { supplier: 'importer', arrivedAt: today - DAY_MS + 5 * 3_600_000, count: 4, packs: 2, invoiceNo: 'FI-0412' },
    { supplier: 'greenery', arrivedAt: Math.min(today + 5.5 * 3_600_000, ctx.now().getTime()), count: 3, packs: 1, invoiceNo: 'GG-118' },
  ];
  for (const d of deliveries) {
    const lines = packed
      .filter((p) => p.supplier === d.supplier)
      .slice(0, d.count)
      .map((p) => ({
        productId: p.item.productId,
        packs: d.packs,
        packSize: p.packSize,
        packCost: ((lastCost.get(p.item.productId) as number | undefined) ?? 0) * p.packSize,
      }));
    if (lines.length === 0) continue;
    postArrival(ctx, { supplierId: ids[d.supplier], invoiceNo: d.invoiceNo, arrivedAt: new Date(d.arrivedAt).toISOString(), lines }, { postedBy: owner });
  }
}
