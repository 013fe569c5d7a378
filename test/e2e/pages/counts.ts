import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** Stock counts: a new count of a category, the terminal's file imported, the variance posted. */
export class CountsScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-counts').click();
    await expect(this.page.getByTestId('counts-page')).toBeVisible();
  }

  screen() {
    return this.page.getByTestId('count-screen');
  }

  async create(category: string): Promise<void> {
    await this.page.getByTestId('count-new').click();
    const dialog = this.page.getByTestId('count-create-dialog');
    await expect(dialog).toBeVisible();
    // Options are indented by depth with no-break spaces; match the name at the end.
    const options = await dialog.getByTestId('count-create-category').locator('option').allTextContents();
    const label = options.find((o) => o.replace(/\u00A0/g, '').trim() === category);
    if (!label) throw new Error(`no category ${category} in ${options.join(', ')}`);
    await dialog.getByTestId('count-create-category').selectOption({ label });
    await dialog.getByTestId('count-create-confirm').click();
    await expect(this.screen()).toBeVisible();
    await expect(this.page.getByTestId('count-status')).toHaveText('Open');
  }

  /** "Export product list" for the terminal: the downloaded file's bytes. */
  async exportProductList(): Promise<Buffer> {
    await this.page.getByTestId('terminal-export-open').click();
    const dialog = this.page.getByTestId('terminal-export-dialog');
    await expect(dialog).toBeVisible();
    const [download] = await Promise.all([this.page.waitForEvent('download'), dialog.getByTestId('terminal-export-save').click()]);
    await expect(dialog.getByTestId('terminal-export-done')).toBeVisible();
    const bytes = readFileSync(await download.path());
    await this.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    return bytes;
  }

  importDialog() {
    return this.page.getByTestId('terminal-import-dialog');
  }

  /** Picks the terminal's file and waits for its preview (nothing is added yet). */
  async previewFile(name: string, bytes: Buffer): Promise<void> {
    await this.page.getByTestId('count-import-file').click();
    await expect(this.importDialog()).toBeVisible();
    await this.importDialog().getByTestId('terminal-file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
    await expect(this.importDialog().getByTestId('terminal-preview')).toBeVisible();
  }

  async confirmImport(): Promise<string> {
    await this.importDialog().getByTestId('terminal-import-confirm').click();
    const done = this.importDialog().getByTestId('terminal-import-done');
    await expect(done).toBeVisible();
    const text = (await done.textContent()) ?? '';
    await this.importDialog().getByTestId('terminal-import-close').click();
    await expect(this.importDialog()).toBeHidden();
    return text;
  }

  line(name: string) {
    return this.page.getByTestId('count-line').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** A count line's cells: product, barcode, expected, counted, difference, value (the variance view). */
  async lineCells(name: string): Promise<string[]> {
    return this.line(name).getByRole('cell').allTextContents();
  }

  async filter(which: 'all' | 'differences' | 'uncounted' | 'counted'): Promise<void> {
    await this.page.getByTestId(`count-filter-${which}`).click();
  }

  async post(): Promise<string> {
    await this.page.getByTestId('count-post').click();
    const dialog = this.page.getByTestId('count-post-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('count-post-uncounted')).toHaveCount(0);
    await dialog.getByTestId('count-post-confirm').click();
    await expect(dialog).toBeHidden();
    const notice = this.page.getByTestId('count-posted-notice');
    await expect(notice).toBeVisible();
    await expect(this.page.getByTestId('count-status')).toHaveText('Posted');
    return (await notice.textContent()) ?? '';
  }
}
