import { ApiWindow } from './api';
import { demoUser } from './demo';
import { expect, test } from './fixtures';
import { SetupScreen, SignInScreen } from './pages';
import { ShiftScreen } from './pages/shift';
import { formatMoney } from '../../renderer/format/money';

const GEL = (minor: number) => formatMoney(minor, 'GEL', 'en');

/** A product the demo shop has in stock, and what one of it costs now (the backend's quote). */
async function productInStock(api: ApiWindow, quantity = 1) {
  const tiles = await api.call('sales.tiles', {});
  for (const tile of tiles) {
    const quote = await api.call('sales.quote', { lines: [{ productId: tile.productId, quantity }] });
    const line = quote.lines[0];
    if (line && line.stock >= quantity) return { productId: tile.productId, name: line.name, total: quote.cashTotal };
  }
  throw new Error('no demo tile in stock');
}

/** Issue 3, item 5: a shift opened with a float, a sale, cash taken out, closed with a count that is short. */
test('open a shift → a sale → cash out → count the drawer → Z report with the variance', async ({ page, posy }) => {
  const owner = demoUser('owner');
  const cashier = demoUser('cashier');
  const api = new ApiWindow(posy);
  const shift = new ShiftScreen(page);

  await test.step('demo shop, the cashier signs in and opens a shift with a 100 GEL float', async () => {
    await page.goto(posy.url);
    await new SetupScreen(page).openDemoShop();
    await new SignInScreen(page).withPin(cashier.names.en, cashier.pin ?? '');
    await shift.open();
    await shift.openShift('100');
    await expect(shift.expectedCash()).toHaveText(GEL(10_000));
    await expect(shift.salesCount()).toHaveText('0');
  });

  const sale = await test.step('a sale paid in cash, made through the API (a second till window)', async () => {
    await api.signIn(owner.names.en, owner.password ?? '');
    const product = await productInStock(api);
    const done = await api.call('sales.commit', {
      lines: [{ productId: product.productId, quantity: 1 }],
      payments: [{ method: 'cash', tendered: product.total }],
      print: false,
    });
    return done;
  });

  await test.step('the shift screen follows: one sale, its cash expected in the drawer', async () => {
    await expect(shift.salesCount()).toHaveText('1');
    await expect(shift.expectedCash()).toHaveText(GEL(10_000 + sale.total));
  });

  await test.step('cash out 10 GEL for the courier', async () => {
    await shift.cash('out', '10', 'Courier');
    await expect(shift.expectedCash()).toHaveText(GEL(10_000 + sale.total - 1_000));
  });

  await test.step('an X report by its shortcut (Alt+X): the figures so far, and the shift stays open', async () => {
    await page.keyboard.press('Alt+X');
    const x = page.getByTestId('report-x');
    await expect(x).toBeVisible();
    await expect(x.getByTestId('report-sales-count')).toHaveText('1');
    await expect(x.getByTestId('report-expected')).toHaveText(GEL(10_000 + sale.total - 1_000));
    await expect(x.getByTestId('report-variance')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(x).toBeHidden();
    await expect(page.getByTestId('shift-figures')).toBeVisible();
  });

  const expected = 10_000 + sale.total - 1_000;
  // One 50-lari note and two 20s: 90 GEL counted.
  const counted = 5_000 + 2 * 2_000;
  const variance = counted - expected;

  await test.step('count the drawer: the total and how it stands show before confirming', async () => {
    await shift.startClose({ 5000: 1, 2000: 2 });
    await expect(page.getByTestId('count-total')).toHaveText(GEL(counted));
    await expect(page.getByTestId('count-expected')).toHaveText(GEL(expected));
    await expect(shift.countBalance()).toHaveAttribute('data-balance', variance < 0 ? 'short' : variance > 0 ? 'over' : 'even');
  });

  await test.step('close: the Z report shows expected, counted and the variance', async () => {
    await shift.confirmClose();
    const z = shift.zReport();
    await expect(z.getByTestId('report-expected')).toHaveText(GEL(expected));
    await expect(z.getByTestId('report-counted')).toHaveText(GEL(counted));
    await expect(z.getByTestId('report-variance')).toHaveText(GEL(variance));
    await expect(z.getByTestId('report-sales-count')).toHaveText('1');
    await expect(z.getByTestId('report-cash-out')).toHaveText(GEL(-1_000));
    await expect(z.getByTestId('report-movements')).toContainText('Courier');
    await expect(z.getByTestId('report-denominations')).toContainText(GEL(5_000));
  });

  await test.step('after closing: no shift open, and the Z report is listed to view again', async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shift-open-form')).toBeVisible();
    await expect(page.getByTestId('shift-report-row').filter({ has: page.locator('.kind-z') }).first()).toBeVisible();
    await page.locator('[data-testid="shift-report-row"][data-kind="z"]').first().click();
    await expect(shift.zReport().getByTestId('report-variance')).toHaveText(GEL(variance));
  });
});
