import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from '../../shop/catalog/normalize';

describe('normalizeText', () => {
  it.each([
    ['Rosé', 'rose'],
    ['CRÈME BRÛLÉE', 'creme brulee'],
    ['Gerbera Ñandú', 'gerbera nandu'],
    ['Straße', 'strasse'],
    ['Søren Łódź', 'soren lodz'],
    ['ǼSIR ẞ', 'aesir ss'],
    ['Ｒｏｓｅ ﬁne', 'rose fine'], // full-width letters and the fi ligature (NFKD)
    ['İstanbul', 'istanbul'],
  ])('Latin: %s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('folds ё to е but keeps й distinct from и', () => {
    expect(normalizeText('Ёлка зелёная')).toBe('елка зеленая');
    expect(normalizeText('Чайная роза')).toBe('чайная роза');
    expect(normalizeText('ЙОГУРТ')).toBe('йогурт');
    expect(normalizeText('чаиная')).not.toBe(normalizeText('чайная'));
    // й typed as и + combining breve is the same letter
    expect(normalizeText('Чаи\u0306ная')).toBe('чайная');
  });

  it('keeps Kazakh letters as themselves', () => {
    expect(normalizeText('ҚЫЗЫЛ РАУШАН ГҮЛІ')).toBe('қызыл раушан гүлі');
    expect(normalizeText('Әсем Ғалам Ңң Өрік Ұлы Үй Һ')).toBe('әсем ғалам ңң өрік ұлы үй һ');
    expect(normalizeText('қызғылт')).not.toBe(normalizeText('кызгылт'));
  });

  it('keeps Uzbek Cyrillic ў and folds every spelling of the Uzbek Latin apostrophe', () => {
    expect(normalizeText('Ўзбек')).toBe('ўзбек');
    const spellings = ['O‘zbek gul', 'Oʻzbek gul', 'O’zbek gul', "O'zbek gul", 'O`zbek gul', 'Oʼzbek gul'];
    const folded = new Set(spellings.map(normalizeText));
    expect([...folded]).toEqual(["o'zbek gul"]);
    expect(normalizeText('Ko‘k')).toBe(normalizeText("ko'k"));
  });

  it('folds Georgian Mtavruli capitals to Mkhedruli', () => {
    expect(normalizeText('ᲕᲐᲠᲓᲘ')).toBe('ვარდი');
    expect(normalizeText('ᲬᲘᲗᲔᲚᲘ ვარდი')).toBe('წითელი ვარდი');
    // the three capitals past the gap (U+1CBD–U+1CBF) map to U+10FD–U+10FF
    expect(normalizeText('\u1CBD\u1CBE\u1CBF')).toBe('\u10FD\u10FE\u10FF');
    expect(normalizeText('ქრიზანთემა')).toBe('ქრიზანთემა');
  });

  it('collapses whitespace and trims', () => {
    expect(normalizeText('  red \t\n  rose\u00A0 50\u200Bcm ')).toBe('red rose 50 cm');
    expect(normalizeText('   ')).toBe('');
  });

  it('is idempotent', () => {
    for (const s of ['Rosé ᲕᲐᲠᲓᲘ Ёлка O‘zbek ҚЫЗЫЛ', 'Straße  Chrysanthème']) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });

  it('is idempotent, lower-cased and single-spaced for any text (ASCII fast path included)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        const n = normalizeText(s);
        expect(normalizeText(n)).toBe(n);
        expect(n).not.toMatch(/[A-Z]|\s\s|^\s|\s$|[\u0300-\u036f]/);
      }),
      { numRuns: 1000 },
    );
  });
});
