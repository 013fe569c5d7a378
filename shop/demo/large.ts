import type { CallContext } from '../api/define';
import type { Currency } from '../api/schemas';
import { gtinCheckDigit } from '../catalog/barcode';
import { COLOURS } from '../catalog/colours';
import { createProduct } from '../catalog/products';
import { FLOWER_LINES, flowerNames, flowerPrice, STEM_LENGTHS, VARIETIES } from './catalog-data';
import { demoPrice } from './prices';
import { randomInt, seededPermutation, seededRandom } from './random';
import { ensureDemoCategories } from './seed';

export interface LargeCatalogOptions {
  products: number;
  barcodes: number;
  seed: number;
}

/** GS1 prefix of the generated codes (Uzbekistan): apart from the demo's own codes and the shop's 2… labels. */
const LARGE_EAN_PREFIX = '478';
const EAN_BODY = 10 ** 9;

/**
 * Benchmark data: `products` cut-flower products crossing every line of the demo vocabulary with
 * every variety, colour and stem length (names in all five languages, the same way the demo names
 * them), carrying `barcodes` EAN-13 codes between them, spread evenly. The same seed gives the same
 * names, prices and codes; only ids and timestamps differ between runs.
 */
export function generateLargeCatalog(ctx: CallContext, opts: LargeCatalogOptions): { products: number; barcodes: number } {
  const random = seededRandom(opts.seed);
  const currency = shopCurrency(ctx);
  const categories = ensureDemoCategories(ctx);
  const varieties: (string | null)[] = [null, ...VARIETIES];
  const dims = [FLOWER_LINES.length, varieties.length, COLOURS.length, STEM_LENGTHS.length] as const;
  const combos = dims.reduce((a, b) => a * b, 1);
  const pickCombo = seededPermutation(random, combos);
  const pickCode = seededPermutation(random, EAN_BODY);

  let codeIndex = 0;
  const perProduct = Math.floor(opts.barcodes / Math.max(opts.products, 1));
  const extra = opts.barcodes - perProduct * opts.products;

  for (let i = 0; i < opts.products; i++) {
    let c = pickCombo(i);
    const lengthCm = STEM_LENGTHS[c % dims[3]] ?? null;
    c = Math.floor(c / dims[3]);
    const colour = COLOURS[c % dims[2]] ?? 'mixed';
    c = Math.floor(c / dims[2]);
    const variety = varieties[c % dims[1]] ?? null;
    c = Math.floor(c / dims[1]);
    const line = FLOWER_LINES[c % dims[0]];
    if (!line) throw new Error('flower line index out of range');
    // Past every combination the names repeat; a lot number keeps them apart.
    const lot = Math.floor(i / combos);
    const names = flowerNames(line, variety, colour, lengthCm);
    const count = perProduct + (i < extra ? 1 : 0);
    const codes: string[] = [];
    for (let k = 0; k < count; k++, codeIndex++) {
      const data = LARGE_EAN_PREFIX + String(pickCode(codeIndex)).padStart(9, '0');
      codes.push(data + String(gtinCheckDigit(data)));
    }
    createProduct(ctx, {
      kind: 'cut_flower',
      names: lot === 0 ? names : Object.fromEntries(Object.entries(names).map(([lang, n]) => [lang, `${n} #${lot + 1}`])),
      categoryId: categories[line.category],
      ...(variety !== null ? { variety } : {}),
      colour,
      ...(lengthCm !== null ? { stemLengthCm: lengthCm } : {}),
      unit: 'stem',
      // ±20 % around the line's price, as growers and seasons differ
      price: demoPrice(Math.round((flowerPrice(line, lengthCm) * (80 + randomInt(random, 41))) / 100), currency),
      barcodes: codes,
    });
  }
  return { products: opts.products, barcodes: codeIndex };
}

function shopCurrency(ctx: CallContext): Currency {
  const row = ctx.shopId
    ? (ctx.db.prepare('SELECT currency FROM shops WHERE id = ?').get(ctx.shopId) as { currency: Currency } | undefined)
    : undefined;
  return row?.currency ?? 'GEL';
}
