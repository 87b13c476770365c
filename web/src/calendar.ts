import type { TimeEntry } from './types.ts';

/** Where an entry sits in a day column, in minutes from midnight. */
export interface Block {
  entry: TimeEntry;
  start: number;
  minutes: number;
}

const minutesOf = (clock: string) => {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
};

/**
 * A day's entries as blocks: at their own start and end when the account keeps them, else one
 * after another from 9:00 in the order they were made, as a duration-only day reads on paper.
 * A block is at least 15 minutes tall so that a short entry can still be clicked.
 */
export function dayBlocks(entries: readonly TimeEntry[]): Block[] {
  let cursor = 9 * 60;
  return [...entries]
    .sort((a, b) => a.id - b.id)
    .map((entry) => {
      const minutes = Math.max(15, Math.round(entry.seconds / 60));
      if (entry.startedTime) {
        const start = minutesOf(entry.startedTime);
        const end = entry.endedTime ? minutesOf(entry.endedTime) : start + minutes;
        return { entry, start, minutes: Math.max(15, end - start) };
      }
      const block = { entry, start: cursor, minutes };
      cursor = Math.min(24 * 60 - 15, cursor + minutes);
      return block;
    });
}

/** The quarter hour a click at `offset` pixels lands on, with `perHour` pixels to an hour. */
export function snapToQuarter(offset: number, perHour: number): number {
  const minutes = (offset / perHour) * 60;
  return Math.min(23 * 60 + 45, Math.max(0, Math.floor(minutes / 15) * 15));
}

export const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
