import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, BadLinkError, ConnectionError } from '../../renderer/api/client';
import { changeLanguage, i18n, initI18n, resources } from '../../renderer/i18n';
import { buildResources } from '../../renderer/i18n/resources';
import { errorField, translateError } from '../../renderer/i18n/translateError';
import { BadLink, StartupFailed } from '../../renderer/app/StatusScreens';
import { ErrorMessage } from '../../renderer/ui/ErrorMessage';
import { pageForKey } from '../../renderer/shell/nav';

beforeAll(async () => {
  await initI18n('en');
});

const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('bundled resources', () => {
  it('merge locales/<lang>/errors/<area>.json into the one namespace "errors", keyed by area', () => {
    const built = buildResources({
      '../../locales/en/common.json': { default: { hello: 'Hello' } },
      '../../locales/en/errors/catalog.json': { default: { barcodeTaken: 'Taken' } },
      '../../locales/en/errors/api.json': { default: { internal: 'Oops' } },
    });
    expect(built).toEqual({ en: { common: { hello: 'Hello' }, errors: { catalog: { barcodeTaken: 'Taken' }, api: { internal: 'Oops' } } } });
  });

  it('hold all five languages with the app namespaces, so nothing is fetched at run time', () => {
    expect(Object.keys(resources).sort()).toEqual(['en', 'ka', 'kk', 'ru', 'uz']);
    for (const lang of Object.keys(resources)) {
      for (const ns of ['common', 'setup', 'signin', 'settings', 'audit', 'errors']) expect(resources[lang]?.[ns], `${lang}:${ns}`).toBeDefined();
    }
  });
});

describe('translateError', () => {
  it('translates a backend messageKey in the current language, with its params', async () => {
    const body = { code: 'invalid_input' as const, messageKey: 'errors:users.passwordTooShort', field: 'owner.password', params: { min: 8 } };
    expect(translateError(new ApiError(body))).toBe('The password must be at least 8 characters long.');
    await changeLanguage('ru');
    expect(translateError(new ApiError(body))).toBe('Пароль должен быть не короче 8 символов.');
    await changeLanguage('en');
    expect(errorField(new ApiError(body))).toBe('owner.password');
  });

  it('names a refused permission through its own translation', async () => {
    const refusal = new ApiError({ code: 'forbidden', messageKey: 'errors:api.forbidden', params: { permission: 'roles.manage' } });
    expect(translateError(refusal)).toContain('“Manage roles and permissions”');
    await changeLanguage('ka');
    expect(translateError(refusal)).toBe('ამის უფლება არ გაქვთ: „როლებისა და უფლებების მართვა“. მიმართეთ მფლობელს ან მენეჯერს.');
    await changeLanguage('en');
  });

  it('says how many minutes a lockout has left', () => {
    const until = new Date(Date.now() + 4.5 * 60_000).toISOString();
    const text = translateError(new ApiError({ code: 'locked_out', messageKey: 'errors:users.lockedOut', params: { minutes: 9, until } }));
    expect(text).toMatch(/\b5\b/);
  });

  it('asks to fill in a required field instead of "too small: at least 1"', () => {
    expect(translateError({ code: 'invalid_input', messageKey: 'errors:validation.too_small', field: 'name', params: { min: 1 } })).toBe(
      'Please fill this in.',
    );
  });

  it('never shows a raw key: unknown keys and non-API errors get a general message', () => {
    const general = 'Something went wrong. Your work on this screen is kept; please try again.';
    expect(translateError(new ApiError({ code: 'internal', messageKey: 'errors:nowhere.nothing' }))).toBe(general);
    expect(translateError(new TypeError('x is undefined'))).toBe(general);
    expect(translateError(new BadLinkError())).toContain('Open the link printed by Posy');
    expect(translateError(new ConnectionError(null))).toContain('Posy is not answering');
  });
});

describe('screens rendered without a browser', () => {
  it('shows a refusal with the error test id and role=alert', () => {
    const html = render(<ErrorMessage error={new ApiError({ code: 'forbidden', messageKey: 'errors:api.forbidden', params: { permission: 'audit.view' } })} />);
    expect(html).toContain('data-testid="error-message"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('View the audit log');
  });

  it('explains a damaged database calmly: what happened, that nothing changed, what to do', async () => {
    await changeLanguage('kk');
    const html = render(<StartupFailed error={{ code: 'startup_failed', messageKey: 'errors:startup.dbCorrupt', params: { detail: 'malformed' } }} />);
    expect(html).toContain('Дүкеннің дерекқор файлы бүлінген');
    expect(html).toContain('Ештеңе өзгерген жоқ');
    expect(html).toContain('сақтық көшірмені');
    expect(html).toContain('malformed');
    await changeLanguage('en');
  });

  it('tells a tab without the launch token to open the printed link', () => {
    expect(render(<BadLink />)).toContain('Posy is running in browser mode');
  });
});

describe('keyboard navigation', () => {
  it('maps plain function keys to screens and leaves modified ones to the browser', () => {
    const plain = { ctrlKey: false, altKey: false, metaKey: false, shiftKey: false };
    expect(pageForKey({ key: 'F2', ...plain })).toBe('products');
    expect(pageForKey({ key: 'F7', ...plain })).toBe('roles');
    expect(pageForKey({ key: 'F2', ...plain, ctrlKey: true })).toBeNull();
    expect(pageForKey({ key: 'a', ...plain })).toBeNull();
  });
});
