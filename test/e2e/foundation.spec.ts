import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiWindow } from './api';
import { demoUser } from './demo';
import { expect, test } from './fixtures';
import { ProductsScreen, russianLayoutKeys, Scanner, SetupScreen, Shell, SignInScreen } from './pages';

const LOCALES = join(import.meta.dirname, '..', '..', 'locales');
const ka = (file: string) => JSON.parse(readFileSync(join(LOCALES, 'ka', file), 'utf8')) as Record<string, unknown>;

// The code an in-shop Code 128 label carries: capitals (typed with Shift), a dash and digits — exactly
// what a Russian layout would garble if the scanner were read by characters instead of key positions.
const LABEL = 'FLR-4821';

/** Issue 2, item 9: the first start of Posy, end to end, in Chromium against browser mode. */
test('fresh start → demo shop → cashier by PIN → Georgian → search, scan with a Russian layout → refused an owner-only screen', async ({
  page,
  posy,
}) => {
  const owner = demoUser('owner');
  const cashier = demoUser('cashier');

  await test.step('start fresh and open the demo shop', async () => {
    await page.goto(posy.url);
    await expect(page).not.toHaveURL(/token=/); // the token leaves the address bar at once
    await new SetupScreen(page).openDemoShop();
  });

  // Prepared through the API as the owner would (from another window): a product to find by a part of its
  // Georgian name, and another that gets an in-shop label with letters to scan.
  const api = new ApiWindow(posy);
  const { target, fragment, scanned } = await test.step('the owner labels a product (second window, through the API)', async () => {
    await api.signIn(owner.names.en, owner.password ?? '');
    const flowers = await api.call('catalog.search', { lang: 'ka', kind: 'cut_flower', limit: 200 });
    let found: { target: (typeof flowers.items)[number]; fragment: string } | null = null;
    outer: for (const item of flowers.items) {
      for (const word of item.name.split(/\s+/)) {
        if ([...word].length < 6) continue;
        const piece = [...word].slice(1, 5).join(''); // from inside the word: any part of a name matches
        const hits = await api.call('catalog.search', { lang: 'ka', query: piece, limit: 20 });
        if (hits.total <= 8 && hits.items.some((i) => i.id === item.id)) {
          found = { target: item, fragment: piece };
          break outer;
        }
      }
    }
    if (!found) throw new Error('no Georgian product name with a distinctive fragment in the demo catalogue');
    const other = flowers.items.find((i) => i.id !== found.target.id && i.name !== found.target.name);
    if (!other) throw new Error('the demo catalogue has a single flower');
    await api.call('catalog.addBarcode', { id: other.id, code: LABEL });
    await api.call('users.signOut', {});
    return { ...found, scanned: other };
  });

  const signIn = new SignInScreen(page);
  const shell = new Shell(page);
  const products = new ProductsScreen(page);

  let allProducts = '';
  await test.step('sign in as the cashier by PIN: the counter opens on the sale screen; F2 shows the products', async () => {
    await signIn.withPin(cashier.names.en, cashier.pin ?? '');
    await expect(page.getByTestId('sale-page')).toBeVisible();
    await page.keyboard.press('F2');
    await expect(products.rows().first()).toBeVisible();
    allProducts = /\d+/.exec((await page.getByTestId('products-count').textContent()) ?? '')?.[0] ?? '';
    expect(Number(allProducts)).toBeGreaterThanOrEqual(150);
    await expect(page.getByTestId('switch-user')).toBeVisible();
  });

  await test.step('switch the language to Georgian', async () => {
    await shell.chooseLanguage('ka');
    const common = ka('common.json') as { nav: { products: string } };
    await expect(shell.nav('products')).toContainText(common.nav.products);
  });

  await test.step('find a product by typing part of its Georgian name', async () => {
    await products.search().fill(fragment);
    await expect(products.rows().filter({ hasText: target.name }).first()).toBeVisible();
  });

  await test.step('find a product by a scanner burst typed while a Russian layout is active', async () => {
    await products.search().fill('');
    // Let the full list come back first: the scan is the only thing this step should test.
    await expect(page.getByTestId('products-count')).toContainText(allProducts);
    await page.waitForTimeout(300);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const scanner = await Scanner.attach(page);
    await scanner.burst(russianLayoutKeys(LABEL));
    await expect(products.detail()).toBeVisible();
    await expect(products.detail()).toContainText(scanned.name);
  });

  await test.step('the cashier opens Roles & permissions and is refused, in Georgian', async () => {
    await shell.open('roles');
    const api = ka('errors/api.json') as { forbidden: string };
    const common = ka('common.json') as { permissions: { roles: { manage: string } } };
    const expected = api.forbidden.replace('{{permission}}', common.permissions.roles.manage);
    await expect(shell.visibleError()).toContainText(expected);
  });
});
