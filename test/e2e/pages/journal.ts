import { expect, type Page } from '@playwright/test';

/** The sales journal (F3): the list with its filters, a sale's detail, and the return dialog opened from it. */
export class JournalScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-journal').click();
    await expect(this.page.getByTestId('journal-page')).toBeVisible();
  }

  row(number: number) {
    return this.page.locator(`[data-testid="journal-row"][data-number="${number}"]`);
  }

  returnRows() {
    return this.page.locator('[data-testid="journal-row"][data-kind="return"]');
  }

  detail() {
    return this.page.getByTestId('journal-detail');
  }

  async openSale(number: number): Promise<void> {
    await this.row(number).click();
    await expect(this.page.getByTestId('journal-detail-title')).toContainText(String(number));
  }

  returnDialog() {
    return this.page.getByTestId('return-dialog');
  }

  async startReturn(): Promise<void> {
    await this.page.getByTestId('journal-return').click();
    await expect(this.returnDialog().getByTestId('return-line').first()).toBeVisible();
  }

  returnLine(name: string) {
    return this.returnDialog().getByTestId('return-line').filter({ hasText: name });
  }

  /** The refund as returns.quote prices the chosen lines, shown before the cashier confirms. */
  returnPreview() {
    return this.returnDialog().getByTestId('return-preview');
  }
}
