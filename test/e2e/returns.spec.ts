import { ApiWindow } from './api';
import { demoUser } from './demo';
import { expect, test } from './fixtures';
import { SetupScreen, SignInScreen } from './pages';
import { JournalScreen } from './pages/journal';
import { formatMoney } from '../../renderer/format/money';

const GEL = (minor: number) => formatMoney(minor, 'GEL', 'en');

/** Issue 3, item 4: a sale found in the journal, one of its lines returned to stock, the journal shows the return. */
test('a sale via the API → open it in the journal → return one line to stock → the journal shows the return', async ({ page, posy }) => {
  const owner = demoUser('owner');
  const manager = demoUser('manager');
  const api = new ApiWindow(posy);
  const journal = new JournalScreen(page);

  await test.step('demo shop', async () => {
    await page.goto(posy.url);
    await new SetupScreen(page).openDemoShop();
  });

  const { sale, returned, kept, stockBefore } = await test.step('the owner opens a shift and sells two products (through the API)', async () => {
    await api.signIn(owner.names.en, owner.password ?? '');
    await api.call('shifts.open', { openingFloat: 10_000 });
    const tiles = await api.call('sales.tiles', {});
    const inStock: { productId: string; name: string; stock: number }[] = [];
    for (const tile of tiles) {
      const quote = await api.call('sales.quote', { lines: [{ productId: tile.productId, quantity: 2 }] });
      const line = quote.lines[0];
      if (line && line.stock >= 2 && !inStock.some((p) => p.name === line.name)) inStock.push({ productId: tile.productId, name: line.name, stock: line.stock });
      if (inStock.length === 2) break;
    }
    const [first, second] = inStock;
    if (!first || !second) throw new Error('the demo tiles have fewer than two products in stock');
    const draft = { lines: [{ productId: first.productId, quantity: 2 }, { productId: second.productId, quantity: 1 }] };
    const quote = await api.call('sales.quote', draft);
    const sale = await api.call('sales.commit', { ...draft, payments: [{ method: 'cash', tendered: quote.cashTotal }], print: false });
    return { sale, returned: first, kept: second, stockBefore: first.stock - 2 };
  });

  await test.step('the manager signs in and opens the sale in the journal', async () => {
    await new SignInScreen(page).withPassword(manager.names.en, manager.password ?? '');
    await journal.open();
    await journal.openSale(sale.number);
    await expect(journal.detail().getByTestId('journal-line')).toHaveCount(2);
    await expect(journal.detail().getByTestId('journal-detail-total')).toHaveText(GEL(sale.total));
  });

  await test.step('the refund is shown before confirming, and follows the quantity', async () => {
    await journal.startReturn();
    const line = journal.returnLine(returned.name);
    const preview = journal.returnPreview();
    await expect(preview).toContainText('Choose how many come back');
    await expect(preview.getByTestId('return-preview-total')).toHaveCount(0);

    // The backend's own price of the same choices (the dialog computes no money).
    const lookup = await api.call('returns.lookup', { saleId: sale.saleId });
    const lineId = lookup.lines.find((l) => l.name === returned.name)?.id ?? '';
    const priceOf = (quantity: number) => api.call('returns.quote', { saleId: sale.saleId, lines: [{ lineId, quantity, disposition: 'restock' }] });
    const [two, one] = await Promise.all([priceOf(2), priceOf(1)]);
    // All cash was paid, so all comes back in cash.
    expect(one.refunds.map((r) => r.method)).toEqual(['cash']);

    await line.getByTestId('return-quantity').fill('2');
    await expect(preview.getByTestId('return-preview-total')).toHaveText(GEL(two.total));
    await expect(preview.getByTestId('return-preview-cash')).toContainText(GEL(two.total));
    await expect(preview.getByTestId('return-preview-card')).toHaveCount(0);
    await expect(line.getByTestId('return-line-refund')).toHaveText(GEL(two.lines[0]?.refund ?? -1));

    await line.getByTestId('return-quantity').fill('1');
    await expect(preview.getByTestId('return-preview-total')).toHaveText(GEL(one.total));
    await expect(preview.getByTestId('return-preview-cash')).toContainText(GEL(one.total));
    await expect(line.getByTestId('return-line-refund')).toHaveText(GEL(one.lines[0]?.refund ?? -1));
    await expect(preview).not.toHaveAttribute('aria-busy', 'true');
  });

  await test.step('asking for more than was sold is refused under the line, translated, and nothing is priced', async () => {
    const line = journal.returnLine(returned.name);
    await line.getByTestId('return-quantity').fill('5');
    await expect(line.getByTestId('error-message')).toContainText(`Only 2 of “${returned.name}” can still be returned`);
    await expect(journal.returnPreview().getByTestId('return-preview-total')).toHaveCount(0);
    await expect(journal.returnPreview()).toContainText('Correct the marked line');
    await line.getByTestId('return-quantity').fill('1');
    await expect(line.getByTestId('error-message')).toHaveCount(0);
    await expect(journal.returnPreview().getByTestId('return-preview-total')).toBeVisible();
  });

  const previewed = await test.step('return one of the first line, back to stock, with a reason', async () => {
    const line = journal.returnLine(returned.name);
    const previewed = await journal.returnPreview().getByTestId('return-preview-total').textContent();
    await expect(line.getByTestId('return-restock')).toHaveAttribute('aria-pressed', 'true');
    await journal.returnDialog().getByTestId('return-reason-changedMind').click();
    await journal.returnDialog().getByTestId('return-confirm').click();
    const done = page.getByTestId('return-done');
    await expect(done).toBeVisible();
    // All cash was paid, so the refund is cash, and the dialog says what to hand back.
    await expect(done.getByTestId('return-refund-cash')).toBeVisible();
    await expect(done.getByTestId('return-give-cash')).toBeVisible();
    // What was shown before confirming is what was refunded.
    await expect(done.getByTestId('return-refund-total')).toHaveText(previewed ?? '');
    await done.getByTestId('return-done-close').click();
    await expect(done).toBeHidden();
    return previewed;
  });
  expect(previewed).toMatch(/\d/);

  await test.step('the journal shows the return, and the sale shows the line as partly returned', async () => {
    await expect(journal.returnRows()).toHaveCount(1);
    await expect(journal.detail().getByTestId('journal-line').filter({ hasText: returned.name }).getByTestId('journal-line-returned')).toBeVisible();
    await expect(journal.detail().getByTestId('journal-line').filter({ hasText: kept.name }).getByTestId('journal-line-returned')).toHaveCount(0);
    await expect(journal.detail().getByTestId('journal-return-link')).toHaveCount(1);
    await journal.detail().getByTestId('journal-return-link').click();
    await expect(page.getByTestId('journal-detail-title')).toContainText('Return');
    await expect(journal.detail().getByTestId('journal-line')).toHaveCount(1);
  });

  await test.step('the returned flower is back in stock', async () => {
    const quote = await api.call('sales.quote', { lines: [{ productId: returned.productId, quantity: 1 }] });
    expect(quote.lines[0]?.stock).toBe(stockBefore + 1);
  });
});

/** A sale paid partly by card: before confirming, the cashier sees how much goes back to the card and how much in cash. */
test('a split-paid sale returned in full: the preview shows the card part and the cash part before confirming', async ({ page, posy }) => {
  const owner = demoUser('owner');
  const api = new ApiWindow(posy);
  const journal = new JournalScreen(page);

  await page.goto(posy.url);
  // The file's server is shared: the shop may be set up (and its shift open) by the test before.
  await expect(page.getByTestId('setup-demo').or(page.getByTestId('user-tile').first())).toBeVisible({ timeout: 30_000 });
  if (await page.getByTestId('setup-demo').isVisible()) await new SetupScreen(page).openDemoShop();
  await api.signIn(owner.names.en, owner.password ?? '');
  if (!(await api.call('shifts.current', {}))) await api.call('shifts.open', { openingFloat: 10_000 });
  const tiles = await api.call('sales.tiles', {});
  let productId = '';
  for (const tile of tiles) {
    const quote = await api.call('sales.quote', { lines: [{ productId: tile.productId, quantity: 2 }] });
    if ((quote.lines[0]?.stock ?? 0) >= 2) {
      productId = tile.productId;
      break;
    }
  }
  expect(productId).not.toBe('');
  const draft = { lines: [{ productId, quantity: 2 }] };
  const quote = await api.call('sales.quote', draft);
  const card = Math.floor(quote.total / 2);
  const sale = await api.call('sales.commit', {
    ...draft,
    payments: [
      { method: 'card', amount: card },
      { method: 'cash', tendered: quote.cashTotal },
    ],
    print: false,
  });

  await new SignInScreen(page).withPassword(owner.names.en, owner.password ?? '');
  await journal.open();
  await journal.openSale(sale.number);
  await journal.startReturn();
  await journal.returnDialog().getByTestId('return-all').click();

  const lookup = await api.call('returns.lookup', { saleId: sale.saleId });
  const all = await api.call('returns.quote', {
    saleId: sale.saleId,
    lines: lookup.lines.map((l) => ({ lineId: l.id, quantity: l.returnable, disposition: 'restock' as const })),
  });
  const cardBack = all.refunds.find((r) => r.method === 'card')?.amount ?? 0;
  const cashBack = all.refunds.find((r) => r.method === 'cash')?.amount ?? 0;
  // Returning everything gives back exactly what each method paid.
  expect(cardBack).toBe(card);
  expect(cardBack + cashBack).toBe(sale.total);

  const preview = journal.returnPreview();
  await expect(preview.getByTestId('return-preview-card')).toContainText(GEL(cardBack));
  await expect(preview.getByTestId('return-preview-cash')).toContainText(GEL(cashBack));
  await expect(preview.getByTestId('return-preview-total')).toHaveText(GEL(sale.total));

  await journal.returnDialog().getByTestId('return-reason-wilted').click();
  await journal.returnDialog().getByTestId('return-confirm').click();
  const done = page.getByTestId('return-done');
  await expect(done.getByTestId('return-refund-card')).toContainText(GEL(cardBack));
  await expect(done.getByTestId('return-refund-cash')).toContainText(GEL(cashBack));
  await expect(done.getByTestId('return-refund-total')).toHaveText(GEL(sale.total));
});
