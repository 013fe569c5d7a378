import { expect, type Page } from '@playwright/test';
import { russianLayoutKeys, Scanner } from '../pages';

/** The sale screen (F1), in the words of the counter, by test id. */
export class SaleScreen {
  private scanner: Scanner | null = null;
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('sale-page');
  }

  lines() {
    return this.page.getByTestId('sale-line');
  }

  line(productId: string) {
    return this.page.locator(`[data-testid="sale-line"][data-product-id="${productId}"]`);
  }

  total() {
    return this.page.getByTestId('sale-total');
  }

  /** The total as the screen holds it, in minor units (what the last quote answered). */
  async totalMinor(): Promise<number> {
    return Number(await this.total().getAttribute('data-minor'));
  }

  noShiftBanner() {
    return this.page.getByTestId('no-shift');
  }

  notice() {
    return this.page.getByTestId('sale-notice');
  }

  /** A keyboard-wedge scanner burst: the code's keys a few ms apart, then Enter. */
  async scan(code: string): Promise<void> {
    this.scanner ??= await Scanner.attach(this.page);
    await this.scanner.burst(russianLayoutKeys(code));
  }

  /** A QR or Code 128 scan with a colon (a receipt's `posy:sale:<id>`): Shift+Semicolon, as a scanner sends it. */
  async scanText(text: string): Promise<void> {
    this.scanner ??= await Scanner.attach(this.page);
    const keys = [...text].flatMap((ch) => (ch === ':' ? [{ code: 'Semicolon', key: ':', vk: 186, shift: true }] : russianLayoutKeys(ch)));
    await this.scanner.burst(keys);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('sale-search').fill(text);
  }

  async attachClient(query: string, name: string): Promise<void> {
    await this.page.getByTestId('attach-client').click();
    await this.page.getByTestId('client-search').fill(query);
    await this.page.getByTestId('client-result').filter({ hasText: name }).click();
    await expect(this.page.getByTestId('sale-client')).toContainText(name);
  }

  async openPayment(): Promise<void> {
    await expect(this.page.getByTestId('pay-button')).toBeEnabled();
    await this.page.getByTestId('pay-button').click();
    await expect(this.page.getByTestId('payment-dialog')).toBeVisible();
  }

  /** Card for `card` (typed as the cashier would, e.g. "5.00"), the rest in cash with `tendered` handed over. */
  async paySplit(card: string, tendered: string): Promise<void> {
    await this.page.getByTestId('pay-split').click();
    await this.page.getByTestId('card-amount').fill(card);
    await this.page.getByTestId('tendered-input').fill(tendered);
  }

  async payCash(tendered: string): Promise<void> {
    await this.page.getByTestId('pay-cash').click();
    await this.page.getByTestId('tendered-input').fill(tendered);
  }

  async park(label: string): Promise<void> {
    await this.page.getByTestId('park-sale').click();
    await this.page.getByTestId('park-label').fill(label);
    await this.page.getByTestId('park-confirm').click();
    await expect(this.lines()).toHaveCount(0);
  }

  async resume(label: string): Promise<void> {
    await this.page.getByTestId('resume-sale').click();
    await this.page.getByTestId('parked-sale').filter({ hasText: label }).click();
    await expect(this.page.getByTestId('resume-dialog')).toBeHidden();
  }

  /** A discount on the selected line (Ctrl+D), in percent, with a reason. */
  async discountLine(percent: string, reason: string): Promise<void> {
    await this.page.keyboard.press('Control+d');
    await this.page.getByTestId('discount-kind-percent').click();
    await this.page.getByTestId('discount-value').fill(percent);
    await this.page.getByTestId('discount-reason').fill(reason);
    await this.page.getByTestId('discount-apply').click();
  }

  /** The manager approval dialog: pick the approver, type their secret. */
  async approve(name: string, secret: string): Promise<void> {
    const dialog = this.page.getByTestId('approval-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('approver').filter({ hasText: name }).click();
    await dialog.getByTestId('approval-secret').fill(secret);
    await dialog.getByTestId('approval-submit').click();
    await expect(dialog).toBeHidden();
  }

  changeShown() {
    return this.page.getByTestId('change-amount');
  }

  async commit(): Promise<void> {
    await this.page.getByTestId('commit-sale').click();
    await expect(this.page.getByTestId('sale-done')).toBeVisible();
  }

  done() {
    return this.page.getByTestId('sale-done');
  }
}
