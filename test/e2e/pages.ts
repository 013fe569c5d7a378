import { expect, type CDPSession, type Page } from '@playwright/test';

/** Page models: what a person does on each screen, in the words of the screen, by test id. */

export class SetupScreen {
  constructor(private readonly page: Page) {}

  async openDemoShop(): Promise<void> {
    await this.page.getByTestId('setup-demo').click();
    // Seeding the demo shop takes a moment; the picker shows when it is done.
    await expect(this.page.getByTestId('user-tile').first()).toBeVisible({ timeout: 60_000 });
  }
}

export class SignInScreen {
  constructor(private readonly page: Page) {}

  tile(name: string) {
    return this.page.getByTestId('user-tile').filter({ hasText: name });
  }

  async withPin(name: string, pin: string): Promise<void> {
    await this.tile(name).click();
    const input = this.page.getByTestId('pin-input');
    await expect(input).toBeFocused();
    await input.pressSequentially(pin);
    await this.page.getByTestId('signin-submit').click();
  }

  async withPassword(name: string, password: string): Promise<void> {
    await this.tile(name).click();
    await this.page.getByTestId('password-input').fill(password);
    await this.page.keyboard.press('Enter');
  }

  error() {
    return this.page.getByTestId('error-message');
  }
}

export class Shell {
  constructor(private readonly page: Page) {}

  async chooseLanguage(lang: 'en' | 'ru' | 'ka' | 'kk' | 'uz'): Promise<void> {
    await this.page.getByTestId('language-switcher').selectOption(lang);
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang);
  }

  nav(id: 'sale' | 'products' | 'journal' | 'shift' | 'devices' | 'users' | 'roles' | 'audit' | 'shop') {
    return this.page.getByTestId(`nav-${id}`);
  }

  async open(id: 'sale' | 'products' | 'journal' | 'shift' | 'devices' | 'users' | 'roles' | 'audit' | 'shop'): Promise<void> {
    await this.nav(id).click();
  }

  /** The screen on show (visited screens stay mounted but hidden, so scope lookups to this). */
  visiblePage() {
    return this.page.locator('main.page > section:not([hidden])');
  }

  visibleError() {
    return this.visiblePage().getByTestId('error-message');
  }
}

export class ProductsScreen {
  constructor(private readonly page: Page) {}

  search() {
    return this.page.getByTestId('product-search');
  }

  rows() {
    return this.page.getByTestId('product-row');
  }

  detail() {
    return this.page.getByTestId('product-detail');
  }
}

/**
 * What a keyboard-wedge scanner does: key events a few milliseconds apart, ending in Enter. Each key is
 * sent through CDP with the physical `code` and the `key`/`text` the active layout produces, so a
 * Russian layout can be simulated (KeyF types "а", Shift+KeyF "А").
 */
export class Scanner {
  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<Scanner> {
    return new Scanner(await page.context().newCDPSession(page));
  }

  /**
   * Each event carries its own timestamp, `gapMs` after the previous one, as a scanner's hardware events
   * do: CDP waits for the page to take each event, so a busy page must not stretch the burst into typing.
   */
  async burst(keys: readonly LayoutKey[], gapMs = 4): Promise<void> {
    this.clock = Date.now() / 1000;
    for (const k of keys) {
      if (k.shift) await this.key('keyDown', { code: 'ShiftLeft', key: 'Shift', windowsVirtualKeyCode: 16 }, 8);
      const modifiers = k.shift ? 8 : 0;
      await this.key('keyDown', { code: k.code, key: k.key, text: k.key, unmodifiedText: k.key, windowsVirtualKeyCode: k.vk }, modifiers);
      await this.key('keyUp', { code: k.code, key: k.key, windowsVirtualKeyCode: k.vk }, modifiers);
      if (k.shift) await this.key('keyUp', { code: 'ShiftLeft', key: 'Shift', windowsVirtualKeyCode: 16 }, 0);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    await this.key('keyDown', { code: 'Enter', key: 'Enter', text: '\r', windowsVirtualKeyCode: 13 }, 0);
    await this.key('keyUp', { code: 'Enter', key: 'Enter', windowsVirtualKeyCode: 13 }, 0);
  }

  private clock = 0;

  private key(type: 'keyDown' | 'keyUp', params: Record<string, unknown>, modifiers: number) {
    this.clock += 0.001;
    return this.cdp.send('Input.dispatchKeyEvent', { type, modifiers, timestamp: this.clock, ...params });
  }
}

export interface LayoutKey {
  code: string;
  key: string;
  vk: number;
  shift?: boolean;
}

// What the Russian ЙЦУКЕН layout types on the US key positions (unshifted / shifted).
const RU_LETTERS: Record<string, [string, string]> = {
  KeyQ: ['й', 'Й'], KeyW: ['ц', 'Ц'], KeyE: ['у', 'У'], KeyR: ['к', 'К'], KeyT: ['е', 'Е'], KeyY: ['н', 'Н'],
  KeyU: ['г', 'Г'], KeyI: ['ш', 'Ш'], KeyO: ['щ', 'Щ'], KeyP: ['з', 'З'], KeyA: ['ф', 'Ф'], KeyS: ['ы', 'Ы'],
  KeyD: ['в', 'В'], KeyF: ['а', 'А'], KeyG: ['п', 'П'], KeyH: ['р', 'Р'], KeyJ: ['о', 'О'], KeyK: ['л', 'Л'],
  KeyL: ['д', 'Д'], KeyZ: ['я', 'Я'], KeyX: ['ч', 'Ч'], KeyC: ['с', 'С'], KeyV: ['м', 'М'], KeyB: ['и', 'И'],
  KeyN: ['т', 'Т'], KeyM: ['ь', 'Ь'],
};

/** The keys a scanner presses for `code` (US layout positions), as a Russian layout would report them. */
export function russianLayoutKeys(code: string): LayoutKey[] {
  return [...code].map((ch) => {
    if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, key: ch, vk: ch.charCodeAt(0) };
    if (ch === '-') return { code: 'Minus', key: '-', vk: 189 };
    if (/[A-Za-z]/.test(ch)) {
      const physical = `Key${ch.toUpperCase()}`;
      const shift = ch !== ch.toLowerCase();
      const produced = RU_LETTERS[physical];
      if (!produced) throw new Error(`no Russian mapping for ${physical}`);
      return { code: physical, key: shift ? produced[1] : produced[0], vk: ch.toUpperCase().charCodeAt(0), shift };
    }
    throw new Error(`the test scanner cannot type ${JSON.stringify(ch)}`);
  });
}
