import { afterEach, describe, expect, it } from 'vitest';
import type { ClientState } from '../../shop/api/define';
import { LANGUAGES } from '../../shop/api/schemas';
import { gtinCheckDigit, hasValidCheckDigit } from '../../shop/catalog/barcode';
import { price } from '../../shop/catalog/products';
import { demoUser } from '../../shop/demo/seed';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env.dispose());

const { ok } = callsOn(() => env.backend);

/** The demo shop for a language, with its owner signed in. */
async function demoOwner(language: (typeof LANGUAGES)[number]): Promise<ClientState> {
  env = tempBackend({ log: (e) => console.error(e) });
  const client = env.backend.newClient();
  await ok(client, 'shops.setup', { mode: 'demo', language });
  const picker = await ok(client, 'users.picker', {});
  const owner = picker.find((u) => u.role === 'owner')!;
  await ok(client, 'users.signIn', { userId: owner.id, secret: demoUser('owner').password! });
  return client;
}

describe('in-shop barcodes', () => {
  it('come from the shop’s own counter: codes from elsewhere in the same range neither stop nor derail it', async () => {
    const owner = await demoOwner('en');
    const foreignData = '20999999999';
    const foreign = `${foreignData}${gtinCheckDigit(foreignData)}`; // a wholesaler's own label (UPC-A form)
    await ok(owner, 'catalog.create', { kind: 'consumable', names: { en: 'Odd label' }, price: 100, barcodes: ['20A0000000000', foreign] });
    const first = (await ok(owner, 'catalog.newInternalBarcode', {})).code;
    await ok(owner, 'catalog.create', { kind: 'consumable', names: { en: 'Labelled' }, price: 100, barcodes: [first] });
    const second = (await ok(owner, 'catalog.newInternalBarcode', {})).code;
    for (const code of [first, second]) {
      expect(code).toMatch(/^20\d{11}$/);
      expect(hasValidCheckDigit(code)).toBe(true);
    }
    expect(second > first).toBe(true);
  });
});

describe('demo prices', () => {
  it.each(LANGUAGES)('every demo product of the %s shop can be saved back with its own price', async (language) => {
    const owner = await demoOwner(language);
    const prices = env.backend.db.prepare('SELECT id, price FROM products ORDER BY price DESC').all() as { id: string; price: number }[];
    for (const row of prices) expect(price.safeParse(row.price).success, `${row.id}: ${row.price}`).toBe(true);
    const dearest = prices[0]!;
    expect(await ok(owner, 'catalog.update', { id: dearest.id, price: dearest.price })).toMatchObject({ price: dearest.price });
  });
});
