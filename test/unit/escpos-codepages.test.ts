import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  CODE_PAGES,
  canEncode,
  chooseEncoding,
  codePageNumbers,
  decodeByte,
  encode,
  EPSON_CODE_PAGE_NUMBERS,
  planLine,
  withSignStandIns,
  UnencodableTextError,
  type CodePage,
} from '../../hardware/printer/codepages';

const decodeAll = (bytes: Uint8Array, page: CodePage) => Array.from(bytes, (b) => decodeByte(b, page) ?? '\uFFFD').join('');

const RUSSIAN = 'Розы красные №12, Ёлка: 3 шт x 1 250,00 = 3 750,00 (скидка 10%) Щедрость';
const KAZAKH = 'Әсем гүлдер: қызғалдақ, раушан, үшін, өнім, ұлы, ң, һ, і — Ғ Қ Ң Ө Ұ Ү Һ І Ә';
const GEORGIAN = 'ვარდები წითელი — 3 ც';

describe('code pages', () => {
  it('Russian round-trips exactly through CP866 and WPC1251, byte for byte as the standard tables say', () => {
    for (const page of ['cp866', 'wpc1251'] as const) {
      const bytes = encode(RUSSIAN, page);
      expect(decodeAll(bytes, page)).toBe(RUSSIAN);
      expect(bytes.length).toBe(Array.from(RUSSIAN).length);
    }
    // Spot checks against the published tables, so the round trip is not merely self-consistent.
    expect(Array.from(encode('АЯаяЁё', 'cp866'))).toEqual([0x80, 0x9f, 0xa0, 0xef, 0xf0, 0xf1]);
    expect(Array.from(encode('АЯаяЁё№', 'wpc1251'))).toEqual([0xc0, 0xdf, 0xe0, 0xff, 0xa8, 0xb8, 0xb9]);
  });

  it('Kazakh round-trips through RK1048 (KZ-1048) and not through the Russian pages', () => {
    const bytes = encode(KAZAKH, 'rk1048');
    expect(decodeAll(bytes, 'rk1048')).toBe(KAZAKH);
    // KZ-1048: Ә = A3, ә = BC, Қ = 8D, қ = 9D, Ұ = A1, ұ = A2, І = B2, і = B3 (unicode.org MISC/KZ1048.TXT)
    expect(Array.from(encode('ӘәҚқҰұІі', 'rk1048'))).toEqual([0xa3, 0xbc, 0x8d, 0x9d, 0xa1, 0xa2, 0xb2, 0xb3]);
    expect(canEncode(KAZAKH, 'cp866')).toBe(false);
    expect(canEncode(KAZAKH, 'wpc1251')).toBe(false);
  });

  it('never substitutes ? — a missing letter throws, where iconv-lite alone would print ?', () => {
    expect(iconv.encode('қ', 'cp866').toString('latin1')).toBe('?'); // the trap this module avoids
    expect(() => encode('қызыл', 'cp866')).toThrow(UnencodableTextError);
    expect(() => encode(GEORGIAN, 'wpc1251')).toThrow(/U\+10D5/);
    for (const page of CODE_PAGES) {
      for (const text of [RUSSIAN, KAZAKH, GEORGIAN, 'Price 12.50']) {
        if (!canEncode(text, page)) continue;
        const bytes = encode(text, page);
        // A `?` byte may only stand where the text itself has a question mark.
        expect(Array.from(bytes).filter((b) => b === 0x3f).length).toBe((text.match(/\?/g) ?? []).length);
      }
    }
    // A literal question mark is of course still fine.
    expect(decodeAll(encode('Готово?', 'cp866'), 'cp866')).toBe('Готово?');
  });

  it('for any text and page: either exact bytes that read back as the text, or a refusal', () => {
    const alphabet = Array.from('Aa1 ?.,:№ЁёЙйҚқӘәҰұІіҺһЉљ—«»×€₸₾ვარ\x1b\n\u00A0');
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...CODE_PAGES), (t, page) => {
        if (!canEncode(t, page)) {
          expect(() => encode(t, page)).toThrow(UnencodableTextError);
          return;
        }
        expect(decodeAll(encode(t, page), page)).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses control characters, so text can never smuggle a command to the printer', () => {
    for (const page of CODE_PAGES) {
      expect(canEncode('a\x1bp\x00', page)).toBe(false);
      expect(canEncode('a\nb', page)).toBe(false);
    }
  });

  it('accepts decomposed letters as the composed ones the pages hold', () => {
    const decomposed = 'Йогурт'.normalize('NFD');
    expect(decomposed.length).toBe(7);
    expect(decodeAll(encode(decomposed, 'cp866'), 'cp866')).toBe('Йогурт');
  });

  it('chooses the first page in the printer’s order that holds the whole line, else raster (null)', () => {
    const withRk: CodePage[] = ['pc437', 'cp866', 'rk1048'];
    const withoutRk: CodePage[] = ['pc437', 'cp866', 'wpc1251'];
    expect(chooseEncoding('Total 12.50', withoutRk)).toBe('pc437');
    expect(chooseEncoding(RUSSIAN, withoutRk)).toBe('cp866');
    expect(chooseEncoding(RUSSIAN, ['wpc1251', 'cp866'])).toBe('wpc1251');
    expect(chooseEncoding(KAZAKH, withRk)).toBe('rk1048');
    expect(chooseEncoding(KAZAKH, withoutRk)).toBeNull();
    expect(chooseEncoding(GEORGIAN, withRk)).toBeNull();
    expect(chooseEncoding(GEORGIAN, [...CODE_PAGES])).toBeNull();
    expect(chooseEncoding('Итого: 1 250 ლ', withRk)).toBeNull(); // one Georgian letter is enough
  });

  it('CP866 lacks the dash, guillemets and ×: a text line writes plain signs, never a stand-in for a letter', () => {
    expect(chooseEncoding('Роза «Ред Наоми» — 3 × 250', ['cp866'])).toBeNull();
    expect(chooseEncoding('Роза «Ред Наоми» — 3 шт', ['cp866', 'wpc1251'])).toBe('wpc1251');
    expect(planLine('Роза «Ред Наоми» — 3 × 250', ['cp866'])).toEqual({
      kind: 'text',
      page: 'cp866',
      text: 'Роза "Ред Наоми" - 3 x 250',
    });
    // A missing letter still goes to raster even when its signs could be stood in for.
    expect(planLine('Раушан — қызыл', ['cp866']).kind).toBe('raster');
  });

  it("Uzbek Latin's oʻ gʻ (U+02BB) print as o' g', the apostrophe spelling Uzbek has always used", () => {
    for (const page of CODE_PAGES) expect(canEncode('\u02BB', page)).toBe(false);
    expect(planLine('Oʻzbekiston, gʻisht, maʼlumot', ['pc437'])).toEqual({ kind: 'text', page: 'pc437', text: "O'zbekiston, g'isht, ma'lumot" });
  });

  it('no page holds ₾ or ₸: a text line writes GEL / KZT, a raster line keeps the sign', () => {
    for (const page of CODE_PAGES) {
      expect(canEncode('\u20BE', page)).toBe(false);
      expect(canEncode('\u20B8', page)).toBe(false);
    }
    expect(withSignStandIns('Итого: 3 750 ₸')).toBe('Итого: 3 750 KZT');
    expect(planLine('Итого: 3 750 ₸', ['cp866'])).toEqual({ kind: 'text', page: 'cp866', text: 'Итого: 3 750 KZT' });
    expect(planLine('Barati 12.50 ₾', ['pc437'])).toEqual({ kind: 'text', page: 'pc437', text: 'Barati 12.50 GEL' });
    expect(planLine('Барлығы: 3 750 ₸', ['rk1048'])).toEqual({ kind: 'text', page: 'rk1048', text: 'Барлығы: 3 750 KZT' });
    expect(planLine('Барлығы: 3 750 ₸', ['cp866'])).toEqual({ kind: 'raster', text: 'Барлығы: 3 750 ₸' });
    expect(planLine('სულ: 12.50 ₾', [...CODE_PAGES])).toEqual({ kind: 'raster', text: 'სულ: 12.50 ₾' });
    expect(planLine('Итого: 3 750', ['cp866'])).toEqual({ kind: 'text', page: 'cp866', text: 'Итого: 3 750' });
  });

  it('numbers pages the Epson way by default; RK1048 has no number until the printer’s settings give one', () => {
    expect(EPSON_CODE_PAGE_NUMBERS).toEqual({ pc437: 0, cp866: 17, wpc1251: 46 });
    expect(codePageNumbers().rk1048).toBeUndefined();
    expect(codePageNumbers({ rk1048: 59, cp866: 7 })).toEqual({ pc437: 0, cp866: 7, wpc1251: 46, rk1048: 59 });
  });
});
