import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['1:30', 5400],
    [':45', 2700],
    ['0:05', 300],
    ['1:30:15', 5415],
    ['1.5', 5400],
    ['1,5', 5400],
    ['.25', 900],
    ['2h', 7200],
    ['38m', 2280],
    ['2h38m', 9480],
    ['2h 30m', 9000],
    ['1h30', 5400],
    ['90min', 5400],
    ['90 min', 5400],
    ['1.5h', 5400],
    ['45s', 45],
    ['1 hour 15 minutes', 4500],
    ['2 год 15 хв', 8100],
    ['1小时30分钟', 5400],
    [' 8 ', 28800],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('reads a bare whole number as hours in the grid and minutes in the timer', () => {
    expect(parseDuration('2', 'hours')).toBe(7200);
    expect(parseDuration('2', 'minutes')).toBe(120);
    expect(parseDuration('1.5', 'minutes')).toBe(5400);
  });

  it.each(['', 'abc', '1:75', '-1', '1..5', '2x', 'h', '1:', '5 parsecs', '1h 2q'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});

describe('formatDuration and formatElapsed', () => {
  it('shows hours and minutes, or decimal hours', () => {
    expect(formatDuration(5400)).toBe('1:30');
    expect(formatDuration(59)).toBe('0:00');
    expect(formatDuration(36000 + 300)).toBe('10:05');
    expect(formatDuration(5400, 'decimal')).toBe('1.50');
  });

  it('shows a running timer with seconds', () => {
    expect(formatElapsed(3723)).toBe('1:02:03');
    expect(formatElapsed(-4)).toBe('0:00:00');
  });

  it('reads back what it shows', () => {
    for (const seconds of [0, 60, 5400, 86340]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
    // Hundredths of an hour are 36 seconds: what decimal shows exactly reads back exactly.
    for (const seconds of [0, 36, 900, 5400, 86364]) {
      expect(parseDuration(formatDuration(seconds, 'decimal'))).toBe(seconds);
    }
  });
});
