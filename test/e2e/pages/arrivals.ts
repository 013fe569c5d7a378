import { expect, type Page } from '@playwright/test';

/** The arrivals screen: a delivery typed in off the supplier's invoice, line by line, then posted. */
export class ArrivalsScreen {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('arrivals-page');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-arrivals').click();
    await expect(this.page.getByTestId('arrival-form')).toBeVisible();
  }

  async header(supplier: string, invoiceNo: string): Promise<void> {
    await this.page.getByTestId('arrival-supplier').selectOption({ label: supplier });
    await this.page.getByTestId('arrival-invoice').fill(invoiceNo);
  }

  line(productId: string) {
    return this.page.locator(`[data-testid="arrival-line"][data-product="${productId}"]`);
  }

  /** Search by name and pick the product from the results (a line appears for it). */
  async addProduct(productId: string, name: string): Promise<void> {
    await this.page.getByTestId('arrival-search').fill(name);
    await this.page.getByTestId('arrival-search-results').getByRole('option').filter({ hasText: name }).first().getByRole('button').click();
    await expect(this.line(productId)).toBeVisible();
  }

  /** A line in the supplier's packs: how many packs of what size, and what one pack cost (typed as on the invoice). */
  async inPacks(productId: string, packs: number, packSize: number, packCost: string): Promise<void> {
    const line = this.line(productId);
    await expect(line.getByTestId('arrival-packs')).toBeVisible();
    await line.getByTestId('arrival-packs').fill(String(packs));
    await line.getByTestId('arrival-pack-size').fill(String(packSize));
    await line.getByTestId('arrival-cost').fill(packCost);
  }

  /** A line in stems (pieces, metres): how many and what one cost. */
  async inStems(productId: string, quantity: number, unitCost: string): Promise<void> {
    const line = this.line(productId);
    await line.getByTestId('arrival-qty').fill(String(quantity));
    await line.getByTestId('arrival-cost').fill(unitCost);
  }

  lineTotal(productId: string) {
    return this.line(productId).getByTestId('arrival-line-total');
  }

  total() {
    return this.page.getByTestId('arrival-total');
  }

  /** Posts and reads the confirmation; returns the arrival's number from its title. */
  async post(): Promise<{ number: number; text: string }> {
    await this.page.getByTestId('arrival-post').click();
    const posted = this.page.getByTestId('arrival-posted');
    await expect(posted).toBeVisible();
    const title = (await posted.textContent()) ?? '';
    const text = (await this.page.getByTestId('arrival-posted-total').textContent()) ?? '';
    await this.page.getByTestId('arrival-posted-close').click();
    await expect(posted).toBeHidden();
    return { number: Number(/(\d+)/.exec(title)?.[1]), text };
  }
}
