// Receipt text in the single-byte code pages thermal printers understand.
//
// The rule this module exists for: a receipt never prints `?` (or any other stand-in) in place of a letter.
// iconv-lite's encoder silently writes `?` for what a page lacks, so it is used only to read each page's
// 256-byte table once; encoding is done here from that table, and a character the page lacks is refused.
// A line no enabled page can hold is printed as a raster image instead (`chooseEncoding` returns null).
import iconv from 'iconv-lite';

export type CodePage = 'pc437' | 'cp866' | 'wpc1251' | 'rk1048';

export const CODE_PAGES: readonly CodePage[] = ['pc437', 'cp866', 'wpc1251', 'rk1048'];

// RK1048 is KZ-1048 (STRK1048-2002, IANA "KZ-1048", IBM-1174): Windows-1251 with the Kazakh letters
// Ә Ғ Қ Ң Ө Ұ Ү Һ І in place of some rarely used signs; iconv-lite carries it as "rk1048" (its table
// matches unicode.org's VENDORS/MISC/KZ1048.TXT; 0x98 is unassigned).
const ICONV_NAME: Record<CodePage, string> = {
  pc437: 'cp437',
  cp866: 'cp866',
  wpc1251: 'windows-1251',
  rk1048: 'rk1048',
};

interface Table {
  /** byte → character; undefined for bytes that are not printable text */
  readonly decode: readonly (string | undefined)[];
  readonly encode: ReadonlyMap<string, number>;
}

// Bytes below 0x20 and 0x7F are ESC/POS commands on every page, never text: a "character" that would
// encode to one of them must be refused, or a line of text could cut the paper or open the drawer.
function isTextByte(byte: number): boolean {
  return byte >= 0x20 && byte !== 0x7f;
}

function buildTable(page: CodePage): Table {
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const chars = Array.from(iconv.decode(all, ICONV_NAME[page]));
  if (chars.length !== 256) throw new Error(`code page ${page}: table has ${chars.length} entries`);
  const decode: (string | undefined)[] = [];
  const encode = new Map<string, number>();
  chars.forEach((ch, byte) => {
    const usable = isTextByte(byte) && ch !== '\uFFFD';
    decode.push(usable ? ch : undefined);
    if (usable && !encode.has(ch)) encode.set(ch, byte);
  });
  return { decode, encode };
}

const tables = new Map<CodePage, Table>();
function table(page: CodePage): Table {
  let t = tables.get(page);
  if (!t) {
    t = buildTable(page);
    tables.set(page, t);
  }
  return t;
}

// "й" typed as и + combining breve is the same letter to the customer; the pages hold the composed form.
function characters(text: string): string[] {
  return Array.from(text.normalize('NFC'));
}

export function canEncode(text: string, page: CodePage): boolean {
  const { encode } = table(page);
  return characters(text).every((ch) => encode.has(ch));
}

export class UnencodableTextError extends Error {
  constructor(
    readonly page: CodePage,
    readonly character: string,
  ) {
    const cp = character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '?';
    super(`code page ${page} has no U+${cp}`);
    this.name = 'UnencodableTextError';
  }
}

/** The bytes of `text` in `page`; throws UnencodableTextError rather than substitute anything. */
export function encode(text: string, page: CodePage): Uint8Array {
  const { encode: map } = table(page);
  const chars = characters(text);
  const out = new Uint8Array(chars.length);
  chars.forEach((ch, i) => {
    const byte = map.get(ch);
    if (byte === undefined) throw new UnencodableTextError(page, ch);
    out[i] = byte;
  });
  return out;
}

/** The character a byte prints on this page; undefined for command bytes and unassigned slots. */
export function decodeByte(byte: number, page: CodePage): string | undefined {
  return table(page).decode[byte];
}

/**
 * The first of the printer's pages (in its preference order) that holds every character of `text`,
 * or null: the line must be printed as a raster image (Georgian always; Kazakh unless RK1048 is enabled).
 */
export function chooseEncoding(text: string, printerPages: readonly CodePage[]): CodePage | null {
  return printerPages.find((page) => canEncode(text, page)) ?? null;
}

// ---- stand-ins for signs, never for letters ----------------------------------------------------------

// No page a receipt printer offers holds the lari sign ₾ (U+20BE) or the tenge sign ₸ (U+20B8): CP866,
// WPC1251, RK1048 and PC437 all lack them (checked in test/unit/escpos-codepages.test.ts). Rather than
// turn every price line of a Russian or Kazakh receipt into a slow, blurry raster line, a text line writes
// the ISO code instead; a line that is raster anyway (Georgian) keeps the sign. Likewise CP866 lacks the
// typographic dash, guillemets and ×, which product names and line layouts use: a plain ASCII form reads
// the same to the customer. Letters never get a stand-in: a line missing a letter goes to raster.
const SIGN_STAND_INS: ReadonlyMap<string, string> = new Map([
  ['\u20BE', 'GEL'],
  ['\u20B8', 'KZT'],
  ['\u2014', '-'],
  ['\u2013', '-'],
  ['\u2212', '-'],
  ['\u00AB', '"'],
  ['\u00BB', '"'],
  ['\u201C', '"'],
  ['\u201D', '"'],
  ['\u201E', '"'],
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u00D7', 'x'],
  ['\u2026', '...'],
  // Uzbek Latin writes oʻ gʻ with U+02BB (and the separation sign with U+02BC); no page has either. The
  // apostrophe is the ASCII spelling Uzbek has always used for them (O'zbekiston, g'isht): the customer
  // reads the same word, and an Uzbek receipt stays crisp text instead of turning into raster lines.
  ['\u02BB', "'"],
  ['\u02BC', "'"],
]);

// A stand-in may be longer than its sign (₸ → KZT), so a layout that pads columns should plan its lines
// before padding (the later receipt formatter's job); here the line is only kept readable.
export function withSignStandIns(text: string): string {
  return Array.from(text, (ch) => SIGN_STAND_INS.get(ch) ?? ch).join('');
}

/** How one receipt line prints: as text in a page (exact, else with sign stand-ins), or as a raster image. */
export type LinePlan = { kind: 'text'; page: CodePage; text: string } | { kind: 'raster'; text: string };

export function planLine(text: string, printerPages: readonly CodePage[]): LinePlan {
  const page = chooseEncoding(text, printerPages);
  if (page) return { kind: 'text', page, text };
  const spelled = withSignStandIns(text);
  const spelledPage = spelled === text ? null : chooseEncoding(spelled, printerPages);
  if (spelledPage) return { kind: 'text', page: spelledPage, text: spelled };
  return { kind: 'raster', text };
}

// ---- ESC t n numbering -------------------------------------------------------------------------------

/** The `n` of `ESC t n` for each page a printer offers; a page without a number is not used on it. */
export type CodePageNumbers = Readonly<Partial<Record<CodePage, number>>>;

/**
 * Epson's numbering (ESC/POS Application Programming Guide, "ESC t": 0 = PC437, 17 = PC866,
 * 46 = WPC1251). RK1048 is not in Epson's standard list and other makers number it differently,
 * so it has no default: Kazakh prints as raster until the shop enters the number from its printer's
 * self-test page in the printer's settings. A wrong guess would print wrong letters, which is worse
 * than a slower raster line.
 */
export const EPSON_CODE_PAGE_NUMBERS: CodePageNumbers = { pc437: 0, cp866: 17, wpc1251: 46 };

/** The per-printer table: Epson's numbers unless the printer's settings override some of them. */
export function codePageNumbers(overrides: CodePageNumbers = {}): CodePageNumbers {
  return { ...EPSON_CODE_PAGE_NUMBERS, ...overrides };
}

export function pageForNumber(numbers: CodePageNumbers, n: number): CodePage | undefined {
  return CODE_PAGES.find((page) => numbers[page] === n);
}
