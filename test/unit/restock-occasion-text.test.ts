import { beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, i18n, initI18n } from '../../renderer/i18n';
import { occasionName, ruleText, upliftText } from '../../renderer/restock/occasionText';

/** The occasions calendar's wording on screen: built-ins by their key, rules in words, in every language. */
beforeAll(async () => {
  await initI18n('en');
});

const t = () => i18n.getFixedT(null, 'restock');
const march8 = { name: 'March 8', builtin: 'march8', month: 3, day: 8, weekday: null, nth: null };
const mothersRu = { name: "Mother's Day", builtin: 'mothers_day', month: 11, day: null, weekday: 0, nth: -1 };
const own = { name: 'Graduation', builtin: null, month: 6, day: 20, weekday: null, nth: null };

describe('occasion wording', () => {
  it('names built-ins by key and the owner\'s by their name', async () => {
    expect(occasionName(t(), march8)).toBe('March 8');
    expect(occasionName(t(), own)).toBe('Graduation');
    await changeLanguage('ru');
    expect(occasionName(t(), march8)).toBe('8 Марта');
    expect(occasionName(t(), mothersRu)).toBe('День матери');
    expect(occasionName(t(), own)).toBe('Graduation');
    await changeLanguage('en');
  });

  it('says the rule in words', async () => {
    expect(ruleText(t(), march8)).toBe('8 March');
    expect(ruleText(t(), mothersRu)).toBe('last Sunday of November');
    for (const lang of ['ru', 'ka', 'kk', 'uz'] as const) {
      await changeLanguage(lang);
      const text = ruleText(t(), mothersRu);
      expect(text, lang).not.toMatch(/nth\.|weekdays\.|months\./);
      expect(text, lang).not.toContain('Sunday');
    }
    await changeLanguage('en');
  });

  it('shows an uplift as a multiplier in the reader\'s digits', () => {
    expect(upliftText(25_000, 'en')).toBe('2.5');
    expect(upliftText(30_000, 'en')).toBe('3');
    expect(upliftText(12_345, 'ru')).toBe('1,23');
    // through renderer/format: a decimal comma in every language but English, whatever CLDR data the runtime has
    for (const lang of ['ka', 'kk', 'uz']) expect(upliftText(25_000, lang), lang).toBe('2,5');
  });
});
