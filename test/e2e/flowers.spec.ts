import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import { formatMoney } from '../../renderer/format/money';
import { ApiWindow } from './api';
import { demoUser } from './demo';
import { expect, test } from './fixtures';
import { SetupScreen, SignInScreen } from './pages';
import { ArrivalsScreen } from './pages/arrivals';
import { BouquetBuilderDialog } from './pages/bouquetBuilder';
import { BouquetsScreen } from './pages/bouquets';
import { CountsScreen } from './pages/counts';
import { SaleScreen } from './pages/sale';
import { ShiftScreen } from './pages/shift';
import { StockScreen } from './pages/stock';
import { WriteoffsScreen } from './pages/writeoffs';

const GEL = (minor: number) => formatMoney(minor, 'GEL', 'en');
const SUPPLIER = 'Lilo Flower Market';
const RECIPE = 'Spring mood';
const MADE = 2;
const UNKNOWN_BARCODE = '2999999999994';

type Role = 'owner' | 'manager' | 'cashier' | 'florist';

/** The person at the till changes: "Switch user" (F9), then their tile and PIN or password. */
async function signInAs(page: Page, role: Role, first = false): Promise<void> {
  const user = demoUser(role);
  if (!first) {
    await page.getByTestId('switch-user').click();
    await expect(page.getByTestId('user-tile').first()).toBeVisible();
  }
  const signIn = new SignInScreen(page);
  if (user.pin) await signIn.withPin(user.names.en, user.pin);
  else await signIn.withPassword(user.names.en, user.password ?? '');
  await expect(page.getByTestId('switch-user')).toBeVisible();
}

/**
 * Issue 4 end to end in Chromium, on the demo shop, each step by the person who does it: the florist
 * receives a delivery (a line in bunches, a line in stems), the owner sees the new lots with their age,
 * cost and value; the florist makes two bouquets from a recipe and the stems leave stock (oldest lots
 * first) while the bouquets enter it at their real cost; the cashier sells one and builds another at
 * the counter; the florist writes off a wilted lot and the owner finds it in the shrink report; the
 * manager counts the tulips from a terminal's file and posts the variance, and stock equals the count.
 */
test('receive → make bouquets → sell → write off → count from a terminal file', async ({ page, posy }) => {
  // Five documents by four people in one story: about a minute, more on a busy machine.
  test.setTimeout(180_000);
  const api = new ApiWindow(posy);
  const stock = new StockScreen(page);

  await test.step('open the demo shop', async () => {
    await page.goto(posy.url);
    await new SetupScreen(page).openDemoShop();
  });

  // What the test needs to know about the demo (the owner's second window): ids, barcodes, the recipe.
  const demo = await test.step('the owner looks up the demo’s supplier, products and recipe (second window)', async () => {
    const owner = demoUser('owner');
    await api.signIn(owner.names.en, owner.password ?? '');
    const productId = async (name: string) => {
      const found = await api.call('catalog.search', { query: name, lang: 'en', limit: 10 });
      const item = found.items.find((i) => i.name === name);
      if (!item) throw new Error(`no demo product named ${name}`);
      return item.id;
    };
    const recipe = (await api.call('recipes.list', {})).find((r) => r.name === RECIPE);
    const variant = recipe?.variants.find((v) => v.size === 'small');
    if (!recipe || !variant) throw new Error(`the demo recipe ${RECIPE} (small) is missing`);
    const full = await api.call('recipes.get', { id: recipe.id });
    const components = full.variants.find((v) => v.id === variant.id)?.components ?? [];
    expect(components.length).toBeGreaterThan(2);
    const category = (await api.call('catalog.categories', { lang: 'en' })).find((c) => c.name === 'Tulips');
    if (!category) throw new Error('no Tulips category in the demo');
    return {
      tulip: { id: await productId('Tulip Barcelona pink'), name: 'Tulip Barcelona pink' },
      greens: { id: await productId('Eucalyptus Cinerea'), name: 'Eucalyptus Cinerea' },
      redTulip: { id: await productId('Tulip Ile de France red'), name: 'Tulip Ile de France red' },
      whiteTulip: { id: await productId('Tulip White Dream white'), name: 'Tulip White Dream white' },
      bouquet: { id: variant.productId, name: variant.productName, barcode: variant.barcode ?? '', price: variant.price },
      components: components.map((c) => ({ productId: c.productId, name: c.name ?? '', quantity: c.quantity })),
      category,
    };
  });

  /** Every lot of a product with stock, oldest first (the owner's API view: quantities and costs). */
  const lotsOf = async (productId: string, name: string) => {
    const o = await api.call('stock.overview', { query: name, limit: 500 });
    return o.rows.filter((r) => r.productId === productId).sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.lotId.localeCompare(b.lotId));
  };
  const balanceOf = async (productId: string, name: string) => (await lotsOf(productId, name)).reduce((s, r) => s + r.quantity, 0);

  // 1. Receiving a delivery.
  const arrival = await test.step('the florist receives a delivery: 3 bunches of 10 tulips at 16.00 a bunch, 15 stems of eucalyptus at 2.20', async () => {
    await signInAs(page, 'florist', true);
    const arrivals = new ArrivalsScreen(page);
    await arrivals.open();
    await arrivals.header(SUPPLIER, 'LFM-4471');
    await arrivals.addProduct(demo.tulip.id, demo.tulip.name);
    // Lilo sells tulips in bunches of 10: the line starts in packs of the supplier's size.
    await expect(arrivals.line(demo.tulip.id).getByTestId('arrival-pack-size')).toHaveValue('10');
    await arrivals.inPacks(demo.tulip.id, 3, 10, '16.00');
    await arrivals.addProduct(demo.greens.id, demo.greens.name);
    await arrivals.inStems(demo.greens.id, 0, '2.20');
    // A line of nothing is refused, translated, and nothing is received.
    await page.getByTestId('arrival-post').click();
    await expect(arrivals.root().getByTestId('error-message')).toContainText('Enter a whole quantity of 1 or more.');
    await expect(page.getByTestId('arrival-posted')).toHaveCount(0);
    await arrivals.inStems(demo.greens.id, 15, '2.20');
    await expect(arrivals.lineTotal(demo.tulip.id)).toHaveText(GEL(4800));
    await expect(arrivals.lineTotal(demo.greens.id)).toHaveText(GEL(3300));
    await expect(arrivals.total()).toContainText(GEL(8100));
    await expect(arrivals.total()).toContainText('45');
    const posted = await arrivals.post();
    expect(posted.text).toContain(GEL(8100));
    const list = await api.call('arrivals.list', { limit: 5 });
    const row = list.items.find((r) => r.number === posted.number);
    expect(row?.invoiceNo).toBe('LFM-4471');
    expect(row?.supplierName).toBe(SUPPLIER);
    const doc = await api.call('arrivals.get', { id: row?.id ?? '' });
    // A bunch of 10 at 16.00 is 1.60 a stem.
    expect(doc.lines.map((l) => [l.quantity, l.unitCost, l.lineCost])).toEqual([
      [30, 160, 4800],
      [15, 220, 3300],
    ]);
    const lotOf = (productId: string) => doc.lines.find((l) => l.productId === productId)?.lotId ?? '';
    return { tulipLot: lotOf(demo.tulip.id), greensLot: lotOf(demo.greens.id) };
  });

  await test.step('the florist sees the new lots aged 0 days, without their costs', async () => {
    await stock.open();
    await stock.search(demo.tulip.name);
    await expect(stock.lot(arrival.tulipLot)).toBeVisible();
    const cells = await stock.cells(stock.lot(arrival.tulipLot));
    expect(cells).toEqual({ age: '0 days', quantity: '30' });
  });

  await test.step('the owner sees the same lots with unit cost and value', async () => {
    await signInAs(page, 'owner');
    await stock.open();
    await stock.search(demo.tulip.name);
    await expect.poll(async () => stock.cells(stock.lot(arrival.tulipLot))).toEqual({ age: '0 days', quantity: '30', unitCost: GEL(160), value: GEL(4800) });
    await stock.search(demo.greens.name);
    await expect.poll(async () => stock.cells(stock.lot(arrival.greensLot))).toEqual({ age: '0 days', quantity: '15', unitCost: GEL(220), value: GEL(3300) });
    await expect(stock.lot(arrival.greensLot)).toContainText(SUPPLIER);
  });

  // 2. Making bouquets from the recipe.
  const before = await test.step('what the components hold before, and what two bouquets cost taken oldest lots first', async () => {
    const balances = new Map<string, number>();
    let cost = 0;
    for (const c of demo.components) {
      const lots = await lotsOf(c.productId, c.name);
      balances.set(c.productId, lots.reduce((s, r) => s + r.quantity, 0));
      let need = c.quantity * MADE;
      for (const lot of lots) {
        const take = Math.min(need, lot.quantity);
        cost += take * (lot.unitCost ?? 0);
        need -= take;
        if (need === 0) break;
      }
      expect(need, `${c.name} is short in the demo`).toBe(0);
    }
    return { balances, unitCost: Math.round(cost / MADE), bouquets: await balanceOf(demo.bouquet.id, demo.bouquet.name) };
  });

  await test.step(`the florist makes ${MADE} “${RECIPE}” small bouquets`, async () => {
    await signInAs(page, 'florist');
    const bouquets = new BouquetsScreen(page);
    await bouquets.open();
    await bouquets.choose(RECIPE, 'small');
    // 500 are more than the shop holds: the short list says what is missing, and Make is off.
    await bouquets.setCount(500);
    await expect(page.getByTestId('short-list')).toContainText('Not enough stock');
    await expect(page.getByTestId('short-list')).toContainText(`${demo.tulip.name}:`);
    await expect(bouquets.makeButton()).toBeDisabled();
    await bouquets.setCount(MADE);
    // component, per bouquet, needed (twice the recipe), available
    for (const c of demo.components) await expect(bouquets.planLine(c.name).getByRole('cell').nth(2), c.name).toHaveText(String(c.quantity * MADE));
    await expect(page.getByTestId('short-list')).toHaveCount(0);
    const done = await bouquets.make();
    expect(done).toContain(String(MADE));
    // The florist does not see what they cost.
    await expect(page.getByTestId('make-cost')).toHaveCount(0);
  });

  await test.step('the stems left stock by twice the recipe (the florist’s stock screen)', async () => {
    await stock.open();
    for (const c of demo.components) await stock.expectQuantity(c.name, (before.balances.get(c.productId) ?? 0) - c.quantity * MADE);
    await stock.expectQuantity(demo.bouquet.name, before.bouquets + MADE);
    // The owner looked at costs on this screen before the switch: the florist does not see them.
    await expect.poll(async () => (await stock.cells(stock.lotsOf(demo.bouquet.name).first())).unitCost).toBeUndefined();
  });

  const made = await test.step('the owner sees the ready bouquets in stock at their real cost', async () => {
    await signInAs(page, 'owner');
    await stock.open();
    await stock.search(RECIPE);
    const assemblies = await api.call('assembly.list', { limit: 1 });
    const assembly = assemblies.rows[0];
    expect(assembly?.quantity).toBe(MADE);
    expect(assembly?.unitCost).toBe(before.unitCost);
    const bouquetLots = await lotsOf(demo.bouquet.id, demo.bouquet.name);
    const lot = bouquetLots.at(-1);
    if (!lot) throw new Error('no lot of ready bouquets');
    await expect.poll(async () => stock.cells(stock.lot(lot.lotId))).toEqual({ age: '0 days', quantity: String(MADE), unitCost: GEL(before.unitCost), value: GEL(before.unitCost * MADE) });
    // The bouquets screen's history says who made them and at what cost each.
    const history = await new BouquetsScreen(page).history();
    await expect(history.first().getByRole('cell')).toHaveText([String(assembly?.number), /\d/, demo.bouquet.name, String(MADE), GEL(before.unitCost), demoUser('florist').names.en]);
    return { lotId: lot.lotId };
  });

  // 3. Selling at the counter.
  await test.step('the cashier opens the shift and sells one ready bouquet by its barcode, in cash', async () => {
    await signInAs(page, 'cashier');
    const shift = new ShiftScreen(page);
    await shift.open();
    await shift.openShift('100');
    const sale = new SaleScreen(page);
    await page.keyboard.press('F1');
    await expect(sale.root()).toBeVisible();
    await expect(sale.noShiftBanner()).toBeHidden();
    await sale.scan(demo.bouquet.barcode);
    await expect(sale.line(demo.bouquet.id)).toBeVisible();
    await expect.poll(() => sale.totalMinor()).toBe(demo.bouquet.price);
    await sale.openPayment();
    await sale.payCash('');
    await sale.commit();
    await expect(sale.lines()).toHaveCount(0);
  });

  await test.step('one ready bouquet fewer on the shelf', async () => {
    await stock.open();
    await stock.expectQuantity(demo.bouquet.name, before.bouquets + MADE - 1);
    await expect.poll(async () => (await stock.cells(stock.lot(made.lotId))).quantity).toBe(String(MADE - 1));
  });

  const built = await test.step('the cashier builds a bouquet at the counter (Ctrl+B): 5 red tulips and a eucalyptus, priced live, sold', async () => {
    const counts = { red: await balanceOf(demo.redTulip.id, demo.redTulip.name), greens: await balanceOf(demo.greens.id, demo.greens.name) };
    const sale = new SaleScreen(page);
    await page.keyboard.press('F1');
    await expect(sale.root()).toBeVisible();
    const builder = new BouquetBuilderDialog(page);
    await builder.open();
    await builder.startEmpty();
    await builder.add(demo.redTulip.name, 5);
    await builder.add(demo.greens.name, 1);
    // The price the shop's rules give those stems (the backend's quote of the same line).
    const { productId } = await api.call('bouquets.customProduct', {});
    const quoted = await api.call('sales.quote', { lines: [{ productId, quantity: 1, components: [{ productId: demo.redTulip.id, quantity: 5 }, { productId: demo.greens.id, quantity: 1 }] }] });
    const price = quoted.total;
    expect(price).toBeGreaterThan(0);
    await expect(builder.price()).toHaveAttribute('data-minor', String(price));
    await expect(builder.price()).toHaveText(GEL(price));
    await builder.addToSale();
    await expect(sale.lines()).toHaveCount(1);
    await expect.poll(() => sale.totalMinor()).toBe(price);
    await sale.openPayment();
    await sale.payCash('');
    await sale.commit();
    return counts;
  });

  await test.step('its stems left stock', async () => {
    await stock.open();
    await stock.expectQuantity(demo.redTulip.name, built.red - 5);
    await stock.expectQuantity(demo.greens.name, built.greens - 1);
  });

  // 4. A wilted lot written off.
  const wilted = await test.step('the florist writes off 10 wilted stems from the oldest white tulips', async () => {
    const shrinkBefore = await api.call('shrink.report', { ...last30Days(), groupBy: 'reason' });
    const wiltedBefore = shrinkBefore.rows.find((r) => r.key === 'wilted')?.cost ?? 0;
    const [oldest] = await lotsOf(demo.whiteTulip.id, demo.whiteTulip.name);
    if (!oldest || oldest.quantity < 10) throw new Error('the oldest white tulip lot holds fewer than 10');
    await signInAs(page, 'florist');
    await stock.open();
    await stock.search(demo.whiteTulip.name);
    await expect.poll(async () => (await stock.cells(stock.lot(oldest.lotId))).quantity).toBe(String(oldest.quantity));
    await stock.writeOff(oldest.lotId, 10, 'wilted');
    await expect.poll(async () => (await stock.cells(stock.lot(oldest.lotId))).quantity).toBe(String(oldest.quantity - 10));
    return { cost: 10 * (oldest.unitCost ?? 0), wiltedBefore };
  });

  await test.step('the owner finds it in the write-offs and under “Wilted” in the shrink report, at cost', async () => {
    await signInAs(page, 'owner');
    const writeoffs = new WriteoffsScreen(page);
    await writeoffs.open();
    await expect(writeoffs.rows().first()).toContainText(demo.whiteTulip.name);
    await expect(writeoffs.rows().first()).toContainText('Wilted');
    await expect(writeoffs.rows().first()).toContainText(GEL(wilted.cost));
    await writeoffs.shrink('reason');
    await expect(writeoffs.shrinkRow('Wilted').getByRole('cell').nth(2)).toHaveText(GEL(wilted.wiltedBefore + wilted.cost));
  });

  // 5. Counting the tulips from a terminal's file.
  const counted = await test.step('the manager starts a count of the tulips and exports the product list for the terminal', async () => {
    await signInAs(page, 'manager');
    const counts = new CountsScreen(page);
    await counts.open();
    await counts.create('Tulips');
    const exported = iconv.decode(await counts.exportProductList(), 'win1251');
    const rows = exported.split(/\r?\n/).filter(Boolean).map((line) => line.split(';'));
    const tulips = rows.map(([barcode = '', name = '']) => ({ barcode, name }));
    expect(tulips.map((t) => t.name)).toContain(demo.tulip.name);
    expect(tulips.every((t) => /^\d{8,14}$/.test(t.barcode))).toBe(true);
    // What stock says now (the owner's window), and what the terminal will say: 3 pink short, 2 purple found.
    const expected = new Map<string, number>();
    for (const t of tulips) {
      const found = await api.call('catalog.search', { query: t.name, lang: 'en', limit: 10 });
      const id = found.items.find((i) => i.name === t.name)?.id ?? '';
      expected.set(t.name, await balanceOf(id, t.name));
    }
    const countedOf = (name: string) => (expected.get(name) ?? 0) + (name === demo.tulip.name ? -3 : name === 'Tulip Purple Prince purple' ? 2 : 0);
    return { counts, tulips: tulips.filter((t) => (expected.get(t.name) ?? 0) > 0), expected, countedOf };
  });

  await test.step('the terminal’s file (Windows-1251, “;”, one barcode scanned in two goes, one unknown) is previewed, then added', async () => {
    const { counts, tulips, countedOf } = counted;
    const lines = ['Штрихкод;Количество'];
    for (const t of tulips) {
      const n = countedOf(t.name);
      if (t.name === 'Tulip Strong Gold yellow' && n > 1) lines.push(`${t.barcode};1`, `${t.barcode};${n - 1}`);
      else lines.push(`${t.barcode};${n}`);
    }
    lines.push(`${UNKNOWN_BARCODE};4`, '');
    await counts.previewFile('tulips.csv', iconv.encode(lines.join('\r\n'), 'win1251'));
    const dialog = counts.importDialog();
    await expect(dialog.getByTestId('terminal-summary')).toContainText('Windows-1251');
    await expect(dialog.getByTestId('terminal-matched').locator('tbody tr')).toHaveCount(tulips.length);
    await expect(dialog.getByTestId('terminal-unknown')).toContainText(UNKNOWN_BARCODE);
    // Nothing is in the count before "Add".
    await expect(page.getByTestId('count-totals')).toContainText('Counted: 0');
    const total = tulips.reduce((s, t) => s + countedOf(t.name), 0);
    const done = await counts.confirmImport();
    expect(done).toContain(String(total));
  });

  await test.step('the variance shows expected, counted and the two differences', async () => {
    const { counts, tulips, expected, countedOf } = counted;
    for (const t of tulips) await expect(counts.line(t.name).getByTestId('count-line-counted')).toHaveText(String(countedOf(t.name)));
    await counts.filter('differences');
    await expect(page.getByTestId('count-line')).toHaveCount(2);
    const pink = await counts.lineCells(demo.tulip.name);
    expect(pink[2]).toBe(String(expected.get(demo.tulip.name)));
    expect(pink[4]).toMatch(/^[-−]3$/);
    expect(pink[5]).toMatch(/^[-−]/);
    const purple = await counts.lineCells('Tulip Purple Prince purple');
    expect(purple[4]).toBe('+2');
    // The value of the difference is the backend's (oldest lots' cost for what is missing, the newest lot's for what was found).
    const open = (await api.call('counts.list', { limit: 5 })).find((c) => c.status === 'open');
    const detail = await api.call('counts.get', { id: open?.id ?? '' });
    const net = detail.totals.value ?? 0;
    expect(net).toBeLessThan(0);
    await expect(page.getByTestId('count-total-value')).toContainText(GEL(net));
    expect(pink[5]).toBe(GEL(detail.lines.find((l) => l.name === demo.tulip.name)?.value ?? 0));
  });

  await test.step('the manager posts it: stock equals the count, and the audit log says who posted it', async () => {
    const { counts, tulips, countedOf } = counted;
    const notice = await counts.post();
    expect(notice).toContain(String(tulips.length));
    await stock.open();
    await stock.expectQuantity(demo.tulip.name, countedOf(demo.tulip.name));
    await stock.expectQuantity('Tulip Purple Prince purple', countedOf('Tulip Purple Prince purple'));
    await stock.expectQuantity(demo.whiteTulip.name, countedOf(demo.whiteTulip.name));
    await page.getByTestId('nav-audit').click();
    const row = page.getByTestId('audit-row').filter({ hasText: 'Stock count posted' }).first();
    await expect(row).toBeVisible();
    await expect(row).toContainText(demoUser('manager').names.en);
  });
});

/** The shrink screen's default period: the last 30 days, today included (UTC days). */
function last30Days(): { from: string; to: string } {
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(new Date(now.getTime() - 29 * 86_400_000)), to: day(now) };
}
