import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { ClientState } from '../../shop/api/define';
import type { ApiResult } from '../../shop/api/errors';
import type { Input, Method, Output } from '../../shop/api/contract';
import type { Backend } from '../../shop/backend';
import { DEFAULT_ROLE_PERMISSIONS, type Role } from '../../shop/users/permissions';
import { hasValidCheckDigit } from '../../shop/catalog/barcode';
import { refreshSearchText } from '../../shop/catalog/products';
import { tempBackend } from '../helpers/tempBackend';

/** A shop with one user per role, written straight into the database so these tests don't depend on sign-in. */
function seedShop(backend: Backend): Record<Role, ClientState> {
  const db = backend.db;
  const shopId = uuidv7();
  const at = new Date().toISOString();
  db.prepare(`INSERT INTO shops (id, name, currency, language, created_at) VALUES (?, 'Test', 'GEL', 'ka', ?)`).run(shopId, at);
  db.prepare(`INSERT INTO app_settings (key, value) VALUES ('current_shop_id', ?)`).run(shopId);
  const grant = db.prepare('INSERT OR IGNORE INTO role_permissions (role, permission) VALUES (?, ?)');
  const clients = {} as Record<Role, ClientState>;
  for (const [role, permissions] of Object.entries(DEFAULT_ROLE_PERMISSIONS) as [Role, readonly string[]][]) {
    for (const p of permissions) grant.run(role, p);
    const userId = uuidv7();
    db.prepare(
      `INSERT INTO users (id, shop_id, name, role, language, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'en', 'not-a-real-hash', ?, ?)`,
    ).run(userId, shopId, `${role} user`, role, at, at);
    const client = backend.newClient();
    client.userId = userId;
    clients[role] = client;
  }
  return clients;
}

describe('catalog', () => {
  let env: ReturnType<typeof tempBackend>;
  let owner: ClientState;
  let cashier: ClientState;
  let events: string[];

  beforeEach(() => {
    env = tempBackend({ log: (e) => console.error(e) });
    ({ owner, cashier } = seedShop(env.backend));
    events = [];
    env.backend.onEvent((e) => events.push(e.type));
  });
  afterEach(() => env.dispose());

  async function ok<M extends Method>(client: ClientState, method: M, input: Input<M>): Promise<Output<M>> {
    const res = (await env.backend.call(client, method, input)) as ApiResult<Output<M>>;
    if (!res.ok) throw new Error(`${method} failed: ${JSON.stringify(res.error)}`);
    return res.value;
  }
  const count = (table: string) => (env.backend.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const auditActions = () =>
    (env.backend.db.prepare('SELECT action FROM audit_log ORDER BY rowid').all() as { action: string }[]).map((r) => r.action);

  /** A small florist's catalog in every script the shop meets. */
  async function seedProducts() {
    const roses = await ok(owner, 'catalog.createCategory', { names: { en: 'Roses', ru: 'Розы', ka: 'ვარდები' } });
    const redRose = await ok(owner, 'catalog.create', {
      kind: 'cut_flower',
      names: { en: 'Rose Red Naomi', ru: 'Роза Ред Наоми', ka: 'ვარდი რედ ნაომი', kk: 'Раушан Ред Наоми', uz: 'Atirgul Red Naomi' },
      categoryId: roses.id,
      variety: 'Red Naomi',
      colour: 'red',
      stemLengthCm: 60,
      price: 450,
      barcodes: ['4006381333931'],
    });
    const rosé = await ok(owner, 'catalog.create', {
      kind: 'cut_flower',
      names: { en: 'Rosé Champagne spray rose', ru: 'Роза кустовая Шампань' },
      categoryId: roses.id,
      colour: 'peach',
      price: 300,
      barcodes: ['036000291452'],
    });
    const chrysanthemum = await ok(owner, 'catalog.create', {
      kind: 'cut_flower',
      names: { ka: 'ქრიზანთემა თეთრი', ru: 'Хризантема белая' },
      colour: 'white',
      price: 350,
    });
    const tulip = await ok(owner, 'catalog.create', {
      kind: 'cut_flower',
      names: { uz: 'Lola sariq', kk: 'Қызғалдақ сары', ru: 'Тюльпан жёлтый' },
      colour: 'yellow',
      price: 250,
    });
    const wrap = await ok(owner, 'catalog.create', {
      kind: 'consumable',
      names: { en: 'Kraft paper 50% recycled (roll) "eco"', ru: 'Крафт-бумага' },
      price: 1000,
      barcodes: ['KRAFT-50_ROLL'],
    });
    const delivery = await ok(owner, 'catalog.create', { kind: 'service', names: { en: 'Delivery', ka: 'მიტანა' }, price: 1500 });
    return { roses: roses.id as string, redRose, rosé, chrysanthemum, tulip, wrap, delivery };
  }

  type SearchExtra = Omit<Input<'catalog.search'>, 'query'>;
  const search = (query: string, extra: SearchExtra = {}) => ok(owner, 'catalog.search', { query, lang: 'en', ...extra });
  const ids = async (query: string, extra: SearchExtra = {}) => (await search(query, extra)).items.map((i) => i.id).sort();

  it('creates a product with defaults, names, barcodes, audit and an event', async () => {
    const { redRose, wrap, delivery, roses } = await seedProducts();
    expect(redRose).toMatchObject({
      kind: 'cut_flower',
      unit: 'stem',
      price: 450,
      colour: 'red',
      variety: 'Red Naomi',
      stemLengthCm: 60,
      categoryId: roses,
      archived: false,
      barcodes: [{ code: '4006381333931', symbology: 'ean13' }],
    });
    expect(redRose.names.ka).toBe('ვარდი რედ ნაომი');
    expect(wrap.unit).toBe('piece');
    expect(wrap.barcodes).toEqual([{ code: 'KRAFT-50_ROLL', symbology: 'code128' }]);
    expect(delivery.unit).toBe('service');
    expect(await ok(cashier, 'catalog.get', { id: redRose.id })).toEqual(redRose);
    expect(auditActions().filter((a) => a === 'catalog.product.created')).toHaveLength(6);
    expect(events).toContain('catalog.changed');
    const details = JSON.parse(
      (env.backend.db.prepare(`SELECT details FROM audit_log WHERE entity_id = ?`).get(redRose.id) as { details: string }).details,
    );
    expect(details).toMatchObject({ kind: 'cut_flower', price: 450, barcodes: ['4006381333931'] });
  });

  it('updates only what changed, audits the change, and keeps search in step', async () => {
    const { redRose, roses } = await seedProducts();
    const updated = await ok(owner, 'catalog.update', {
      id: redRose.id,
      price: 500,
      names: { en: 'Rose Naomi', uz: null },
      colour: 'burgundy',
      variety: null,
    });
    expect(updated).toMatchObject({ price: 500, colour: 'burgundy', variety: null, categoryId: roses });
    expect(updated.names).toEqual({ en: 'Rose Naomi', ru: 'Роза Ред Наоми', ka: 'ვარდი რედ ნაომი', kk: 'Раушан Ред Наоми' });
    const row = env.backend.db.prepare(`SELECT details FROM audit_log WHERE action = 'catalog.product.updated'`).get() as {
      details: string;
    };
    const { changes } = JSON.parse(row.details);
    expect(Object.keys(changes).sort()).toEqual(['colour', 'names', 'price', 'variety']);
    expect(changes.price).toEqual({ from: 450, to: 500 });

    // the colour's names in every language are searchable, the old colour no longer is
    expect(await ids('шинд')).toEqual([]);
    expect(await ids('შინდისფერ')).toEqual([redRose.id]);
    expect(await ids('бордов')).toEqual([redRose.id]);
    expect(await ids('атирг')).toEqual([]);

    // nothing changed: no audit entry
    const before = count('audit_log');
    await ok(owner, 'catalog.update', { id: redRose.id, price: 500 });
    expect(count('audit_log')).toBe(before);

    // replacing the barcode set
    const withCodes = await ok(owner, 'catalog.update', { id: redRose.id, barcodes: ['96385074', ' 4006381333931 '] });
    expect(withCodes.barcodes.map((b: { code: string }) => b.code).sort()).toEqual(['4006381333931', '96385074']);
    const onlyOne = await ok(owner, 'catalog.update', { id: redRose.id, barcodes: ['96385074'] });
    expect(onlyOne.barcodes).toEqual([{ code: '96385074', symbology: 'ean8' }]);
    expect((await ok(owner, 'catalog.byBarcode', { code: '96385074' })).product.id).toBe(redRose.id);
    expect(await env.backend.call(owner, 'catalog.byBarcode', { code: '4006381333931' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('writes the same search_text on create as a later recomputation does', async () => {
    await seedProducts();
    const db = env.backend.db;
    const read = () => db.prepare('SELECT id, search_text FROM products ORDER BY seq').all() as { id: string; search_text: string }[];
    const before = read();
    for (const { id } of before) refreshSearchText(db, id);
    expect(read()).toEqual(before);
    expect(before[0]?.search_text).toMatch(/^ rose red naomi .* 4006381333931$/);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.prepare(`INSERT INTO product_search(product_search, rank) VALUES ('integrity-check', 1)`).run()).toBeTruthy();
  });

  it('archives instead of deleting, hides archived products from search unless asked, restores them', async () => {
    const { tulip } = await seedProducts();
    expect(await ok(owner, 'catalog.archive', { id: tulip.id })).toEqual({ archived: true });
    expect(await ids('lola')).toEqual([]);
    expect(await ids('lola', { includeArchived: true })).toEqual([tulip.id]);
    // totals leave archived products out too, whichever path answered
    expect((await search('lola')).total).toBe(0);
    expect((await search('')).total).toBe(5);
    expect((await search('', { includeArchived: true })).total).toBe(6);
    expect((await search('т')).total).toBe(0);
    expect((await search('т', { includeArchived: true })).total).toBe(1);
    expect((await search('ты', { includeArchived: true })).total).toBe(0);
    expect((await search('тю', { includeArchived: true })).total).toBe(1);
    expect((await search('рос')).total).toBe(0);
    expect((await search('roz', { includeArchived: true, kind: 'cut_flower' })).total).toBe(0);
    expect((await ok(owner, 'catalog.get', { id: tulip.id })).archived).toBe(true);
    await ok(owner, 'catalog.archive', { id: tulip.id }); // again: no second audit entry
    expect(auditActions().filter((a) => a === 'catalog.product.archived')).toHaveLength(1);
    await ok(owner, 'catalog.restore', { id: tulip.id });
    expect(await ids('lola')).toEqual([tulip.id]);
    expect(auditActions()).toContain('catalog.product.restored');
    expect(count('products')).toBe(6);
  });

  it('finds any part of a name in Georgian (also typed in Mtavruli), Cyrillic and Latin, ignoring case and accents', async () => {
    const { redRose, rosé, chrysanthemum, tulip, delivery } = await seedProducts();
    expect(await ids('ზანთემ')).toEqual([chrysanthemum.id]);
    expect(await ids('ᲥᲠᲘᲖᲐᲜᲗᲔᲛᲐ')).toEqual([chrysanthemum.id]); // Mtavruli capitals
    expect(await ids('ᲛᲘᲢᲐᲜ')).toEqual([delivery.id]);
    expect(await ids('ХРИЗАНТ')).toEqual([chrysanthemum.id]);
    expect(await ids('кустов')).toEqual([rosé.id]);
    expect(await ids('желт')).toEqual([tulip.id]); // ё typed as е
    expect(await ids('жёлт')).toEqual([tulip.id]);
    expect(await ids('қызғалд')).toEqual([tulip.id]);
    expect(await ids('ROSÉ')).toEqual([redRose.id, rosé.id].sort()); // accents ignored on both sides
    expect(await ids('chámpágne')).toEqual([rosé.id]);
    expect(await ids('champ')).toEqual([rosé.id]);
    expect(await ids('aomi')).toEqual([redRose.id]);
    expect(await ids('rose')).toEqual([redRose.id, rosé.id].sort());
    // colours in any language
    expect(await ids('красн')).toEqual([redRose.id]);
    expect(await ids('წითელ')).toEqual([redRose.id]);
    expect(await ids('qizil')).toEqual([redRose.id]);
    // several words: all must match, in any order
    expect(await ids('naomi rose')).toEqual([redRose.id]);
    expect(await ids('rose chrysanthemum')).toEqual([]);
    // barcode fragments
    expect(await ids('3813339')).toEqual([redRose.id]);
  });

  it('answers 2-letter queries by word start and 1-letter queries by name start', async () => {
    const { redRose, rosé, chrysanthemum, tulip, wrap, delivery } = await seedProducts();
    expect(await ids('ro')).toEqual([redRose.id, rosé.id].sort());
    expect(await ids('RO')).toEqual([redRose.id, rosé.id].sort());
    expect(await ids('ро')).toEqual([redRose.id, rosé.id].sort());
    expect(await ids('ქრ')).toEqual([chrysanthemum.id]);
    expect(await ids('ᲥᲠ')).toEqual([chrysanthemum.id]);
    expect(await ids('qi')).toEqual([redRose.id]); // "qizil", red in Uzbek
    expect(await ids('50')).toEqual([wrap.id]);
    expect(await ids('oe')).toEqual([]); // inside words only: not a word start
    expect(await ids('os')).toEqual([]);
    // one letter: names starting with it in the reader's language (fallbacks included)
    expect(await ids('r')).toEqual([redRose.id, rosé.id].sort());
    expect(await ids('D')).toEqual([delivery.id]);
    expect(await ids('т')).toEqual([tulip.id]); // no English name: shown (and matched) by its Russian one
    expect(await ids('n')).toEqual([]);
    expect(await ids('მ', { lang: 'ka' })).toEqual([delivery.id]);
    expect((await search('r')).total).toBe(2);
    // a short word narrows a longer one
    expect(await ids('rose ch')).toEqual([rosé.id]);
    expect(await ids('rose c')).toEqual([rosé.id]);
    expect(await ids('ро на')).toEqual([redRose.id]);
  });

  it('treats FTS and LIKE syntax in a query as plain text', async () => {
    const { wrap } = await seedProducts();
    for (const q of ['"', '""', '"eco"', '*', 'rose*', 'AND', 'rose AND naomi', 'OR', 'NOT rose', '(roll)', 'NEAR(rose naomi)', 'rose:', '^rose', '-', "'", '%', '_', '\\', '50%', 'KRAFT-50_', '{roll}']) {
      const res = await env.backend.call(owner, 'catalog.search', { query: q, lang: 'en' });
      expect(res.ok, `query ${q}`).toBe(true);
    }
    expect(await ids('"eco"')).toEqual([wrap.id]);
    expect(await ids('(roll)')).toEqual([wrap.id]);
    expect(await ids('50%')).toEqual([wrap.id]);
    expect(await ids('0%')).toEqual([]); // % is literal: no product has "0%" at a word start
    expect(await ids('50_')).toEqual([wrap.id]); // barcode KRAFT-50_ROLL
    expect(await ids('5_')).toEqual([]);
    expect(await ids('NEAR(rose naomi)')).toEqual([]);
    expect(await ids('rose*')).toEqual([]);
    expect(await ids('*')).toEqual([]);
  });

  it('browses, filters, sorts and pages', async () => {
    const { roses, redRose, rosé, delivery } = await seedProducts();
    const all = await search('');
    expect(all.total).toBe(6);
    expect(new Set(all.items.map((i) => i.id)).size).toBe(6);
    expect((await ids('', { categoryId: roses })).sort()).toEqual([redRose.id, rosé.id].sort());
    expect(await ids('', { kind: 'service' })).toEqual([delivery.id]);
    const byPrice = await search('', { sort: 'price', dir: 'desc' });
    expect(byPrice.items.map((i) => i.price)).toEqual([1500, 1000, 450, 350, 300, 250]);
    const page = await search('', { sort: 'price', limit: 2, offset: 2 });
    expect(page.total).toBe(6);
    expect(page.items.map((i) => i.price)).toEqual([350, 450]);
    const past = await search('', { limit: 2, offset: 10 });
    expect(past).toEqual({ items: [], total: 6 });
    // names in the reader's language, with fallback lang → en → ru → any
    const ka = await ok(owner, 'catalog.search', { query: '', lang: 'ka', sort: 'price' });
    expect(ka.items.map((i) => i.name)).toEqual([
      'Тюльпан жёлтый', // no ka, no en → ru
      'Rosé Champagne spray rose', // no ka → en
      'ქრიზანთემა თეთრი',
      'ვარდი რედ ნაომი',
      'Kraft paper 50% recycled (roll) "eco"',
      'მიტანა',
    ]);
    expect(ka.items[3]).toMatchObject({ categoryName: 'ვარდები', barcodes: ['4006381333931'], unit: 'stem' });
    const kk = await ok(owner, 'catalog.search', { query: 'қызғалд', lang: 'kk' });
    expect(kk.items[0]?.name).toBe('Қызғалдақ сары');
    const byName = await ok(owner, 'catalog.search', { query: '', lang: 'en', sort: 'name' });
    expect(byName.items.map((i) => i.name)).toEqual([
      'Delivery',
      'Kraft paper 50% recycled (roll) "eco"',
      'Rosé Champagne spray rose',
      'Rose Red Naomi',
      'Тюльпан жёлтый',
      'Хризантема белая',
    ]);
  });

  it('looks up scanned codes, including UPC-A as EAN-13 and back', async () => {
    const { redRose, rosé, wrap } = await seedProducts();
    const hit = await ok(cashier, 'catalog.byBarcode', { code: '4006381333931', lang: 'ru' });
    expect(hit).toMatchObject({ code: '4006381333931', product: { id: redRose.id, name: 'Роза Ред Наоми', price: 450 } });
    expect((await ok(cashier, 'catalog.byBarcode', { code: '0036000291452' })).product.id).toBe(rosé.id);
    expect((await ok(cashier, 'catalog.byBarcode', { code: 'KRAFT-50_ROLL\n' })).product.id).toBe(wrap.id);
    expect(await env.backend.call(cashier, 'catalog.byBarcode', { code: '5901234123457' })).toEqual({
      ok: false,
      error: { code: 'not_found', messageKey: 'errors:catalog.unknownBarcode', field: 'code', params: { code: '5901234123457' } },
    });
    expect(await env.backend.call(cashier, 'catalog.byBarcode', { code: '4006381333932' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', messageKey: 'errors:catalog.barcodeCheckDigit', params: { code: '4006381333932' } },
    });
    expect(await env.backend.call(cashier, 'catalog.byBarcode', { code: 'роза' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', messageKey: 'errors:catalog.barcodeFormat' },
    });
    // archived products still answer a scan (the label is still on the stock), marked archived
    await ok(owner, 'catalog.archive', { id: wrap.id });
    expect((await ok(cashier, 'catalog.byBarcode', { code: 'KRAFT-50_ROLL' })).product.archived).toBe(true);
  });

  it('refuses a barcode another product has, naming it, and writes nothing', async () => {
    const { redRose, rosé } = await seedProducts();
    const products = count('products');
    const names = count('product_names');
    const audit = count('audit_log');
    events.length = 0;
    const res = await env.backend.call(owner, 'catalog.create', {
      kind: 'cut_flower',
      names: { en: 'Another rose' },
      price: 100,
      barcodes: ['5901234123457', '4006381333931'],
    });
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        messageKey: 'errors:catalog.barcodeTaken',
        field: 'barcodes.1',
        params: { code: '4006381333931', product: 'Rose Red Naomi' },
      },
    });
    expect([count('products'), count('product_names'), count('audit_log')]).toEqual([products, names, audit]);
    expect(await env.backend.call(owner, 'catalog.byBarcode', { code: '5901234123457' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(events).toEqual([]);

    // the same GTIN spelled as EAN-13 is the same code
    expect(await env.backend.call(owner, 'catalog.addBarcode', { id: redRose.id, code: '0036000291452' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', params: { product: 'Rosé Champagne spray rose' } },
    });
    // adding it to its own product again changes nothing
    expect(await ok(owner, 'catalog.addBarcode', { id: rosé.id, code: '036000291452' })).toMatchObject({ added: false });
    // a broken one is refused with the field
    expect(await env.backend.call(owner, 'catalog.addBarcode', { id: rosé.id, code: '96385075' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', messageKey: 'errors:catalog.barcodeCheckDigit', field: 'code' },
    });
    // remove and add
    await ok(owner, 'catalog.removeBarcode', { id: rosé.id, code: '036000291452' });
    expect(await env.backend.call(owner, 'catalog.removeBarcode', { id: rosé.id, code: '036000291452' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', messageKey: 'errors:catalog.barcodeNotOnProduct' },
    });
    expect(await ok(owner, 'catalog.addBarcode', { id: redRose.id, code: '036000291452' })).toMatchObject({ added: true, symbology: 'upca' });
    expect(await ids('3600029')).toEqual([redRose.id]);
    expect(auditActions()).toEqual(expect.arrayContaining(['catalog.barcode.removed', 'catalog.barcode.added']));
  });

  it('issues in-shop EAN-13 codes with prefix 20 and a valid check digit, never reusing one', async () => {
    const { delivery } = await seedProducts();
    const first = (await ok(owner, 'catalog.newInternalBarcode', {})).code as string;
    expect(first).toMatch(/^20\d{11}$/);
    expect(hasValidCheckDigit(first)).toBe(true);
    const added = await ok(owner, 'catalog.addBarcode', { id: delivery.id, code: first });
    expect(added.symbology).toBe('internal');
    const second = (await ok(owner, 'catalog.newInternalBarcode', {})).code as string;
    expect(second > first).toBe(true);
    await ok(owner, 'catalog.removeBarcode', { id: delivery.id, code: first });
    const third = (await ok(owner, 'catalog.newInternalBarcode', {})).code as string;
    expect([first, second]).not.toContain(third);
    // a hand-typed code that the counter would issue next is skipped, not issued twice
    const typed = '2000000000046';
    expect(hasValidCheckDigit(typed)).toBe(true);
    await ok(owner, 'catalog.addBarcode', { id: delivery.id, code: typed });
    expect((await ok(owner, 'catalog.newInternalBarcode', {})).code).toBe('2000000000053');
  });

  it('keeps categories: names in the reader language, archive, moves without cycles', async () => {
    const { roses } = await seedProducts();
    const spray = await ok(owner, 'catalog.createCategory', { names: { en: 'Spray roses', ru: 'Кустовые розы' }, parentId: roses });
    const list = await ok(cashier, 'catalog.categories', { lang: 'ru' });
    expect(list.map((c) => c.name)).toEqual(['Кустовые розы', 'Розы']);
    expect(list.find((c) => c.id === roses)?.productCount).toBe(2);
    expect(await env.backend.call(owner, 'catalog.updateCategory', { id: roses, parentId: spray.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', messageKey: 'errors:catalog.categoryCycle' },
    });
    expect(await env.backend.call(owner, 'catalog.updateCategory', { id: roses, parentId: roses })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors:catalog.categoryCycle' },
    });
    await ok(owner, 'catalog.updateCategory', { id: spray.id, names: { ka: 'ბუჩქოვანი ვარდები' }, archived: true });
    expect((await ok(owner, 'catalog.categories', { lang: 'ka' })).map((c) => c.name)).toEqual(['ვარდები']);
    const archived = await ok(owner, 'catalog.categories', { lang: 'ka', includeArchived: true });
    expect(archived.find((c) => c.id === spray.id)).toMatchObject({ archived: true, name: 'ბუჩქოვანი ვარდები', parentId: roses });
    expect(
      await env.backend.call(owner, 'catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 1, categoryId: spray.id }),
    ).toMatchObject({ ok: false, error: { messageKey: 'errors:catalog.categoryArchived', field: 'categoryId' } });
    expect(auditActions()).toEqual(expect.arrayContaining(['catalog.category.created', 'catalog.category.updated']));
    expect(
      await env.backend.call(owner, 'catalog.updateCategory', { id: roses, names: { en: null, ru: null, ka: null } }),
    ).toMatchObject({ ok: false, error: { messageKey: 'errors:catalog.nameRequired' } });
  });

  it('rejects bad input and unknown ids with translated errors, writing nothing', async () => {
    const { redRose } = await seedProducts();
    const before = [count('products'), count('audit_log'), count('barcodes'), count('categories')];
    const bad: [string, unknown, string][] = [
      ['catalog.create', { kind: 'cut_flower', names: {}, price: 1 }, 'errors:catalog.nameRequired'],
      ['catalog.create', { kind: 'cut_flower', names: { en: '   ' }, price: 1 }, 'errors:validation.too_small'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x'.repeat(100_000) }, price: 1 }, 'errors:validation.too_big'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: -1 }, 'errors:validation.too_small'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 1.5 }, 'errors:validation.invalid_type'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 10_000_000_001 }, 'errors:validation.too_big'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 1, stemLengthCm: 10_000 }, 'errors:validation.too_big'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 1, colour: 'ultraviolet' }, 'errors:validation.invalid_value'],
      ['catalog.create', { kind: 'weapon', names: { en: 'x' }, price: 1 }, 'errors:validation.invalid_value'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x', de: 'y' }, price: 1 }, 'errors:validation.unrecognized_keys'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 1, barcodes: ['4006381333932'] }, 'errors:catalog.barcodeCheckDigit'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 1, barcodes: ['x'.repeat(100_000)] }, 'errors:catalog.barcodeFormat'],
      ['catalog.create', { kind: 'cut_flower', names: { en: 'x' }, price: 1, barcodes: Array(21).fill('ABC') }, 'errors:validation.too_big'],
      ['catalog.search', { query: 'x'.repeat(100_000) }, 'errors:validation.too_big'],
      ['catalog.search', { query: 'rose', limit: 100_000 }, 'errors:validation.too_big'],
      ['catalog.search', { query: 'rose', offset: -1 }, 'errors:validation.too_small'],
      ['catalog.update', { id: redRose.id, price: 'free' }, 'errors:validation.invalid_type'],
      ['catalog.update', { id: 'not-an-id' }, 'errors:validation.invalid_format'],
      ['catalog.createCategory', { names: { en: 'x' }, sort: 1e12 }, 'errors:validation.too_big'],
    ];
    for (const [method, input, key] of bad) {
      const res = await env.backend.call(owner, method, input);
      expect(res, `${method} ${JSON.stringify(input).slice(0, 80)}`).toMatchObject({ ok: false, error: { messageKey: key } });
    }
    const missing = uuidv7();
    for (const [method, input, key] of [
      ['catalog.get', { id: missing }, 'errors:catalog.productNotFound'],
      ['catalog.update', { id: missing, price: 1 }, 'errors:catalog.productNotFound'],
      ['catalog.archive', { id: missing }, 'errors:catalog.productNotFound'],
      ['catalog.restore', { id: missing }, 'errors:catalog.productNotFound'],
      ['catalog.addBarcode', { id: missing, code: '5901234123457' }, 'errors:catalog.productNotFound'],
      ['catalog.removeBarcode', { id: missing, code: '5901234123457' }, 'errors:catalog.productNotFound'],
      ['catalog.update', { id: redRose.id, categoryId: missing }, 'errors:catalog.categoryNotFound'],
      ['catalog.create', { kind: 'plant', names: { en: 'x' }, price: 1, categoryId: missing }, 'errors:catalog.categoryNotFound'],
      ['catalog.updateCategory', { id: missing, sort: 1 }, 'errors:catalog.categoryNotFound'],
      ['catalog.createCategory', { names: { en: 'x' }, parentId: missing }, 'errors:catalog.categoryNotFound'],
      ['catalog.search', { query: 'rose', categoryId: missing }, 'errors:catalog.categoryNotFound'],
    ] as const) {
      expect(await env.backend.call(owner, method, input), method).toMatchObject({ ok: false, error: { code: 'not_found', messageKey: key } });
    }
    expect([count('products'), count('audit_log'), count('barcodes'), count('categories')]).toEqual(before);
  });

  it('lets a cashier look but not edit', async () => {
    await seedProducts();
    expect((await ok(cashier, 'catalog.search', { query: 'rose' })).total).toBe(2);
    for (const method of ['catalog.create', 'catalog.update', 'catalog.archive', 'catalog.newInternalBarcode', 'catalog.createCategory']) {
      expect(await env.backend.call(cashier, method, {}), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await env.backend.call(env.backend.newClient(), 'catalog.search', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});
