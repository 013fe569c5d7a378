import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The stock screen's lots tab: every lot with its age, what is left, its cost and value (for who may
 * see costs), and the write-off button on each lot.
 */
export class StockScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-stock').click();
    await expect(this.page.getByTestId('stock-page')).toBeVisible();
    await this.page.getByTestId('stock-tab-lots').click();
    await expect(this.page.getByTestId('stock-totals')).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('stock-search').fill(text);
  }

  lot(lotId: string): Locator {
    return this.page.locator(`[data-testid="stock-lot"][data-lot-id="${lotId}"]`);
  }

  /** The lots of one product as shown (name matched whole). */
  lotsOf(name: string): Locator {
    return this.page.getByTestId('stock-lot').filter({ has: this.page.locator('.lot-name strong', { hasText: new RegExp(`^${escape(name)}$`) }) });
  }

  /** The lot's cells as the screen shows them: age, quantity, and (for who sees costs) unit cost and value. */
  async cells(lot: Locator): Promise<{ age: string; quantity: string; unitCost?: string; value?: string }> {
    const nums = await lot.locator('span.num').allTextContents();
    const [age = '', quantity = '', unitCost, value] = nums;
    return { age, quantity, ...(unitCost !== undefined ? { unitCost } : {}), ...(value !== undefined ? { value } : {}) };
  }

  /** The sum of the quantities of a product's lots on screen (after `search`), or null while none show. */
  async quantityOf(name: string): Promise<number | null> {
    const rows = await this.lotsOf(name).all();
    if (rows.length === 0) return null;
    let sum = 0;
    for (const row of rows) sum += Number((await this.cells(row)).quantity.replace(/[^\d]/g, ''));
    return sum;
  }

  /** Searches the product and waits until its lots on screen add up to `expected`. */
  async expectQuantity(name: string, expected: number): Promise<void> {
    await this.search(name);
    await expect.poll(() => this.quantityOf(name), { message: `stock of ${name} on the stock screen` }).toBe(expected);
  }

  /** Write off `quantity` from the lot, for a reason (the dialog's big buttons). */
  async writeOff(lotId: string, quantity: number, reason: 'wilted' | 'broken' | 'damaged' | 'display' | 'other', note?: string): Promise<void> {
    await this.lot(lotId).getByTestId('lot-writeoff').click();
    const dialog = this.page.getByTestId('writeoff-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('writeoff-quantity').fill(String(quantity));
    await dialog.getByTestId(`writeoff-reason-${reason}`).click();
    await expect(dialog.getByTestId(`writeoff-reason-${reason}`)).toHaveAttribute('aria-pressed', 'true');
    if (note) await dialog.getByTestId('writeoff-note').fill(note);
    await dialog.getByTestId('writeoff-confirm').click();
    await expect(dialog).toBeHidden();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
