import type { CallContext } from '../api/define';
import type { Currency, Language } from '../api/schemas';
import { gtinCheckDigit, nextInternalBarcode } from '../catalog/barcode';
import { createCategory, createProduct } from '../catalog/products';
import { assertNotSetUp, createShop } from '../shops/setup';
import { seedDemoTiles } from '../sales/tiles';
import { createUser } from '../users/accounts';
import type { Role } from '../users/permissions';
import { CATEGORIES, DEMO_EAN_PREFIX, DEMO_PRODUCTS, type CategoryKey, type DemoProduct } from './catalog-data';
import { insertDemoClient, type DemoClient } from './clients';
import { demoPrice } from './prices';
import { seedOpeningStock, type OpeningItem } from './stock';
import { seedDeliveriesDemo, seedSuppliersDemo } from './arrivals';
import { seedFreshnessDemo } from './freshness';
import { seedRecipesDemo } from './recipes';
import { seedAssemblyDemo } from './assembly';
import { seedWriteoffsDemo } from './writeoffs';
import { seedSalesHistoryDemo } from './history';
import type { Names } from './names';

export const DEMO_SHOP_NAME = 'Posy Demo Flowers';

export interface DemoUser {
  role: Role;
  /** The person's name in the demo shop of each language (a Tbilisi shop for en and ka). */
  names: Names;
  pin?: string;
  password?: string;
}

/**
 * One user per role, with the credentials the README lists and the e2e tests sign in with.
 * Owner and manager sign in with a password, the others with a PIN on the quick user picker.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    role: 'owner',
    password: 'posy-owner-1',
    names: { en: 'Nino Beridze', ka: 'ნინო ბერიძე', kk: 'Айгерім Сапарова', uz: 'Dilnoza Karimova', ru: 'Елена Смирнова' },
  },
  {
    role: 'manager',
    password: 'posy-manager-1',
    names: { en: 'Giorgi Kapanadze', ka: 'გიორგი კაპანაძე', kk: 'Ерлан Жақсыбеков', uz: 'Jasur Toshmatov', ru: 'Андрей Волков' },
  },
  {
    role: 'cashier',
    pin: '1111',
    names: { en: 'Mariam Lomidze', ka: 'მარიამ ლომიძე', kk: 'Мадина Әбенова', uz: 'Madina Yusupova', ru: 'Ольга Кузнецова' },
  },
  {
    role: 'florist',
    pin: '2222',
    names: { en: 'Ana Gelashvili', ka: 'ანა გელაშვილი', kk: 'Әсем Нұрланқызы', uz: 'Nigora Rahimova', ru: 'Анна Морозова' },
  },
  {
    role: 'courier',
    pin: '3333',
    names: { en: 'Levan Khutsishvili', ka: 'ლევან ხუციშვილი', kk: 'Данияр Оспанов', uz: 'Bekzod Aliyev', ru: 'Дмитрий Соколов' },
  },
];

/** The demo user of a role; every role has exactly one. */
export function demoUser(role: Role): DemoUser {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user for ${role}`);
  return user;
}

interface DemoPlace {
  currency: Currency;
  country: string;
  phone: string;
  address: string;
  clients: readonly DemoClient[];
}

const TBILISI_PHONE = '+995 32 224 15 30';

/**
 * Where the demo shop is, by the language chosen at first start: Georgian and English open a
 * Tbilisi shop in lari, Kazakh an Almaty shop in tenge, Uzbek a Tashkent shop in so'm, Russian a
 * Moscow shop in roubles. Clients are the kind of regulars such a shop has, with local mobiles.
 */
const PLACES: Record<Language, DemoPlace> = {
  ka: {
    currency: 'GEL',
    country: 'GE',
    phone: TBILISI_PHONE,
    address: 'ილია ჭავჭავაძის გამზ. 37, ვაკე, თბილისი',
    clients: [
      { name: 'თამარ ჯაფარიძე', phone: '+995599123456', discountBp: 1000, note: 'უყვარს თეთრი ვარდები' },
      { name: 'დავით მეგრელიშვილი', phone: '+995577234567', discountBp: 500, note: 'კორპორატიული კლიენტი, ოფისში ყოველ ორშაბათს' },
      { name: 'ეკა წერეთელი', phone: '+995551345678', email: 'eka.tsereteli@example.ge' },
      { name: 'ლაშა ბაქრაძე', phone: '+995595456789', discountBp: 500 },
      { name: 'სალომე ქავთარაძე', phone: '+995568567890', note: 'ალერგია შროშანზე' },
      { name: 'ირაკლი ნოზაძე', phone: '+995593678901' },
    ],
  },
  en: {
    currency: 'GEL',
    country: 'GE',
    phone: TBILISI_PHONE,
    address: '37 Ilia Chavchavadze Ave, Vake, Tbilisi',
    clients: [
      { name: 'Tamar Japaridze', phone: '+995599123456', discountBp: 1000, note: 'Loves white roses' },
      { name: 'Davit Megrelishvili', phone: '+995577234567', discountBp: 500, note: 'Corporate client: office flowers every Monday' },
      { name: 'Eka Tsereteli', phone: '+995551345678', email: 'eka.tsereteli@example.ge' },
      { name: 'Lasha Bakradze', phone: '+995595456789', discountBp: 500 },
      { name: 'Salome Kavtaradze', phone: '+995568567890', note: 'Allergic to lilies' },
      { name: 'Irakli Nozadze', phone: '+995593678901' },
    ],
  },
  kk: {
    currency: 'KZT',
    country: 'KZ',
    phone: '+7 727 250 14 30',
    address: 'Алматы қ., Абай даңғылы, 52',
    clients: [
      { name: 'Гүлнар Ахметова', phone: '+77011234567', discountBp: 1000, note: 'Ақ раушандарды ұнатады' },
      { name: 'Нұрсұлтан Бекмұхамедов', phone: '+77072345678', discountBp: 500, note: 'Корпоративтік клиент, әр дүйсенбі кеңсеге гүл' },
      { name: 'Жанар Серікбаева', phone: '+77773456789', email: 'zhanar.s@example.kz' },
      { name: 'Әсел Қасымова', phone: '+77054567890', note: 'Лалагүлге аллергиясы бар' },
      { name: 'Тимур Ибраев', phone: '+77475678901', discountBp: 500 },
      { name: 'Салтанат Жұмабаева', phone: '+77016789012' },
    ],
  },
  uz: {
    currency: 'UZS',
    country: 'UZ',
    phone: '+998 71 233 14 30',
    address: 'Toshkent sh., Amir Temur ko‘chasi, 15',
    clients: [
      { name: 'Gulnora Xasanova', phone: '+998901234567', discountBp: 1000, note: 'Oq atirgullarni yaxshi ko‘radi' },
      { name: 'Sardor Umarov', phone: '+998912345678', discountBp: 500, note: 'Korporativ mijoz, har dushanba ofisga gul' },
      { name: 'Malika Ergasheva', phone: '+998933456789', email: 'malika.e@example.uz' },
      { name: 'Aziz Nazarov', phone: '+998944567890', note: 'Liliyaga allergiyasi bor' },
      { name: 'Shahnoza Qodirova', phone: '+998975678901', discountBp: 500 },
      { name: 'Otabek Mirzayev', phone: '+998996789012' },
    ],
  },
  ru: {
    currency: 'RUB',
    country: 'RU',
    phone: '+7 495 221 14 30',
    address: 'Москва, ул. Покровка, 12',
    clients: [
      { name: 'Екатерина Иванова', phone: '+79161234567', discountBp: 1000, note: 'Любит белые розы' },
      { name: 'Сергей Петров', phone: '+79262345678', discountBp: 500, note: 'Корпоративный клиент, цветы в офис по понедельникам' },
      { name: 'Мария Павлова', phone: '+79033456789', email: 'maria.pavlova@example.ru' },
      { name: 'Алексей Орлов', phone: '+79854567890', note: 'Аллергия на лилии' },
      { name: 'Наталья Козлова', phone: '+79175678901', discountBp: 500 },
      { name: 'Игорь Фёдоров', phone: '+79096789012' },
    ],
  },
};

export function demoCurrency(language: Language): Currency {
  return PLACES[language].currency;
}

/**
 * The demo's categories, by key. An existing top-level/child category with the same English name
 * is reused, so the benchmark generator can add to a demo shop without a second "Roses".
 */
export function ensureDemoCategories(ctx: CallContext): Record<CategoryKey, string> {
  const ids: Partial<Record<CategoryKey, string>> = {};
  const find = ctx.db.prepare(
    `SELECT c.id FROM categories c JOIN category_names n ON n.category_id = c.id AND n.lang = 'en'
      WHERE n.name = ? AND c.parent_id IS ? AND c.archived = 0 LIMIT 1`,
  );
  for (const cat of CATEGORIES) {
    const parentId = cat.parent ? ids[cat.parent] : undefined;
    const existing = find.get(cat.names.en, parentId ?? null) as { id: string } | undefined;
    ids[cat.key] =
      existing?.id ?? createCategory(ctx, { names: cat.names, sort: cat.sort, ...(parentId ? { parentId } : {}) });
  }
  return ids as Record<CategoryKey, string>;
}

/** The printed code of the n-th packaged product of a kind: a fictional company under a real country prefix. */
function demoEan(kind: 'consumable' | 'plant', n: number): string {
  const data = DEMO_EAN_PREFIX[kind] + String(n).padStart(12 - DEMO_EAN_PREFIX[kind].length, '0');
  return data + String(gtinCheckDigit(data));
}

function barcodesFor(ctx: CallContext, p: DemoProduct, counters: { consumable: number; plant: number }): string[] {
  switch (p.barcode) {
    case 'none':
      return [];
    case 'internal':
      return [nextInternalBarcode(ctx.db)];
    case 'ean13': {
      const kind = p.kind === 'plant' ? 'plant' : 'consumable';
      counters[kind] += 1;
      return [demoEan(kind, counters[kind])];
    }
  }
}

/**
 * Opens "Posy Demo Flowers": the shop, one user per role (DEMO_USERS), the catalogue with its
 * opening stock, a few clients, suppliers with two deliveries, ten weeks of past sales (and last
 * year's Valentine's Day and March 8), vase lives and minimum levels, a markdown rule, the pricing
 * rules, bouquet recipes, bouquets already made and a few write-offs. Runs inside the caller's transaction (shops.setup), so a
 * failure leaves an empty database and the first-start screen again.
 */
export function seedDemoShop(ctx: CallContext, opts: { language: Language; history?: boolean }): { shopId: string } {
  assertNotSetUp(ctx);
  const place = PLACES[opts.language];
  const shopId = createShop(ctx, {
    name: DEMO_SHOP_NAME,
    currency: place.currency,
    language: opts.language,
    country: place.country,
    address: place.address,
    phone: place.phone,
  });
  for (const user of DEMO_USERS) {
    createUser(ctx, {
      shopId,
      name: user.names[opts.language],
      role: user.role,
      language: opts.language,
      ...(user.pin !== undefined ? { pin: user.pin } : {}),
      ...(user.password !== undefined ? { password: user.password } : {}),
    });
  }
  const categories = ensureDemoCategories(ctx);
  const counters = { consumable: 0, plant: 0 };
  const opening: OpeningItem[] = [];
  for (const p of DEMO_PRODUCTS) {
    const price = demoPrice(p.priceTetri, place.currency);
    const productId = createProduct(ctx, {
      kind: p.kind,
      names: p.names,
      categoryId: categories[p.category],
      ...(p.variety !== undefined ? { variety: p.variety } : {}),
      ...(p.colour !== undefined ? { colour: p.colour } : {}),
      ...(p.stemLengthCm !== undefined ? { stemLengthCm: p.stemLengthCm } : {}),
      unit: p.unit,
      price,
      barcodes: barcodesFor(ctx, p, counters),
    });
    opening.push({ productId, product: p, price });
  }
  seedOpeningStock(ctx, opening, place.currency);
  for (const client of place.clients) insertDemoClient(ctx, shopId, client);
  seedDemoTiles(ctx, shopId);
  // The flowers side: suppliers and deliveries, vase lives and minimums, pricing rules and recipes.
  const suppliers = seedSuppliersDemo(ctx, { shopId, language: opts.language, items: opening });
  // Before anything else takes stock: past days' sales come from their own deliveries. Only the app's
  // "open the demo shop" asks for them (a second or two of writing); tests count their own sales alone.
  if (opts.history === true) seedSalesHistoryDemo(ctx);
  seedDeliveriesDemo(ctx, { shopId }, suppliers);
  seedFreshnessDemo(ctx);
  seedRecipesDemo(ctx);
  seedAssemblyDemo(ctx);
  seedWriteoffsDemo(ctx);
  return { shopId };
}
