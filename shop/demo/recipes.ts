import type { CallContext } from '../api/define';
import type { Currency, Language } from '../api/schemas';
import { statement } from '../../db/statements';
import { saveRecipe, shopLanguage, shopOf, type RecipeSize } from '../recipes/recipes';
import { defaultPricingRules, shopCurrency, writePricingRules } from '../recipes/rules';
import type { Names } from './names';
import { demoPrice } from './prices';

/**
 * The demo florist's bouquet recipes and pricing rules: five recipes of three sizes made of demo
 * products (found by their English names), named in the shop's language. Prices follow the
 * rules at seeding time, from the opening stock's lot costs. Deterministic: no random source.
 */

/** Assembly fee per size, in tetri (converted like every demo price). */
const FEE_TETRI: Record<RecipeSize, number> = { small: 500, medium: 800, large: 1200 };

interface DemoRecipe {
  names: Names & Record<Language, string>;
  description: Names & Record<Language, string>;
  /** English product name → quantity per size [S, M, L] */
  components: readonly (readonly [string, readonly [number, number, number]])[];
}

const RECIPES: readonly DemoRecipe[] = [
  {
    names: { en: 'Spring mood', ru: 'Весеннее настроение', ka: 'გაზაფხულის განწყობა', kk: 'Көктемгі көңіл-күй', uz: 'Bahorgi kayfiyat' },
    description: {
      en: 'Pink and white tulips with eucalyptus in pink film',
      ru: 'Розовые и белые тюльпаны с эвкалиптом в розовой плёнке',
      ka: 'ვარდისფერი და თეთრი ტიტები ევკალიპტით, ვარდისფერ ფირში',
      kk: 'Эвкалипті қызғылт және ақ қызғалдақтар, қызғылт үлдірде',
      uz: 'Evkaliptli pushti va oq lolalar, pushti plyonkada',
    },
    components: [
      ['Tulip Barcelona pink', [4, 8, 13]],
      ['Tulip White Dream white', [3, 7, 12]],
      ['Eucalyptus Cinerea', [1, 2, 3]],
      ['Matte film pink', [1, 1, 2]],
      ['Satin ribbon pink', [1, 1, 1]],
    ],
  },
  {
    names: { en: 'Classic red roses', ru: 'Классика: красные розы', ka: 'კლასიკა: წითელი ვარდები', kk: 'Классика: қызыл раушандар', uz: 'Klassika: qizil atirgullar' },
    description: {
      en: 'Red roses 60 cm with ruscus in kraft paper (9, 15 or 25 stems)',
      ru: 'Красные розы 60 см с рускусом в крафте (9, 15 или 25 штук)',
      ka: 'წითელი ვარდები 60 სმ რუსკუსით, კრაფტში (9, 15 ან 25 ღერო)',
      kk: 'Рускусы бар 60 см қызыл раушандар, крафтта (9, 15 немесе 25 дана)',
      uz: 'Ruskusli 60 sm qizil atirgullar, kraftda (9, 15 yoki 25 dona)',
    },
    components: [
      ['Rose Ecuador Freedom red 60 cm', [9, 15, 25]],
      ['Ruscus', [2, 3, 5]],
      ['Kraft paper', [1, 1, 2]],
      ['Satin ribbon red', [1, 1, 1]],
    ],
  },
  {
    names: { en: 'Tulip bunch', ru: 'Букет тюльпанов', ka: 'ტიტების თაიგული', kk: 'Қызғалдақ шоғы', uz: 'Lola guldastasi' },
    description: {
      en: 'Yellow and orange tulips in tissue paper',
      ru: 'Жёлтые и оранжевые тюльпаны в бумаге тишью',
      ka: 'ყვითელი და ნარინჯისფერი ტიტები ტიშუ ქაღალდში',
      kk: 'Сары және қызғылт сары қызғалдақтар тишью қағазында',
      uz: 'Sariq va to‘q sariq lolalar tishyu qog‘ozida',
    },
    components: [
      ['Tulip Strong Gold yellow', [5, 8, 13]],
      ['Tulip Orange Princess orange', [4, 7, 12]],
      ['Tissue paper', [1, 2, 3]],
      ['Satin ribbon cream', [1, 1, 1]],
    ],
  },
  {
    names: { en: 'Wedding white', ru: 'Белая свадьба', ka: 'თეთრი ქორწილი', kk: 'Ақ той', uz: 'Oq to‘y' },
    description: {
      en: 'White roses, lisianthus and gypsophila with eucalyptus',
      ru: 'Белые розы, эустома и гипсофила с эвкалиптом',
      ka: 'თეთრი ვარდები, ეუსტომა და გიფსოფილა ევკალიპტით',
      kk: 'Эвкалипті ақ раушандар, эустома және гипсофила',
      uz: 'Evkaliptli oq atirgullar, eustoma va gipsofila',
    },
    components: [
      ['Rose Ecuador Avalanche white 50 cm', [5, 9, 15]],
      ['Lisianthus Rosita white', [2, 3, 5]],
      ['Gypsophila Xlence white', [1, 2, 3]],
      ['Eucalyptus Parvifolia', [1, 2, 3]],
      ['Satin ribbon white', [1, 1, 2]],
    ],
  },
  {
    names: { en: 'Peony cloud', ru: 'Пионовое облако', ka: 'პიონების ღრუბელი', kk: 'Пион бұлты', uz: 'Pion buluti' },
    description: {
      en: 'Pink peonies and ranunculus with pistacia in cream film',
      ru: 'Розовые пионы и ранункулюсы с фисташкой в кремовой плёнке',
      ka: 'ვარდისფერი პიონები და რანუნკულუსები პისტაციით, კრემისფერ ფირში',
      kk: 'Пистациясы бар қызғылт пиондар мен ранункулюстар, крем түсті үлдірде',
      uz: 'Pista novdali pushti pionlar va ranunkulyuslar, krem plyonkada',
    },
    components: [
      ['Peony Sarah Bernhardt pink', [3, 5, 9]],
      ['Ranunculus pink', [2, 4, 6]],
      ['Pistacia', [1, 2, 3]],
      ['Matte film cream', [1, 2, 2]],
      ['Satin ribbon pink', [1, 1, 1]],
    ],
  },
];

const SIZES: readonly RecipeSize[] = ['small', 'medium', 'large'];

/** Rules a florist there would set: the currency's step, a modest fixed addition for the card and water tube. */
const ADDITION_TETRI = 100;
const COUNTER_FEE_TETRI = 500;

function productByEnglishName(ctx: CallContext, name: string): string {
  const productId = statement(
    ctx.db,
    `SELECT p.id FROM products p JOIN product_names n ON n.product_id = p.id AND n.lang = 'en'
      WHERE n.name = ? AND p.archived = 0 ORDER BY p.seq LIMIT 1`,
  ).pluck().get(name) as string | undefined;
  // The demo catalogue and these recipes are written together: a missing product is a programming error.
  if (productId === undefined) throw new Error(`demo recipes: no demo product "${name}"`);
  return productId;
}

function readyBouquetsCategory(ctx: CallContext): string | undefined {
  return statement(
    ctx.db,
    `SELECT c.id FROM categories c JOIN category_names n ON n.category_id = c.id AND n.lang = 'en'
      WHERE n.name = 'Ready bouquets' AND c.archived = 0 LIMIT 1`,
  ).pluck().get() as string | undefined;
}

/**
 * Pricing rules for the demo shop's currency and the demo recipes with their bouquet products.
 * Call after seedDemoShop (it needs the catalogue and the opening stock), in the same transaction.
 */
export function seedRecipesDemo(ctx: CallContext): { recipes: number } {
  const shopId = shopOf(ctx);
  const currency: Currency = shopCurrency(ctx.db, shopId);
  const lang = shopLanguage(ctx.db, shopId);
  const rules = defaultPricingRules(currency);
  rules.fixedAddition = demoPrice(ADDITION_TETRI, currency);
  rules.assemblyFee = demoPrice(COUNTER_FEE_TETRI, currency);
  writePricingRules(ctx.db, shopId, rules, ctx.now().toISOString());
  const categoryId = readyBouquetsCategory(ctx);
  for (const recipe of RECIPES) {
    const components = recipe.components.map(([name, quantities]) => ({ productId: productByEnglishName(ctx, name), quantities }));
    saveRecipe(ctx, {
      name: recipe.names[lang],
      description: recipe.description[lang],
      ...(categoryId ? { categoryId } : {}),
      variants: SIZES.map((size, i) => ({
        size,
        assemblyFee: demoPrice(FEE_TETRI[size], currency),
        components: components.map((c) => ({ productId: c.productId, quantity: c.quantities[i] ?? 1 })),
      })),
    });
  }
  return { recipes: RECIPES.length };
}
