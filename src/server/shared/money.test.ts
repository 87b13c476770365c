import { describe, expect, it } from 'vitest';
import { amountFromInput, fromCents, toCents } from './money.ts';
import { refusalOf } from '../../../test/worded.ts';

describe('toCents', () => {
  it.each<[number | string, number | null]>([
    [100, 10000],
    ['100', 10000],
    [0.29, 29],
    ['0.29', 29],
    [1.005, 101],
    ['10.005', 1001],
    ['10.004', 1000],
    [12.5, 1250],
    ['12.', 1200],
    [0, 0],
    [-1, null],
    ['-1', null],
    ['1e3', null],
    ['abc', null],
    ['', null],
    [Number.NaN, null],
  ])('%j -> %j', (input, cents) => {
    expect(toCents(input)).toBe(cents);
  });
});

describe('fromCents', () => {
  it('prints whole and fractional amounts as JSON numbers', () => {
    expect(fromCents(10000)).toBe(100);
    expect(fromCents(12550)).toBe(125.5);
    expect(fromCents(29)).toBe(0.29);
  });
});

describe('amountFromInput', () => {
  it('keeps "not sent" and "cleared", converts amounts, names the field when unreadable', () => {
    expect(amountFromInput(undefined, 'Fee')).toBeUndefined();
    expect(amountFromInput(null, 'Fee')).toBeNull();
    expect(amountFromInput(120.5, 'Fee')).toBe(12050);
    expect(refusalOf(() => amountFromInput(-1, 'hourlyRate'))).toBe('Hourly rate is not a number');
  });
});
