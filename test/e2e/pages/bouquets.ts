import { expect, type Page } from '@playwright/test';

/** "Make bouquets": a recipe card's size, how many, the plan of components, Make. */
export class BouquetsScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-bouquets').click();
    await expect(this.page.getByTestId('bouquets-page')).toBeVisible();
    await expect(this.page.getByTestId('recipe-card').first()).toBeVisible();
  }

  async choose(recipe: string, size: 'small' | 'medium' | 'large'): Promise<void> {
    await this.page.getByTestId('recipe-filter').fill(recipe);
    await this.page.getByTestId('recipe-card').filter({ hasText: recipe }).getByTestId(`size-${size}`).click();
    await expect(this.page.getByTestId('plan-line').first()).toBeVisible();
  }

  async setCount(n: number): Promise<void> {
    const input = this.page.getByTestId('make-count');
    await input.fill(String(n));
    await input.blur();
    await expect(input).toHaveValue(String(n));
  }

  planLine(name: string) {
    return this.page.getByTestId('plan-line').filter({ hasText: name });
  }

  makeButton() {
    return this.page.getByTestId('make-button');
  }

  /** The History tab: the assemblies made, newest first (cells: number, when, bouquet, quantity, [unit cost,] who). */
  async history() {
    await this.open();
    await this.page.getByTestId('bouquets-tab-history').click();
    await expect(this.page.getByTestId('assembly-history')).toBeVisible();
    return this.page.getByTestId('assembly-row');
  }

  async make(): Promise<string> {
    await expect(this.makeButton()).toBeEnabled();
    await this.makeButton().click();
    const done = this.page.getByTestId('make-done');
    await expect(done).toBeVisible();
    return (await done.textContent()) ?? '';
  }
}
