import { describe, expect, it } from 'vitest';
import { matchShortcut, tileKey, type KeyContext, type KeyLike } from '../../renderer/sale/shortcuts';
import { parsePercent } from '../../renderer/sale/DiscountDialog';
import { quickNotes } from '../../renderer/sale/PaymentDialog';

const key = (k: Partial<KeyLike> & { key: string }): KeyLike => ({ code: '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...k });
const idle: KeyContext = { typing: false, inSearch: true, searchEmpty: true, inBurst: false };

describe('sale screen keys', () => {
  it('maps the Ctrl shortcuts shown on the buttons', () => {
    expect(matchShortcut(key({ key: 'p', code: 'KeyP', ctrlKey: true }), idle)).toBe('price');
    expect(matchShortcut(key({ key: 'd', code: 'KeyD', ctrlKey: true }), idle)).toBe('lineDiscount');
    expect(matchShortcut(key({ key: 'D', code: 'KeyD', ctrlKey: true, shiftKey: true }), idle)).toBe('saleDiscount');
    expect(matchShortcut(key({ key: 'k', code: 'KeyK', ctrlKey: true }), idle)).toBe('client');
    expect(matchShortcut(key({ key: 's', code: 'KeyS', ctrlKey: true }), idle)).toBe('park');
    expect(matchShortcut(key({ key: 'o', code: 'KeyO', ctrlKey: true }), idle)).toBe('resume');
    expect(matchShortcut(key({ key: 'Enter', code: 'Enter', ctrlKey: true }), idle)).toBe('pay');
    expect(matchShortcut(key({ key: 'Delete', code: 'Delete', ctrlKey: true }), idle)).toBe('clear');
  });

  it('reads key positions, so a Russian layout (Ctrl+з for Ctrl+P) works the same', () => {
    expect(matchShortcut(key({ key: 'з', code: 'KeyP', ctrlKey: true }), idle)).toBe('price');
  });

  it('leaves Electron’s and the browser’s own keys alone', () => {
    for (const code of ['KeyR', 'KeyL', 'KeyN', 'KeyT', 'KeyW']) expect(matchShortcut(key({ key: code, code, ctrlKey: true }), idle)).toBeNull();
    expect(matchShortcut(key({ key: 'F1', code: 'F1' }), idle)).toBeNull();
  });

  it('Alt+1…9 add the tiles, Alt+0 edits them', () => {
    expect(matchShortcut(key({ key: '3', code: 'Digit3', altKey: true }), idle)).toEqual({ tile: 3 });
    expect(matchShortcut(key({ key: '0', code: 'Digit0', altKey: true }), idle)).toBe('editTiles');
    expect(tileKey(0)).toBe('Alt+1');
    expect(tileKey(9)).toBeNull();
  });

  it('+ − * Del act on the line while the search is empty, and are typed into a search that is not', () => {
    expect(matchShortcut(key({ key: '+', code: 'Equal', shiftKey: true }), idle)).toBe('plus');
    expect(matchShortcut(key({ key: '-', code: 'Minus' }), idle)).toBe('minus');
    expect(matchShortcut(key({ key: '*', code: 'Digit8', shiftKey: true }), idle)).toBe('quantity');
    expect(matchShortcut(key({ key: 'Delete', code: 'Delete' }), idle)).toBe('remove');
    const searching = { ...idle, searchEmpty: false };
    expect(matchShortcut(key({ key: '-', code: 'Minus' }), searching)).toBeNull();
    expect(matchShortcut(key({ key: 'Delete', code: 'Delete' }), searching)).toBeNull();
    // the numeric keypad's + and − always mean quantity
    expect(matchShortcut(key({ key: '+', code: 'NumpadAdd' }), searching)).toBe('plus');
  });

  it('never takes a key inside a scanner burst or while a quantity is being typed', () => {
    expect(matchShortcut(key({ key: '-', code: 'Minus' }), { ...idle, inBurst: true })).toBeNull();
    expect(matchShortcut(key({ key: '+', code: 'NumpadAdd' }), { ...idle, typing: true, inSearch: false })).toBeNull();
  });

  it('Enter pays from an empty search (with text it picks the highlighted result instead)', () => {
    expect(matchShortcut(key({ key: 'Enter', code: 'Enter' }), idle)).toBe('pay');
    expect(matchShortcut(key({ key: 'Enter', code: 'Enter' }), { ...idle, searchEmpty: false })).toBeNull();
  });
});

describe('typed percentages', () => {
  it('become basis points exactly, in either decimal mark', () => {
    expect(parsePercent('10')).toBe(1000);
    expect(parsePercent('12,5')).toBe(1250);
    expect(parsePercent('12.5 %')).toBe(1250);
    expect(parsePercent('0,01')).toBe(1);
    expect(parsePercent('100')).toBe(10_000);
  });
  it('refuse what is not a discount', () => {
    for (const bad of ['', '0', '-5', '100,01', '101', 'ten', '1,234']) expect(parsePercent(bad), bad).toBeNull();
  });
});

describe('quick notes', () => {
  it('offer what is due rounded up to the notes, smallest first', () => {
    const gel = [20000, 10000, 5000, 2000, 1000, 500];
    expect(quickNotes(gel, 1250)).toEqual([1500, 2000, 5000]);
    expect(quickNotes(gel, 43900)).toEqual([44000, 45000, 50000]);
    expect(quickNotes(gel, 2000)).toEqual([5000, 10000, 20000]); // an exact amount is the Exact button
    expect(quickNotes(gel, 0)).toEqual([]);
  });
});
