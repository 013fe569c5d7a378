import { expect, type Page } from '@playwright/test';

/** The shift screen (F4): open with a float, cash in/out, X report, count the drawer and close, the reports. */
export class ShiftScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-shift').click();
    await expect(this.root()).toBeVisible();
  }

  root() {
    return this.page.getByTestId('shift-page');
  }

  async openShift(float: string): Promise<void> {
    await this.page.getByTestId('shift-float').fill(float);
    await this.page.getByTestId('shift-open').click();
    await expect(this.page.getByTestId('shift-figures')).toBeVisible();
  }

  salesCount() {
    return this.page.getByTestId('shift-sales-count');
  }

  expectedCash() {
    return this.page.getByTestId('shift-expected-cash');
  }

  async cash(direction: 'in' | 'out', amount: string, reason: string): Promise<void> {
    await this.page.getByTestId(direction === 'in' ? 'shift-cash-in' : 'shift-cash-out').click();
    const dialog = this.page.getByTestId('cash-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('cash-amount').fill(amount);
    await dialog.getByTestId('cash-reason').fill(reason);
    await dialog.getByTestId('cash-confirm').click();
    await expect(dialog).toBeHidden();
  }

  /** Opens the close dialog and types a count for each given denomination (minor units → count). */
  async startClose(counts: Record<number, number>): Promise<void> {
    await this.page.getByTestId('shift-close').click();
    const dialog = this.page.getByTestId('close-dialog');
    await expect(dialog.getByTestId('count-row').first()).toBeVisible();
    for (const [denomination, count] of Object.entries(counts)) {
      await dialog.locator(`[data-testid="count-row"][data-denomination="${denomination}"]`).getByTestId('count-input').fill(String(count));
    }
  }

  countBalance() {
    return this.page.getByTestId('count-balance');
  }

  async confirmClose(): Promise<void> {
    await this.page.getByTestId('close-confirm').click();
    await expect(this.page.getByTestId('report-z')).toBeVisible();
  }

  zReport() {
    return this.page.getByTestId('report-z');
  }
}
