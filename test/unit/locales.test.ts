import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES as SHOP_LANGUAGES, CURRENCIES as SHOP_CURRENCIES } from '../../shop/api/schemas';
import { PASSWORD_ROLES, PERMISSIONS, ROLES as SHOP_ROLES } from '../../shop/users/permissions';
import { CURRENCIES, LANGUAGES, PIN_ROLES, ROLES } from '../../renderer/i18n/languages';
import { PAGES } from '../../renderer/shell/nav';

/**
 * The translations are complete and consistent: every key of every English file exists in every
 * language, with the same {{variables}}, and nothing is empty; every message key the backend can send
 * exists; every identifier the UI translates (roles, permissions, audit actions) has its label.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const LOCALES = join(ROOT, 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.json') ? [path] : [];
  });
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value as unknown as string); // a number or null: caught by the "is a string" check
  }
  return out;
}

function load(lang: string, file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8')) as Tree);
}

/** Keys with their plural forms folded together (`count_one`, `count_few` → `count`). */
function groups(keys: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of keys) {
    const base = key.replace(PLURAL, '');
    out.set(base, [...(out.get(base) ?? []), value]);
  }
  return out;
}

function variables(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)) names.add(m[1] ?? '');
  return [...names].sort();
}

const englishFiles = filesUnder(join(LOCALES, 'en')).map((f) => relative(join(LOCALES, 'en'), f)).sort();

describe('locale files', () => {
  it('exist for every language the backend accepts', () => {
    expect([...LANGUAGES].sort()).toEqual([...SHOP_LANGUAGES].sort());
    for (const lang of LANGUAGES) {
      const files = filesUnder(join(LOCALES, lang)).map((f) => relative(join(LOCALES, lang), f)).sort();
      expect(files, `files of ${lang}`).toEqual(englishFiles);
    }
  });

  for (const file of englishFiles) {
    describe(file, () => {
      const en = load('en', file);
      const enGroups = groups(en);

      for (const lang of LANGUAGES) {
        it(`${lang}: same keys as English, same {{variables}}, no empty strings`, () => {
          const translated = load(lang, file);
          for (const [key, value] of translated) {
            expect(typeof value, `${lang}/${file} ${key} is a string`).toBe('string');
            expect(value.trim(), `${lang}/${file} ${key} is empty`).not.toBe('');
          }
          const got = groups(translated);
          expect([...got.keys()].sort(), `${lang}/${file} keys`).toEqual([...enGroups.keys()].sort());
          for (const [base, enTexts] of enGroups) {
            expect(variables(got.get(base) ?? []), `${lang}/${file} ${base} variables`).toEqual(variables(enTexts));
          }
          // Plural keys carry every form the language's grammar has (Russian: one, few, many, other).
          const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.filter((c) => c !== 'zero');
          const pluralBases = new Set([...en.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
          for (const base of pluralBases) {
            for (const category of categories) {
              expect(translated.has(`${base}_${category}`), `${lang}/${file} ${base}_${category}`).toBe(true);
            }
          }
        });
      }
    });
  }
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The English message for `errors:<area>.<key>` (errors/<area>.json → key), or undefined. */
function englishError(messageKey: string): string | undefined {
  const [, area = '', ...rest] = messageKey.replace(/^errors:/, 'errors.').split('.');
  try {
    return load('en', join('errors', `${area}.json`)).get(rest.join('.'));
  } catch {
    return undefined;
  }
}

describe('backend message keys', () => {
  const literals = new Map<string, string>();
  for (const file of [...sourceFiles(join(ROOT, 'shop')), ...sourceFiles(join(ROOT, 'db'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`](errors:[a-zA-Z]+\.[a-zA-Z0-9_.]+)['"`]/g)) literals.set(m[1] ?? '', relative(ROOT, file));
  }

  it('are found in the sources (the scan works)', () => {
    expect(literals.size).toBeGreaterThan(20);
    expect(literals.has('errors:api.forbidden')).toBe(true);
  });

  it('every errors:<area>.<key> the backend sends is translated in English (and so, above, everywhere)', () => {
    const missing = [...literals].filter(([key]) => englishError(key) === undefined).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('every zod issue code the dispatcher may turn into errors:validation.<code> is translated', () => {
    const codes = ['invalid_type', 'too_big', 'too_small', 'invalid_format', 'not_multiple_of', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value', 'custom'];
    for (const code of codes) expect(englishError(`errors:validation.${code}`), code).toBeDefined();
  });
});

describe('identifiers the UI shows translated', () => {
  const common = load('en', 'common.json');
  const audit = load('en', 'audit.json');

  it('the renderer knows the same roles and currencies as the backend', () => {
    expect([...ROLES]).toEqual([...SHOP_ROLES]);
    expect([...CURRENCIES]).toEqual([...SHOP_CURRENCIES]);
    expect([...PIN_ROLES].sort()).toEqual(SHOP_ROLES.filter((r) => !PASSWORD_ROLES.includes(r)).sort());
  });

  it('every role, permission and currency has a label', () => {
    for (const role of SHOP_ROLES) expect(common.has(`roles.${role}`), role).toBe(true);
    for (const permission of PERMISSIONS) expect(common.has(`permissions.${permission}`), permission).toBe(true);
    for (const currency of SHOP_CURRENCIES) expect(common.has(`currencies.${currency}`), currency).toBe(true);
  });

  it('the navigation names real permissions', () => {
    for (const page of PAGES) expect(PERMISSIONS as readonly string[]).toContain(page.permission);
  });

  it('every audit action the backend records has a label in the audit log', () => {
    const actions = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'shop'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/action:\s*'([a-zA-Z.]+)'/g)) actions.add(m[1] ?? '');
    }
    expect(actions.size).toBeGreaterThan(10);
    const missing = [...actions].filter((a) => !audit.has(`actions.${a}`));
    expect(missing).toEqual([]);
  });
});
