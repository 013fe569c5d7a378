import { describe, expect, it } from 'vitest';
import { canEncode } from '../../hardware/printer/codepages';
import { LANGUAGES } from '../../shop/api/schemas';
import { receiptAmount, receiptMoney } from '../../shop/printing/money';
import { normalizeTcpAddress, parseSettings, parseTcpAddress } from '../../shop/printing/printers';
import { percent } from '../../shop/printing/receipts';
import { languageSamples, receiptStrings } from '../../shop/printing/strings';
import { LATER_RETRY_MS, retryDelayMs } from '../../shop/printing/worker';
import en from '../../locales/en/receipt.json' with { type: 'json' };
import ru from '../../locales/ru/receipt.json' with { type: 'json' };

// The small rules of the printing area: money and percentages as printed, printer addresses, the retry
// schedule, and receipt wording that prints as text where the issue says it must.

describe('receipt money', () => {
  it('is the amount with the currency code, grouped by plain spaces, exact on integers', () => {
    expect(receiptMoney(1250, 'GEL')).toBe('12.50 GEL');
    expect(receiptMoney(5, 'RUB')).toBe('0.05 RUB');
    expect(receiptMoney(0, 'KZT')).toBe('0.00 KZT');
    expect(receiptMoney(-2203, 'RUB')).toBe('-22.03 RUB');
    expect(receiptMoney(150_000_000, 'UZS')).toBe('1 500 000.00 UZS');
    expect(receiptAmount(100_000)).toBe('1 000.00');
    expect(() => receiptAmount(0.5)).toThrow(RangeError);
  });

  it('never carries a currency sign: every amount prints as text in CP866', () => {
    for (const c of ['GEL', 'KZT', 'UZS', 'RUB', 'USD', 'EUR']) expect(canEncode(receiptMoney(123_456_789, c), 'cp866')).toBe(true);
  });

  it('percentages from basis points without trailing zeros', () => {
    expect(percent(1000)).toBe('10 %');
    expect(percent(1250)).toBe('12.5 %');
    expect(percent(5)).toBe('0.05 %');
    expect(percent(10_000)).toBe('100 %');
  });
});

describe('printer addresses and settings', () => {
  it('accepts tcp://host:port, host:port and a bare host (port 9100)', () => {
    expect(parseTcpAddress('tcp://192.168.1.50:9100')).toEqual({ host: '192.168.1.50', port: 9100 });
    expect(parseTcpAddress(' printer.local:9101 ')).toEqual({ host: 'printer.local', port: 9101 });
    expect(normalizeTcpAddress('10.0.0.7')).toBe('tcp://10.0.0.7:9100');
    expect(normalizeTcpAddress('[fe80::1]:9100')).toBe('tcp://[fe80::1]:9100');
    for (const bad of ['http://x', 'x:0', 'x:70000', 'a b', '', 'tcp://']) expect(parseTcpAddress(bad), bad).toBeNull();
  });

  it('reads damaged or partial settings with the defaults (Epson pulse on pin 2)', () => {
    expect(parseSettings('not json')).toEqual({ rk1048: false, codePageNumbers: {}, drawer: { pin: 0, t1: 25, t2: 250 } });
    expect(parseSettings('{"rk1048":true,"codePageNumbers":{"rk1048":59},"drawer":{"pin":1}}')).toEqual({
      rk1048: true,
      codePageNumbers: { rk1048: 59 },
      drawer: { pin: 1, t1: 25, t2: 250 },
    });
  });
});

describe('retry schedule', () => {
  it('waits 2 s, 5 s, 15 s, 30 s, then a minute', () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([2_000, 5_000, 15_000, 30_000, LATER_RETRY_MS, LATER_RETRY_MS]);
  });
});

describe('receipt wording', () => {
  it('fills {{params}} and falls back to English for an unknown language', () => {
    expect(receiptStrings('ru')('sale', { number: 42 })).toBe('Чек № 42');
    expect(receiptStrings('xx')('sale', { number: 42 })).toBe('Receipt No. 42');
  });

  it('Russian receipts print as text: every Russian string fits CP866 (× and « » through their stand-ins)', () => {
    const noText = Object.entries(ru).filter(([, text]) => !canEncode(text.replace(/×/g, 'x').replace(/[«»]/g, '"'), 'cp866'));
    expect(noText).toEqual([]);
  });

  it('English receipts print as text in PC437', () => {
    const noText = Object.entries(en).filter(([, text]) => !canEncode(text.replace(/×/g, 'x'), 'pc437'));
    expect(noText).toEqual([]);
  });

  it('the test page has one sample per language, each in its own script', () => {
    const samples = languageSamples();
    expect(samples.map((s) => s.language)).toEqual([...LANGUAGES]);
    expect(new Set(samples.map((s) => s.sample)).size).toBe(LANGUAGES.length);
    expect(samples.find((s) => s.language === 'ka')?.sample).toMatch(/[\u10D0-\u10FF]/);
    expect(samples.find((s) => s.language === 'kk')?.sample).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
  });
});
