import { expect, type Page } from '@playwright/test';

/** The write-offs screen: the posted write-offs and the Shrink tab (reports.view). */
export class WriteoffsScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-writeoffs').click();
    await expect(this.page.getByTestId('writeoffs-page')).toBeVisible();
  }

  rows() {
    return this.page.getByTestId('writeoff-row');
  }

  async shrink(group: 'product' | 'reason' | 'age' | 'supplier' | 'variety' | 'category'): Promise<void> {
    await this.page.getByTestId('writeoffs-tab-shrink').click();
    await expect(this.page.getByTestId('shrink-report')).toBeVisible();
    await this.page.getByTestId(`shrink-group-${group}`).click();
    await expect(this.page.getByTestId(`shrink-group-${group}`)).toHaveAttribute('aria-checked', 'true');
  }

  /** A row of the shrink table by its group label (e.g. the reason "Wilted"). */
  shrinkRow(label: string) {
    return this.page.getByTestId('shrink-row').filter({ has: this.page.getByRole('cell', { name: label, exact: true }) });
  }

  shrinkTotal() {
    return this.page.getByTestId('shrink-total-cost');
  }
}
