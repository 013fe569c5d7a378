import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, mkdtempSync, rmSync, startServer, stopServer, test } from './fixtures';

/** Whole-window situations: a tab without the launch token, a database that cannot be opened, fonts. */

test('a tab opened without the link is told to open the link Posy printed; no request leaves the machine', async ({ page, posy }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:') outside.push(request.url());
  });

  await page.goto(posy.origin);
  await expect(page.getByTestId('error-message')).toContainText("missing Posy's access key");
  await expect(page.getByText('Posy is running in browser mode')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open Posy from its link');

  // With the link: the first-start screen, and the Georgian font comes from the app itself.
  const fonts: string[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.woff2') && response.ok()) fonts.push(response.url());
  });
  await page.goto(posy.url);
  await page.reload(); // only the fragment changed: a same-document navigation, so load it afresh
  await expect(page.getByTestId('setup-demo')).toBeVisible();
  await page.getByTestId('language-switcher').selectOption('ka');
  await expect(page.getByTestId('setup-demo')).toContainText('სადემონსტრაციო მაღაზიის გახსნა');
  await page.evaluate(() => document.fonts.ready);
  await expect.poll(() => fonts.some((f) => f.includes('noto-sans-georgian'))).toBe(true);
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Georgian"', 'ქართული'))).toBe(true);
  expect(outside).toEqual([]);
});

test('a damaged database: a calm, translated full-screen message; the file is left as it was', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'posy-e2e-damaged-'));
  const garbage = 'this is not an SQLite database '.repeat(200);
  writeFileSync(join(dataDir, 'posy.db'), garbage);
  const { child, server } = await startServer(dataDir);
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('error-message')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Posy could not open the shop's data");
    await expect(page.getByText('Nothing was changed')).toBeVisible();
    // The same screen in Russian, switched on the spot.
    await page.getByTestId('language-switcher').selectOption('ru');
    await expect(page.getByText('Ничего не изменено')).toBeVisible();
  } finally {
    await stopServer(child);
  }
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(join(dataDir, 'posy.db'), 'utf8')).toBe(garbage);
  rmSync(dataDir, { recursive: true, force: true });
});

test('an error nobody caught is shown calmly over the screen, which stays as it was, and lands in the log', async ({ page, posy }) => {
  await page.goto(posy.url);
  await page.getByTestId('setup-new').click();
  await page.getByLabel('Shop name').fill('Half-typed shop name');
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('e2e: an uncaught renderer error');
    });
  });
  await expect(page.locator('.notice').getByTestId('error-message')).toHaveText(
    'Something went wrong. What is on the screen is kept, and the problem has been written to the log.',
  );
  await expect(page.getByLabel('Shop name')).toHaveValue('Half-typed shop name');

  const { readdirSync, readFileSync } = await import('node:fs');
  const logs = join(posy.dataDir, 'logs');
  await expect
    .poll(() => readdirSync(logs).some((f) => readFileSync(join(logs, f), 'utf8').includes('e2e: an uncaught renderer error')))
    .toBe(true);

  await page.locator('.notice').getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.notice')).toHaveCount(0);
});

test('Posy stops while someone works: a notice over the screen, which is kept', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'posy-e2e-stop-'));
  const { child, server } = await startServer(dataDir);
  try {
    await page.goto(server.url);
    await page.getByTestId('setup-new').click();
    await page.getByLabel('Shop name').fill('Corner Flowers');
    await page.getByLabel("Owner's name").fill('Aigerim');
    await page.getByLabel('Password', { exact: true }).fill('almaty-2024');
    await page.getByLabel('Repeat the password').fill('almaty-2024');
    await page.getByLabel('Repeat the password').press('Enter');
    await expect(page.locator('.topbar')).toContainText('Corner Flowers');

    await stopServer(child);
    await page.getByTestId('nav-users').click();
    await expect(page.locator('.connection-lost')).toContainText('No connection to Posy');
    await expect(page.locator('.topbar')).toContainText('Corner Flowers');
    await expect(page.getByTestId('nav-users')).toHaveAttribute('aria-current', 'page');
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
