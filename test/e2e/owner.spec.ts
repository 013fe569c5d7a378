import { expect, test } from './fixtures';
import { Shell, SignInScreen } from './pages';

// The second test signs in to the shop the first one set up (one server per file).
test.describe.configure({ mode: 'serial' });

/**
 * The other first start: a new shop with its owner; the owner adds a cashier and gives cashiers a
 * permission; the cashier signs in through a user switch (one wrong PIN first) and sees the result.
 * Driven from the keyboard where the app promises it (function keys, Enter).
 */
test('new shop → owner adds a cashier and a permission → switch user → the cashier sees the audit log', async ({ page, posy }) => {
  const shell = new Shell(page);
  const signIn = new SignInScreen(page);

  await test.step('set up a new shop, with field-level errors first', async () => {
    await page.goto(posy.url);
    await page.getByTestId('setup-new').click();
    await page.getByRole('button', { name: 'Create the shop' }).click();
    // Nothing filled in: the shop name is the first complaint, shown under its field.
    await expect(page.locator('.field.invalid')).toContainText('Shop name');
    await expect(page.locator('.field.invalid')).toContainText('Please fill this in.');

    await page.getByLabel('Shop name').fill('Flora on Rustaveli');
    await page.getByLabel('Currency').selectOption('GEL');
    await page.getByLabel("Owner's name").fill('Nino');
    await page.getByLabel('Password', { exact: true }).fill('rustaveli-2024');
    await page.getByLabel('Repeat the password').fill('rustaveli-2025');
    await page.getByRole('button', { name: 'Create the shop' }).click();
    await expect(page.locator('.field.invalid')).toContainText('The two passwords are different.');

    await page.getByLabel('Repeat the password').fill('rustaveli-2024');
    await page.getByLabel('Repeat the password').press('Enter');
    await expect(page.locator('.topbar')).toContainText('Flora on Rustaveli');
    await expect(page.locator('.topbar')).toContainText('Nino');
  });

  await test.step('F6 opens Users; a bad PIN is refused under its field; the cashier is added', async () => {
    await page.keyboard.press('F6');
    await expect(shell.nav('users')).toHaveAttribute('aria-current', 'page');
    const users = shell.visiblePage();
    await users.getByRole('button', { name: 'Add a user' }).click();
    await users.getByLabel('Name').fill('Tamar');
    await users.getByLabel('Role').selectOption('cashier');
    await users.getByLabel('PIN').fill('12');
    await users.getByRole('button', { name: 'Save' }).click();
    await expect(users.locator('.panel .field.invalid')).toContainText('A PIN is 4 to 8 digits.');
    await users.getByLabel('PIN').fill('4321');
    await users.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('user-row').filter({ hasText: 'Tamar' })).toContainText('Cashier');
  });

  await test.step('F7 opens Roles & permissions; cashiers may now view the audit log', async () => {
    await page.keyboard.press('F7');
    const cell = page.getByRole('checkbox', { name: 'Cashier: View the audit log' });
    await expect(cell).not.toBeChecked();
    await cell.check();
    await expect(cell).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Owner: View the audit log' })).toBeDisabled();
  });

  await test.step('F9 switches user; a typed wrong PIN is refused with the attempts left; the right one on the pad signs in', async () => {
    await page.keyboard.press('F9');
    await signIn.withPin('Tamar', '0000');
    await expect(signIn.error()).toHaveText('Wrong PIN. Attempts left: 4.');
    // This time on the on-screen pad, as on a touch screen.
    for (const digit of '4321') await page.locator('.pin-pad').getByRole('button', { name: digit, exact: true }).click();
    await expect(page.getByTestId('pin-input')).toHaveValue('4321');
    await page.getByTestId('signin-submit').click();
    await expect(page.locator('.topbar')).toContainText('Tamar');
  });

  await test.step('the cashier opens the audit log (granted) and is refused Users (not granted)', async () => {
    await expect(shell.nav('audit').locator('.lock')).toHaveCount(0);
    await expect(shell.nav('users').locator('.lock')).toHaveCount(1);
    await page.keyboard.press('F8');
    const rows = page.getByTestId('audit-row');
    await expect(rows.filter({ hasText: 'Wrong PIN or password' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Changed a role\'s permissions' }).first()).toContainText('Nino');
    await page.keyboard.press('F6');
    await expect(shell.visibleError()).toContainText('You don\'t have permission to do this: “View users”');
  });
});

test('five wrong PINs lock the cashier out, saying for how many minutes', async ({ page, posy }) => {
  const signIn = new SignInScreen(page);
  await page.goto(posy.url); // a new tab: nobody is signed in here
  await signIn.tile('Tamar').click();
  const pin = page.getByTestId('pin-input');
  for (let left = 4; left >= 1; left--) {
    await pin.fill('9999');
    await pin.press('Enter');
    await expect(signIn.error()).toHaveText(`Wrong PIN. Attempts left: ${left}.`);
  }
  await pin.fill('9999');
  await pin.press('Enter');
  await expect(signIn.error()).toHaveText('Too many wrong attempts. Try again in 5 min.');
  // Even the right PIN waits now.
  await pin.fill('4321');
  await pin.press('Enter');
  await expect(signIn.error()).toContainText('Try again in');
  await page.keyboard.press('Escape');
  await expect(signIn.tile('Tamar')).toContainText('locked for now');
});
