import { expect, type Page } from '@playwright/test';

/** The counter's "Build a bouquet" dialog (Ctrl+B on the sale screen): stems by search, price live, add to the sale. */
export class BouquetBuilderDialog {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('bouquet-builder');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+b');
    await expect(this.root()).toBeVisible();
  }

  async startEmpty(): Promise<void> {
    await this.root().getByTestId('builder-empty').click();
    await expect(this.root().getByTestId('component-search')).toBeVisible();
  }

  line(name: string) {
    return this.root().getByTestId('builder-line').filter({ hasText: name });
  }

  /** Finds a stem by name and takes it; `quantity` more presses of + after the first. */
  async add(name: string, quantity: number): Promise<void> {
    await this.root().getByTestId('component-search').fill(name);
    await this.root().getByTestId('picker-result').filter({ hasText: name }).first().click();
    await expect(this.line(name)).toBeVisible();
    for (let i = 1; i < quantity; i++) {
      await this.line(name).getByTestId('builder-plus').click();
      await expect(this.line(name).getByTestId('builder-qty')).toHaveText(String(i + 1));
    }
  }

  price() {
    return this.root().getByTestId('builder-price');
  }

  async addToSale(): Promise<void> {
    await expect(this.root().getByTestId('builder-add')).toBeEnabled();
    await this.root().getByTestId('builder-add').click();
    await expect(this.root()).toBeHidden();
  }
}
