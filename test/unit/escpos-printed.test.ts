import { describe, expect, it } from 'vitest';
import { codePageNumbers } from '../../hardware/printer/codepages';
import { EscPosBuilder } from '../../hardware/printer/escpos';
import { statusRequest } from '../../hardware/printer/status';
import { decodeEscPos, inkDots, printedLines, readPrinted } from '../helpers/escpos-decoder';

describe('decoder: what the customer gets', () => {
  it('text lines keep the pages they were read in, bold and size; a page switch mid-line is followed', () => {
    const numbers = codePageNumbers({ rk1048: 59 });
    const b = new EscPosBuilder({ pages: ['pc437', 'cp866', 'rk1048'], numbers });
    b.init().bold(true).line('Итого').bold(false).size(2, 2).line('750').size(1, 1);
    // "Барлығы: " in RK1048, then "Итого" in CP866, on one printed line (no LF between them)
    const bytes = Uint8Array.from([
      ...b.bytes(),
      ...[0x1b, 0x74, 59],
      ...new EscPosBuilder({ pages: ['rk1048'], numbers }).line('Барлығы: ').bytes().slice(0, -1),
      ...[0x1b, 0x74, 17, 0x88, 0xe2, 0xae, 0xa3, 0xae, 0x0a],
    ]);
    const items = readPrinted(bytes, numbers);
    expect(items).toEqual([
      { kind: 'text', text: 'Итого', pages: ['cp866'], bold: true, size: 1 },
      { kind: 'text', text: '750', pages: ['pc437'], bold: false, size: 2 },
      { kind: 'text', text: 'Барлығы: Итого', pages: ['rk1048', 'cp866'], bold: false, size: 1 },
    ]);
  });

  it('status requests are recognised and print nothing; unknown bytes stay visible', () => {
    const bytes = Uint8Array.from([...statusRequest(2, 4), 0x1b, 0x40, 0x41, 0x0a, 0x07, ...statusRequest(1)]);
    expect(decodeEscPos(bytes).filter((e) => e.type === 'statusRequest')).toEqual([
      { type: 'statusRequest', n: 2 },
      { type: 'statusRequest', n: 4 },
      { type: 'statusRequest', n: 1 },
    ]);
    expect(printedLines(readPrinted(bytes))).toEqual(['A', '[unknown @10: 07]']);
  });

  it('images, QR, drawer and cut come out in paper order', () => {
    const b = new EscPosBuilder({ pages: ['pc437'], numbers: codePageNumbers() })
      .line('top')
      .image({ widthBytes: 1, height: 2, data: Uint8Array.of(0xff, 0x81) })
      .qr('posy:sale:1')
      .drawer({ pin: 1, t1: 10, t2: 20 })
      .cut('full');
    const items = readPrinted(b.bytes());
    expect(printedLines(items)).toEqual(['top', '[image 8x2]', '[qr posy:sale:1]', '[drawer 1 10 20]', '[cut full]']);
    const img = items[1];
    expect(img?.kind === 'image' && inkDots(img)).toBe(10);
  });
});
