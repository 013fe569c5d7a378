import type { ColourCode } from '../catalog/colours';
import type { ProductKind, Unit } from '../catalog/products';
import { colourNames, compose, lengthNames, type Names, type RuGender } from './names';

/**
 * The demo florist's catalogue, and the vocabulary the benchmark generator builds from.
 * Written the way a shop in Tbilisi, Almaty or Tashkent writes its price list: noun first,
 * then origin, variety (kept in Latin, as growers print it), colour and stem length.
 * Prices are in Georgian tetri; `demoPrice` converts them for the shop's currency.
 */

export type CategoryKey =
  | 'flowers'
  | 'roses'
  | 'tulips'
  | 'chrysanthemums'
  | 'otherFlowers'
  | 'greenery'
  | 'packaging'
  | 'accessories'
  | 'plants'
  | 'bouquets'
  | 'services';

export interface DemoCategory {
  key: CategoryKey;
  parent?: CategoryKey;
  sort: number;
  names: Names;
}

/** Parents come before their children, so they can be created in this order. */
export const CATEGORIES: readonly DemoCategory[] = [
  { key: 'flowers', sort: 10, names: { en: 'Cut flowers', ru: 'Срезанные цветы', ka: 'მოჭრილი ყვავილები', kk: 'Кесілген гүлдер', uz: 'Kesilgan gullar' } },
  { key: 'roses', parent: 'flowers', sort: 11, names: { en: 'Roses', ru: 'Розы', ka: 'ვარდები', kk: 'Раушандар', uz: 'Atirgullar' } },
  { key: 'tulips', parent: 'flowers', sort: 12, names: { en: 'Tulips', ru: 'Тюльпаны', ka: 'ტიტები', kk: 'Қызғалдақтар', uz: 'Lolalar' } },
  { key: 'chrysanthemums', parent: 'flowers', sort: 13, names: { en: 'Chrysanthemums', ru: 'Хризантемы', ka: 'ქრიზანთემები', kk: 'Хризантемалар', uz: 'Xrizantemalar' } },
  { key: 'otherFlowers', parent: 'flowers', sort: 14, names: { en: 'Other flowers', ru: 'Другие цветы', ka: 'სხვა ყვავილები', kk: 'Басқа гүлдер', uz: 'Boshqa gullar' } },
  { key: 'greenery', sort: 20, names: { en: 'Greenery', ru: 'Зелень', ka: 'სიმწვანე', kk: 'Жасыл өсімдіктер', uz: 'Ko‘katlar' } },
  { key: 'packaging', sort: 30, names: { en: 'Packaging', ru: 'Упаковка', ka: 'შეფუთვა', kk: 'Қаптама', uz: 'Qadoqlash' } },
  { key: 'accessories', sort: 40, names: { en: 'Accessories', ru: 'Аксессуары', ka: 'აქსესუარები', kk: 'Аксессуарлар', uz: 'Aksessuarlar' } },
  { key: 'plants', sort: 50, names: { en: 'Potted plants', ru: 'Комнатные растения', ka: 'ქოთნის მცენარეები', kk: 'Бөлме өсімдіктері', uz: 'Xona o‘simliklari' } },
  { key: 'bouquets', sort: 60, names: { en: 'Ready bouquets', ru: 'Готовые букеты', ka: 'მზა თაიგულები', kk: 'Дайын гүл шоқтары', uz: 'Tayyor guldastalar' } },
  { key: 'services', sort: 70, names: { en: 'Services', ru: 'Услуги', ka: 'მომსახურება', kk: 'Қызметтер', uz: 'Xizmatlar' } },
];

/** [variety or null, colour, stem lengths in cm (none: sold without a length)] */
export type FlowerItem = readonly [variety: string | null, colour: ColourCode, lengths?: readonly number[]];

/** A line of cut flowers as the shop buys it: one noun (with origin), priced per stem by length. */
export interface FlowerLine {
  key: string;
  category: CategoryKey;
  names: Names;
  ruGender: RuGender;
  /** Tetri per stem: one price, or by stem length. */
  price: number | Readonly<Record<number, number>>;
  items: readonly FlowerItem[];
}

const L5 = [50, 60, 70, 80] as const;

export const FLOWER_LINES: readonly FlowerLine[] = [
  {
    key: 'roseEcuador',
    category: 'roses',
    names: { en: 'Rose Ecuador', ru: 'Роза Эквадор', ka: 'ვარდი ეკვადორი', kk: 'Раушан Эквадор', uz: 'Atirgul Ekvador' },
    ruGender: 'f',
    price: { 50: 500, 60: 600, 70: 750, 80: 900 },
    items: [
      ['Freedom', 'red', L5],
      ['Explorer', 'red', L5],
      ['Red Naomi', 'red', [50, 60, 70]],
      ['Avalanche', 'white', L5],
      ['Mondial', 'white', [50, 60, 70]],
      ['Pink Floyd', 'pink', L5],
      ['Sweetness', 'cream', [50, 60]],
      ['Brighton', 'yellow', [50, 60]],
      ['Country Blues', 'lilac', [50, 60]],
      ['Deep Purple', 'purple', [50, 60]],
      ['Peach Avalanche', 'peach', [50, 60, 70]],
      ['Orange Crush', 'orange', [50, 60]],
      ['Tacazzi', 'burgundy', [50, 60, 70]],
    ],
  },
  {
    key: 'roseKenya',
    category: 'roses',
    names: { en: 'Rose Kenya', ru: 'Роза Кения', ka: 'ვარდი კენია', kk: 'Раушан Кения', uz: 'Atirgul Keniya' },
    ruGender: 'f',
    price: { 40: 300, 50: 350 },
    items: [
      ['Athena', 'white', [40, 50]],
      ['Red Calypso', 'red', [40, 50]],
      ['Jumilia', 'pink', [40, 50]],
      ['Penny Lane', 'yellow', [40, 50]],
      ['Sweet Avalanche', 'pink', [40, 50]],
    ],
  },
  {
    key: 'roseLocal',
    category: 'roses',
    names: { en: 'Local rose', ru: 'Роза местная', ka: 'ადგილობრივი ვარდი', kk: 'Жергілікті раушан', uz: 'Mahalliy atirgul' },
    ruGender: 'f',
    price: { 40: 250, 50: 300, 60: 350 },
    items: [
      [null, 'red', [40, 50, 60]],
      [null, 'white', [40, 50, 60]],
      [null, 'pink', [40, 50, 60]],
      [null, 'yellow', [40, 50]],
      [null, 'burgundy', [40, 50]],
    ],
  },
  {
    key: 'sprayRose',
    category: 'roses',
    names: { en: 'Spray rose', ru: 'Роза кустовая', ka: 'ბუჩქოვანი ვარდი', kk: 'Бұталы раушан', uz: 'Butali atirgul' },
    ruGender: 'f',
    price: { 40: 650, 50: 700 },
    items: [
      ['Lydia', 'pink', [50]],
      ['Snowflake', 'white', [50]],
      ['Mimi Eden', 'pink', [50]],
      ['Yellow Babe', 'yellow', [50]],
      ['Rubicon', 'red', [50]],
      ['Bombastic', 'cream', [40]],
    ],
  },
  {
    key: 'tulip',
    category: 'tulips',
    names: { en: 'Tulip', ru: 'Тюльпан', ka: 'ტიტა', kk: 'Қызғалдақ', uz: 'Lola' },
    ruGender: 'm',
    price: 400,
    items: [
      ['Strong Gold', 'yellow'],
      ['Ile de France', 'red'],
      ['White Dream', 'white'],
      ['Barcelona', 'pink'],
      ['Purple Prince', 'purple'],
      ['Orange Princess', 'orange'],
      [null, 'mixed'],
    ],
  },
  {
    key: 'chrysanthemum',
    category: 'chrysanthemums',
    names: { en: 'Chrysanthemum', ru: 'Хризантема', ka: 'ქრიზანთემა', kk: 'Хризантема', uz: 'Xrizantema' },
    ruGender: 'f',
    price: 600,
    items: [
      ['Antonov', 'white', [70]],
      ['Zembla', 'green', [70]],
      ['Zembla', 'yellow', [70]],
      ['Tom Pearce', 'orange', [70]],
    ],
  },
  {
    key: 'sprayChrysanthemum',
    category: 'chrysanthemums',
    names: { en: 'Spray chrysanthemum', ru: 'Хризантема кустовая', ka: 'ბუჩქოვანი ქრიზანთემა', kk: 'Бұталы хризантема', uz: 'Butali xrizantema' },
    ruGender: 'f',
    price: { 60: 800, 70: 900 },
    items: [
      ['Bacardi', 'white', [70]],
      ['Santini', 'mixed', [60]],
      ['Santini', 'yellow', [60]],
      ['Baltica', 'white', [70]],
      ['Baltica', 'pink', [70]],
      ['Grand Orange', 'orange', [70]],
    ],
  },
  {
    key: 'lisianthus',
    category: 'otherFlowers',
    names: { en: 'Lisianthus', ru: 'Эустома', ka: 'ეუსტომა', kk: 'Эустома', uz: 'Eustoma' },
    ruGender: 'f',
    price: 800,
    items: [
      ['Rosita', 'white'],
      ['Rosita', 'pink'],
      ['Rosita', 'lilac'],
      [null, 'purple'],
      [null, 'cream'],
      [null, 'green'],
    ],
  },
  {
    key: 'alstroemeria',
    category: 'otherFlowers',
    names: { en: 'Alstroemeria', ru: 'Альстромерия', ka: 'ალსტრომერია', kk: 'Альстромерия', uz: 'Alstromeriya' },
    ruGender: 'f',
    price: 500,
    items: [
      [null, 'white'],
      [null, 'pink'],
      [null, 'yellow'],
      [null, 'orange'],
      [null, 'lilac'],
      [null, 'mixed'],
    ],
  },
  {
    key: 'carnation',
    category: 'otherFlowers',
    names: { en: 'Carnation', ru: 'Гвоздика', ka: 'მიხაკი', kk: 'Қалампыр', uz: 'Chinnigul' },
    ruGender: 'f',
    price: 300,
    items: [
      [null, 'red', [60]],
      [null, 'white', [60]],
      [null, 'pink', [60]],
      ['Moonlight', 'cream', [60]],
      [null, 'burgundy', [60]],
    ],
  },
  {
    key: 'sprayCarnation',
    category: 'otherFlowers',
    names: { en: 'Spray carnation', ru: 'Гвоздика кустовая', ka: 'ბუჩქოვანი მიხაკი', kk: 'Бұталы қалампыр', uz: 'Butali chinnigul' },
    ruGender: 'f',
    price: 500,
    items: [
      [null, 'pink'],
      [null, 'white'],
      [null, 'mixed'],
    ],
  },
  {
    key: 'gerbera',
    category: 'otherFlowers',
    names: { en: 'Gerbera', ru: 'Гербера', ka: 'გერბერა', kk: 'Гербера', uz: 'Gerbera' },
    ruGender: 'f',
    price: 400,
    items: [
      [null, 'red'],
      [null, 'pink'],
      [null, 'orange'],
      [null, 'yellow'],
      [null, 'white'],
    ],
  },
  {
    key: 'miniGerbera',
    category: 'otherFlowers',
    names: { en: 'Mini gerbera', ru: 'Гербера мини', ka: 'მინი გერბერა', kk: 'Шағын гербера', uz: 'Mini gerbera' },
    ruGender: 'f',
    price: 300,
    items: [
      [null, 'pink'],
      [null, 'yellow'],
    ],
  },
  {
    key: 'hydrangea',
    category: 'otherFlowers',
    names: { en: 'Hydrangea', ru: 'Гортензия', ka: 'ჰორტენზია', kk: 'Гортензия', uz: 'Gortenziya' },
    ruGender: 'f',
    price: 1800,
    items: [
      [null, 'white'],
      [null, 'blue'],
      [null, 'pink'],
      [null, 'green'],
    ],
  },
  {
    key: 'peony',
    category: 'otherFlowers',
    names: { en: 'Peony', ru: 'Пион', ka: 'პიონი', kk: 'Пион', uz: 'Pion' },
    ruGender: 'm',
    price: 1200,
    items: [
      ['Sarah Bernhardt', 'pink'],
      ['Duchesse de Nemours', 'white'],
      ['Red Charm', 'red'],
      ['Coral Charm', 'peach'],
    ],
  },
  {
    key: 'lily',
    category: 'otherFlowers',
    names: { en: 'Lily', ru: 'Лилия', ka: 'შროშანი', kk: 'Лалагүл', uz: 'Liliya' },
    ruGender: 'f',
    price: 1200,
    items: [
      ['Siberia', 'white'],
      ['Sorbonne', 'pink'],
      ['Yelloween', 'yellow'],
      ['Tresor', 'orange'],
    ],
  },
  {
    key: 'iris',
    category: 'otherFlowers',
    names: { en: 'Iris', ru: 'Ирис', ka: 'ზამბახი', kk: 'Ирис', uz: 'Iris' },
    ruGender: 'm',
    price: 400,
    items: [
      ['Blue Magic', 'blue'],
      [null, 'white'],
    ],
  },
  {
    key: 'gypsophila',
    category: 'otherFlowers',
    names: { en: 'Gypsophila', ru: 'Гипсофила', ka: 'გიფსოფილა', kk: 'Гипсофила', uz: 'Gipsofila' },
    ruGender: 'f',
    price: 1000,
    items: [
      ['Xlence', 'white'],
      [null, 'pink'],
    ],
  },
  {
    key: 'freesia',
    category: 'otherFlowers',
    names: { en: 'Freesia', ru: 'Фрезия', ka: 'ფრეზია', kk: 'Фрезия', uz: 'Freziya' },
    ruGender: 'f',
    price: 500,
    items: [
      [null, 'white'],
      [null, 'yellow'],
      [null, 'lilac'],
      [null, 'mixed'],
    ],
  },
  {
    key: 'ranunculus',
    category: 'otherFlowers',
    names: { en: 'Ranunculus', ru: 'Ранункулюс', ka: 'რანუნკულუსი', kk: 'Ранункулюс', uz: 'Ranunkulyus' },
    ruGender: 'm',
    price: 700,
    items: [
      [null, 'pink'],
      [null, 'white'],
      [null, 'orange'],
      [null, 'peach'],
      [null, 'burgundy'],
    ],
  },
  {
    key: 'calla',
    category: 'otherFlowers',
    names: { en: 'Calla', ru: 'Калла', ka: 'კალა', kk: 'Калла', uz: 'Kalla' },
    ruGender: 'f',
    price: 900,
    items: [
      [null, 'white'],
      [null, 'burgundy'],
    ],
  },
];

/** The price list's way of naming a stem: "Rose Ecuador Freedom red 60 cm", "ვარდი ეკვადორი Freedom წითელი 60 სმ". */
export function flowerNames(line: FlowerLine, variety: string | null, colour: ColourCode, lengthCm: number | null): Names {
  return compose([line.names, variety, colourNames(colour, line.ruGender), lengthCm === null ? null : lengthNames(lengthCm)]);
}

/** Tetri per stem of a line at a length; lengths between listed ones take the next shorter price. */
export function flowerPrice(line: FlowerLine, lengthCm: number | null): number {
  if (typeof line.price === 'number') return line.price;
  const lengths = Object.keys(line.price).map(Number).sort((a, b) => a - b);
  const shortest = lengths[0] ?? 0;
  const at = lengthCm === null ? shortest : lengths.filter((l) => l <= lengthCm).pop() ?? shortest;
  return line.price[at] ?? 0;
}


/** How a product is scanned: a packaged good's printed EAN-13, an in-shop label, or nothing (services). */
export type BarcodeKind = 'ean13' | 'internal' | 'none';

export interface DemoProduct {
  kind: ProductKind;
  category: CategoryKey;
  names: Names;
  variety?: string;
  colour?: ColourCode;
  stemLengthCm?: number;
  unit: Unit;
  /** Georgian tetri; 0 only for free services. */
  priceTetri: number;
  barcode: BarcodeKind;
}

interface Simple {
  names: Names;
  price: number;
  variety?: string;
  colour?: ColourCode;
}

const GREENERY: readonly (Simple & { unit: Unit })[] = [
  { names: { en: 'Eucalyptus Cinerea', ru: 'Эвкалипт Цинерея', ka: 'ევკალიპტი ცინერეა', kk: 'Эвкалипт Цинерея', uz: 'Evkalipt Sinereya' }, variety: 'Cinerea', price: 600, unit: 'stem' },
  { names: { en: 'Eucalyptus Populus', ru: 'Эвкалипт Популус', ka: 'ევკალიპტი პოპულუსი', kk: 'Эвкалипт Популус', uz: 'Evkalipt Populus' }, variety: 'Populus', price: 700, unit: 'stem' },
  { names: { en: 'Eucalyptus Parvifolia', ru: 'Эвкалипт Парвифолия', ka: 'ევკალიპტი პარვიფოლია', kk: 'Эвкалипт Парвифолия', uz: 'Evkalipt Parvifoliya' }, variety: 'Parvifolia', price: 800, unit: 'stem' },
  { names: { en: 'Eucalyptus Baby Blue', ru: 'Эвкалипт Беби Блю', ka: 'ევკალიპტი ბეიბი ბლუ', kk: 'Эвкалипт Бэйби Блю', uz: 'Evkalipt Beybi Blyu' }, variety: 'Baby Blue', price: 700, unit: 'stem' },
  { names: { en: 'Pistacia', ru: 'Фисташка', ka: 'პისტაცია', kk: 'Пистация', uz: 'Pista novdasi' }, price: 400, unit: 'stem' },
  { names: { en: 'Ruscus', ru: 'Рускус', ka: 'რუსკუსი', kk: 'Рускус', uz: 'Ruskus' }, price: 300, unit: 'stem' },
  { names: { en: 'Salal', ru: 'Салал', ka: 'სალალი', kk: 'Салал', uz: 'Salal' }, price: 300, unit: 'stem' },
  { names: { en: 'Aspidistra leaf', ru: 'Аспидистра, лист', ka: 'ასპიდისტრას ფოთოლი', kk: 'Аспидистра жапырағы', uz: 'Aspidistra bargi' }, price: 350, unit: 'piece' },
  { names: { en: 'Monstera leaf', ru: 'Монстера, лист', ka: 'მონსტერას ფოთოლი', kk: 'Монстера жапырағы', uz: 'Monstera bargi' }, price: 600, unit: 'piece' },
  { names: { en: 'Leatherleaf fern', ru: 'Папоротник Румора', ka: 'გვიმრა რუმორა', kk: 'Румора қырыққұлағы', uz: 'Rumora qirqqulog‘i' }, price: 250, unit: 'stem' },
  { names: { en: 'Myrtle', ru: 'Мирт', ka: 'მურტი', kk: 'Мирт', uz: 'Mirt' }, price: 400, unit: 'stem' },
  { names: { en: 'Pittosporum', ru: 'Питтоспорум', ka: 'პიტოსპორუმი', kk: 'Питтоспорум', uz: 'Pittosporum' }, price: 400, unit: 'stem' },
];

const MATTE_FILM: Names = { en: 'Matte film', ru: 'Плёнка матовая', ka: 'მქრქალი ფირი', kk: 'Күңгірт үлдір', uz: 'Matoviy plyonka' };
const SATIN_RIBBON: Names = { en: 'Satin ribbon', ru: 'Лента атласная', ka: 'ატლასის ლენტი', kk: 'Атлас лента', uz: 'Atlas lenta' };

const PACKAGING: readonly (Simple & { unit: Unit })[] = [
  { names: { en: 'Kraft paper', ru: 'Крафт-бумага', ka: 'კრაფტ ქაღალდი', kk: 'Крафт қағаз', uz: 'Kraft qog‘oz' }, price: 300, unit: 'metre' },
  { names: { en: 'Clear film', ru: 'Плёнка прозрачная', ka: 'გამჭვირვალე ფირი', kk: 'Мөлдір үлдір', uz: 'Shaffof plyonka' }, price: 250, unit: 'metre' },
  ...(['white', 'pink', 'cream', 'peach', 'lilac'] as const).map((colour) => ({
    names: compose([MATTE_FILM, colourNames(colour, 'f')]),
    colour,
    price: 400,
    unit: 'metre' as const,
  })),
  { names: { en: 'Tissue paper', ru: 'Бумага тишью', ka: 'ტიშუ ქაღალდი', kk: 'Тишью қағазы', uz: 'Tishyu qog‘ozi' }, price: 150, unit: 'piece' },
  ...(
    [
      ['S', 1500],
      ['M', 2200],
      ['L', 3000],
    ] as const
  ).map(([size, price]) => ({
    names: compose([{ en: 'Round hat box', ru: 'Шляпная коробка круглая', ka: 'მრგვალი ყუთი', kk: 'Дөңгелек қорап', uz: 'Dumaloq quti' }, size]),
    price,
    unit: 'piece' as const,
  })),
  { names: { en: 'Heart-shaped box', ru: 'Коробка-сердце', ka: 'გულის ფორმის ყუთი', kk: 'Жүрек пішінді қорап', uz: 'Yurak shaklidagi quti' }, price: 2800, unit: 'piece' },
  { names: { en: 'Wicker basket S', ru: 'Корзина плетёная S', ka: 'წნული კალათა S', kk: 'Тоқыма себет S', uz: 'To‘qima savat S' }, price: 1800, unit: 'piece' },
  { names: { en: 'Wicker basket M', ru: 'Корзина плетёная M', ka: 'წნული კალათა M', kk: 'Тоқыма себет M', uz: 'To‘qima savat M' }, price: 2800, unit: 'piece' },
  { names: { en: 'Gift bag', ru: 'Подарочный пакет', ka: 'სასაჩუქრე პარკი', kk: 'Сыйлық пакеті', uz: 'Sovg‘a paketi' }, price: 700, unit: 'piece' },
];

const ACCESSORIES: readonly (Simple & { unit: Unit })[] = [
  ...(['red', 'white', 'pink', 'burgundy', 'cream', 'lilac', 'green'] as const).map((colour) => ({
    names: compose([SATIN_RIBBON, colourNames(colour, 'f')]),
    colour,
    price: 150,
    unit: 'metre' as const,
  })),
  { names: { en: 'Floral foam brick', ru: 'Флористическая губка, кирпич', ka: 'ფლორისტული ღრუბელი', kk: 'Флористикалық губка', uz: 'Floristik gubka' }, variety: 'Oasis', price: 600, unit: 'piece' },
  { names: { en: 'Greeting card', ru: 'Открытка', ka: 'მისალოცი ბარათი', kk: 'Құттықтау ашықхаты', uz: 'Tabriknoma' }, price: 300, unit: 'piece' },
  { names: { en: 'Mini card', ru: 'Мини-открытка', ka: 'მინი ბარათი', kk: 'Шағын ашықхат', uz: 'Mini tabriknoma' }, price: 100, unit: 'piece' },
  { names: { en: 'Birthday card', ru: 'Открытка «С днём рождения»', ka: 'დაბადების დღის ბარათი', kk: 'Туған күн ашықхаты', uz: 'Tug‘ilgan kun tabriknomasi' }, price: 400, unit: 'piece' },
  { names: { en: 'Flower water tube', ru: 'Колба для цветка', ka: 'კოლბა ყვავილისთვის', kk: 'Гүлге арналған колба', uz: 'Gul uchun kolba' }, price: 50, unit: 'piece' },
  { names: { en: 'Flower food sachet', ru: 'Подкормка для цветов, пакетик', ka: 'ყვავილის საკვები, პაკეტი', kk: 'Гүл қоректендіргіші, пакет', uz: 'Gullar uchun oziqa, paket' }, variety: 'Chrysal', price: 50, unit: 'piece' },
  { names: { en: 'Glass vase', ru: 'Ваза стеклянная', ka: 'მინის ლარნაკი', kk: 'Шыны ваза', uz: 'Shisha guldon' }, price: 2500, unit: 'piece' },
];

const PLANTS: readonly Simple[] = [
  ...(
    [
      ['white', 4500],
      ['pink', 4500],
      ['purple', 4800],
    ] as const
  ).map(([colour, price]) => {
    const c = colourNames(colour, 'f');
    return {
      names: {
        en: `Orchid Phalaenopsis ${c.en}, 2 stems`,
        ru: `Орхидея Фаленопсис ${c.ru}, 2 ствола`,
        ka: `ორქიდეა ფალენოფსისი ${c.ka}, 2 ღერო`,
        kk: `Орхидея Фаленопсис ${c.kk}, 2 сабақ`,
        uz: `Orxideya Falenopsis ${c.uz}, 2 poya`,
      },
      variety: 'Phalaenopsis',
      colour,
      price,
    };
  }),
  { names: { en: 'Spathiphyllum', ru: 'Спатифиллум', ka: 'სპათიფილუმი', kk: 'Спатифиллум', uz: 'Spatifillum' }, price: 3500 },
  { names: { en: 'Ficus Benjamina', ru: 'Фикус Бенджамина', ka: 'ფიკუსი ბენჯამინა', kk: 'Бенджамин фикусы', uz: 'Fikus Benjamina' }, price: 5500 },
  { names: { en: 'Rubber plant (Ficus elastica)', ru: 'Фикус каучуконосный', ka: 'ფიკუსი ელასტიკა', kk: 'Каучукты фикус', uz: 'Fikus elastika' }, price: 5000 },
  { names: { en: 'Succulent in a small pot', ru: 'Суккулент в горшочке', ka: 'სუკულენტი პატარა ქოთანში', kk: 'Кішкентай құмырадағы суккулент', uz: 'Kichik tuvakdagi sukkulent' }, price: 1200 },
  { names: { en: 'Cactus', ru: 'Кактус', ka: 'კაქტუსი', kk: 'Кактус', uz: 'Kaktus' }, price: 1000 },
  { names: { en: 'ZZ plant (Zamioculcas)', ru: 'Замиокулькас', ka: 'ზამიოკულკასი', kk: 'Замиокулькас', uz: 'Zamiokulkas' }, price: 6000 },
  { names: { en: 'Snake plant (Sansevieria)', ru: 'Сансевиерия', ka: 'სანსევიერია', kk: 'Сансевиерия', uz: 'Sansevieriya' }, price: 4000 },
  { names: { en: 'Anthurium red', ru: 'Антуриум красный', ka: 'ანთურიუმი წითელი', kk: 'Антуриум қызыл', uz: 'Anturium qizil' }, colour: 'red', price: 5500 },
  { names: { en: 'Kalanchoe', ru: 'Каланхоэ', ka: 'კალანხოე', kk: 'Каланхоэ', uz: 'Kalanxoe' }, price: 1800 },
  { names: { en: 'Monstera deliciosa', ru: 'Монстера', ka: 'მონსტერა', kk: 'Монстера', uz: 'Monstera' }, price: 7500 },
];

const BOUQUETS: readonly Simple[] = [
  { names: { en: 'Bouquet of 11 red roses', ru: 'Букет из 11 красных роз', ka: 'თაიგული 11 წითელი ვარდით', kk: '11 қызыл раушаннан гүл шоғы', uz: '11 ta qizil atirguldan guldasta' }, colour: 'red', price: 8000 },
  { names: { en: 'Bouquet of 25 red roses', ru: 'Букет из 25 красных роз', ka: 'თაიგული 25 წითელი ვარდით', kk: '25 қызыл раушаннан гүл шоғы', uz: '25 ta qizil atirguldan guldasta' }, colour: 'red', price: 17500 },
  { names: { en: 'Bouquet of 51 red roses', ru: 'Букет из 51 красной розы', ka: 'თაიგული 51 წითელი ვარდით', kk: '51 қызыл раушаннан гүл шоғы', uz: '51 ta qizil atirguldan guldasta' }, colour: 'red', price: 33000 },
  { names: { en: 'Bouquet of 101 red roses', ru: 'Букет из 101 красной розы', ka: 'თაიგული 101 წითელი ვარდით', kk: '101 қызыл раушаннан гүл шоғы', uz: '101 ta qizil atirguldan guldasta' }, colour: 'red', price: 62000 },
  { names: { en: 'Hat box with 15 pink roses', ru: 'Коробка с 15 розовыми розами', ka: 'ყუთი 15 ვარდისფერი ვარდით', kk: '15 қызғылт раушан салынған қорап', uz: '15 ta pushti atirgulli quti' }, colour: 'pink', price: 15000 },
  { names: { en: 'Bouquet of 15 tulips', ru: 'Букет из 15 тюльпанов', ka: 'თაიგული 15 ტიტით', kk: '15 қызғалдақтан гүл шоғы', uz: '15 ta loladan guldasta' }, colour: 'mixed', price: 7000 },
  { names: { en: 'Bouquet of 9 peonies', ru: 'Букет из 9 пионов', ka: 'თაიგული 9 პიონით', kk: '9 пионнан гүл шоғы', uz: '9 ta piondan guldasta' }, colour: 'pink', price: 14000 },
  ...(
    [
      ['S', 6000],
      ['M', 9000],
      ['L', 14000],
    ] as const
  ).map(([size, price]) => ({
    names: compose([{ en: "Florist's choice bouquet", ru: 'Букет на вкус флориста', ka: 'თაიგული ფლორისტის გემოვნებით', kk: 'Флорист таңдаған гүл шоғы', uz: 'Florist tanlagan guldasta' }, size]),
    price,
  })),
  { names: { en: 'Bridal bouquet', ru: 'Свадебный букет', ka: 'პატარძლის თაიგული', kk: 'Қалыңдық гүл шоғы', uz: 'Kelin guldastasi' }, colour: 'white', price: 25000 },
  { names: { en: 'Flower basket arrangement', ru: 'Корзина с цветами', ka: 'ყვავილების კალათა', kk: 'Гүл себеті', uz: 'Gulli savat' }, colour: 'mixed', price: 18000 },
];

const SERVICES: readonly Simple[] = [
  { names: { en: 'Delivery, zone 1 (centre)', ru: 'Доставка, зона 1 (центр)', ka: 'მიტანა, ზონა 1 (ცენტრი)', kk: 'Жеткізу, 1-аймақ (орталық)', uz: 'Yetkazib berish, 1-zona (markaz)' }, price: 1000 },
  { names: { en: 'Delivery, zone 2 (city)', ru: 'Доставка, зона 2 (город)', ka: 'მიტანა, ზონა 2 (ქალაქი)', kk: 'Жеткізу, 2-аймақ (қала)', uz: 'Yetkazib berish, 2-zona (shahar)' }, price: 1500 },
  { names: { en: 'Delivery, zone 3 (suburbs)', ru: 'Доставка, зона 3 (пригород)', ka: 'მიტანა, ზონა 3 (გარეუბანი)', kk: 'Жеткізу, 3-аймақ (қала маңы)', uz: 'Yetkazib berish, 3-zona (shahar atrofi)' }, price: 2500 },
  { names: { en: 'Express delivery within 2 hours', ru: 'Срочная доставка за 2 часа', ka: 'ექსპრეს მიტანა 2 საათში', kk: '2 сағатта жедел жеткізу', uz: '2 soatda tezkor yetkazib berish' }, price: 3000 },
  { names: { en: 'Bouquet assembly', ru: 'Сборка букета', ka: 'თაიგულის აწყობა', kk: 'Гүл шоғын жинау', uz: 'Guldasta yig‘ish' }, price: 500 },
  { names: { en: 'Gift wrapping', ru: 'Подарочная упаковка', ka: 'სასაჩუქრე შეფუთვა', kk: 'Сыйлық орау', uz: 'Sovg‘a qadoqlash' }, price: 800 },
  { names: { en: 'Card writing', ru: 'Подпись открытки', ka: 'ბარათის წარწერა', kk: 'Ашықхатқа жазу', uz: 'Tabriknomaga yozish' }, price: 0 },
  { names: { en: 'Photo of the bouquet before delivery', ru: 'Фото букета перед доставкой', ka: 'თაიგულის ფოტო მიტანამდე', kk: 'Жеткізер алдында гүл шоғының суреті', uz: 'Yetkazishdan oldin guldasta surati' }, price: 0 },
];

function simple(kind: ProductKind, category: CategoryKey, unit: Unit, barcode: BarcodeKind, s: Simple): DemoProduct {
  return {
    kind,
    category,
    names: s.names,
    unit,
    priceTetri: s.price,
    barcode,
    ...(s.variety ? { variety: s.variety } : {}),
    ...(s.colour ? { colour: s.colour } : {}),
  };
}

function cutFlowers(): DemoProduct[] {
  const out: DemoProduct[] = [];
  for (const line of FLOWER_LINES) {
    for (const [variety, colour, lengths] of line.items) {
      for (const length of lengths ?? [null]) {
        out.push({
          kind: 'cut_flower',
          category: line.category,
          names: flowerNames(line, variety, colour, length),
          ...(variety ? { variety } : {}),
          colour,
          ...(length === null ? {} : { stemLengthCm: length }),
          unit: 'stem',
          priceTetri: flowerPrice(line, length),
          barcode: 'internal',
        });
      }
    }
  }
  return out;
}

/** The whole demo catalogue, in the order it is created (and shown when sorted by nothing). */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  ...cutFlowers(),
  ...GREENERY.map((g) => simple('greenery', 'greenery', g.unit, 'internal', g)),
  ...PACKAGING.map((p) => simple('consumable', 'packaging', p.unit, 'ean13', p)),
  ...ACCESSORIES.map((a) => simple('consumable', 'accessories', a.unit, 'ean13', a)),
  ...PLANTS.map((p) => simple('plant', 'plants', 'pot', 'ean13', p)),
  ...BOUQUETS.map((b) => simple('ready_item', 'bouquets', 'piece', 'internal', b)),
  ...SERVICES.map((s) => simple('service', 'services', 'service', 'none', s)),
];

/** Every variety the catalogue knows, once: the benchmark generator crosses these with every line. */
export const VARIETIES: readonly string[] = [
  ...new Set(FLOWER_LINES.flatMap((l) => l.items.map(([v]) => v).filter((v): v is string => v !== null))),
];

/** Stem lengths florists buy in. */
export const STEM_LENGTHS: readonly number[] = [40, 50, 60, 70, 80];

/**
 * GS1 company prefixes the demo's packaged goods carry (a Georgian packaging wholesaler, a Dutch
 * grower for the plants). Fictional companies, real country prefixes; check digits are computed.
 */
export const DEMO_EAN_PREFIX: Readonly<Record<'consumable' | 'plant', string>> = {
  consumable: '48601234',
  plant: '87190012',
};
