import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  hoursFromSeconds,
  parseCalendarDate,
  parseClockTime,
  roundedHours,
  roundedHundredths,
  secondsFromHours,
} from './time.ts';

describe('hoursFromSeconds', () => {
  it.each([
    [0, 0],
    [60, 0.02],
    [3600, 1],
    [2556, 0.71],
    [9432, 2.62],
    [17, 0],
    [18, 0.01],
  ])('%i s -> %f h', (seconds, hours) => {
    expect(hoursFromSeconds(seconds)).toBe(hours);
  });
});

describe('secondsFromHours', () => {
  it.each<[number | string, number | null]>([
    [1.5, 5400],
    ['1.5', 5400],
    ['3', 10800],
    [0, 0],
    ['.25', 900],
    [0.02, 72],
    [-1, null],
    ['-1', null],
    ['abc', null],
    ['1e3', null],
  ])('%j -> %j', (input, seconds) => {
    expect(secondsFromHours(input)).toBe(seconds);
  });
});

describe('roundedHours', () => {
  // Harvest's own examples for "round up to 15 minutes".
  it.each([
    [2.11, 2.25],
    [1.35, 1.5],
    [0.02, 0.25],
    [1.0, 1.0],
    [0, 0],
  ])('up to 15: %f -> %f', (hours, rounded) => {
    expect(roundedHours(hours, 'up', 15)).toBe(rounded);
  });

  it.each([
    [1.12, 'nearest', 15, 1.0],
    [1.13, 'nearest', 15, 1.25],
    [1.05, 'nearest', 6, 1.1],
    [0.71, 'up', 6, 0.8],
    [0.71, 'up', 30, 1.0],
    [0.71, 'nearest', 60, 1.0],
    [0.71, 'none', 15, 0.71],
  ] as const)('%f %s %i -> %f', (hours, mode, step, rounded) => {
    expect(roundedHours(hours, mode, step)).toBe(rounded);
  });
});

describe('clock times', () => {
  it.each([
    [8 * 3600, '12h', '8:00am'],
    [11 * 3600 + 40 * 60, '12h', '11:40am'],
    [12 * 3600 + 5 * 60, '12h', '12:05pm'],
    [0, '12h', '12:00am'],
    [14 * 3600 + 59 * 60, '24h', '14:59'],
    [8 * 3600, '24h', '08:00'],
  ])('%i s in %s is %s', (seconds, clock, text) => {
    expect(formatClockTime(seconds, clock)).toBe(text);
  });

  it.each<[string, number | null]>([
    ['9:00am', 9 * 3600],
    ['9:00 AM', 9 * 3600],
    ['9am', 9 * 3600],
    ['12:30pm', 12 * 3600 + 1800],
    ['12:15am', 900],
    ['5:00pm', 17 * 3600],
    ['09:00', 9 * 3600],
    ['14:59', 14 * 3600 + 59 * 60],
    ['0:00', 0],
    ['13pm', null],
    ['24:00', null],
    ['9:60', null],
    ['noon', null],
  ])('reads %j as %j', (text, seconds) => {
    expect(parseClockTime(text)).toBe(seconds);
  });
});

describe('parseCalendarDate', () => {
  it.each<[string, string | null]>([
    ['2026-03-04', '2026-03-04'],
    ['20260304', '2026-03-04'],
    ['2026-02-30', null],
    ['2026-3-4', null],
    ['tomorrow', null],
  ])('%s -> %j', (text, date) => {
    expect(parseCalendarDate(text)).toBe(date);
  });
});

describe('roundedHundredths', () => {
  it('is roundedHours of the shown hours, in hundredths, for every second of a day', () => {
    for (const mode of ['none', 'nearest', 'up'] as const) {
      for (const step of [1, 5, 6, 10, 15, 30, 60]) {
        for (let seconds = 0; seconds <= 86_400; seconds += 1) {
          const expected = Math.round(roundedHours(hoursFromSeconds(seconds), mode, step) * 100);
          if (roundedHundredths(seconds, mode, step) !== expected) {
            expect({ seconds, mode, step, got: roundedHundredths(seconds, mode, step) }).toEqual({
              seconds,
              mode,
              step,
              got: expected,
            });
          }
        }
      }
    }
  });

  it.each([
    [7596, 'up', 15, 225],
    [2556, 'up', 6, 80],
    [4032, 'nearest', 15, 100],
    [4068, 'nearest', 15, 125],
    [0, 'up', 15, 0],
  ] as const)('%i s %s %i -> %i', (seconds, mode, step, hundredths) => {
    expect(roundedHundredths(seconds, mode, step)).toBe(hundredths);
  });
});
