import { describe, expect, it } from 'vitest';
import { clockOf, dayBlocks, snapToQuarter } from './calendar.ts';
import type { TimeEntry } from './types.ts';

const entry = (
  id: number,
  seconds: number,
  startedTime: string | null = null,
  endedTime: string | null = null,
) => ({ id, seconds, startedTime, endedTime }) as TimeEntry;

describe('dayBlocks', () => {
  it('places duration-only entries one after another from 9:00, in the order made', () => {
    const blocks = dayBlocks([entry(2, 1800), entry(1, 5400)]);
    expect(blocks.map((b) => [b.entry.id, b.start, b.minutes])).toEqual([
      [1, 540, 90],
      [2, 630, 30],
    ]);
  });

  it('places timestamped entries at their own times, and short ones 15 minutes tall', () => {
    const blocks = dayBlocks([entry(1, 7200, '13:30', '15:30'), entry(2, 60, '08:00', '08:01')]);
    expect(blocks.map((b) => [b.start, b.minutes])).toEqual([
      [810, 120],
      [480, 15],
    ]);
  });
});

describe('snapToQuarter', () => {
  it('lands a click on the quarter hour above it, within the day', () => {
    expect(snapToQuarter(48 * 9 + 20, 48)).toBe(555);
    expect(snapToQuarter(-5, 48)).toBe(0);
    expect(snapToQuarter(48 * 30, 48)).toBe(1425);
    expect(clockOf(555)).toBe('09:15');
  });
});
