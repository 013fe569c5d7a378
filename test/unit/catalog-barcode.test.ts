import { describe, expect, it } from 'vitest';
import { barcodeLookupVariants, classifyBarcode, gtinCheckDigit, hasValidCheckDigit, validBarcode } from '../../shop/catalog/barcode';
import { AppError } from '../../shop/api/errors';

describe('GTIN check digits', () => {
  it('computes the GS1 mod-10 digit', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1); // 4006381333931
    expect(gtinCheckDigit('9638507')).toBe(4); // EAN-8 96385074
    expect(gtinCheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(hasValidCheckDigit('4006381333932')).toBe(false);
  });
});

describe('classifyBarcode', () => {
  it.each([
    ['4006381333931', 'ean13'],
    ['4607001234562', 'ean13'],
    ['5901234123457', 'ean13'],
    ['96385074', 'ean8'],
    ['036000291452', 'upca'],
    ['2000000000015', 'internal'],
    ['ABC-123', 'code128'],
    ['12345', 'code128'],
    ['00012345678905', 'code128'],
    ['FL 2024/07 #15', 'code128'],
    ['  4006381333931\n', 'ean13'],
  ])('%s is %s', (code, symbology) => {
    expect(classifyBarcode(code)).toEqual({ ok: true, code: code.trim(), symbology });
  });

  it.each([
    ['4006381333932'], // EAN-13, last digit off by one
    ['96385075'], // EAN-8
    ['036000291453'], // UPC-A
    ['2000000000016'], // in-shop code
  ])('%s has a wrong check digit', (code) => {
    expect(classifyBarcode(code)).toEqual({ ok: false, code, reason: 'checkDigit' });
  });

  it.each([[''], ['   '], ['x'.repeat(49)], ['роза123'], ['ვარდი'], ['abc\u0001'], ['tab\there']])('%j is not a barcode', (code) => {
    expect(classifyBarcode(code)).toMatchObject({ ok: false, reason: 'format' });
  });

  it('gives people a translated, field-addressed refusal', () => {
    try {
      validBarcode('4006381333932', 'barcodes.1');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ code: 'invalid_input', messageKey: 'errors:catalog.barcodeCheckDigit', field: 'barcodes.1', params: { code: '4006381333932' } });
    }
    expect(() => validBarcode('')).toThrow(/errors:catalog\.barcodeFormat/);
  });

  it('looks a UPC-A up under its EAN-13 spelling and back', () => {
    expect(barcodeLookupVariants('036000291452')).toEqual(['036000291452', '0036000291452']);
    expect(barcodeLookupVariants('0036000291452')).toEqual(['0036000291452', '036000291452']);
    expect(barcodeLookupVariants('4006381333931')).toEqual(['4006381333931']);
    expect(barcodeLookupVariants('ABC')).toEqual(['ABC']);
  });
});
