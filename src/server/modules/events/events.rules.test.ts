import { describe, expect, it } from 'vitest';
import { entityTypeOf, isNoChange } from './events.rules.ts';

describe('events rules', () => {
  it('names the entity from the type', () => {
    expect(entityTypeOf('time_entry.created')).toBe('time_entry');
    expect(entityTypeOf('timer.stopped')).toBe('timer');
  });

  it('treats an update whose snapshots differ only in updatedAt as no change', () => {
    const base = { type: 'time_entry.updated' as const, entityId: 1 };
    expect(
      isNoChange({
        ...base,
        before: { notes: 'a', updatedAt: 1 },
        after: { notes: 'a', updatedAt: 2 },
      }),
    ).toBe(true);
    expect(isNoChange({ ...base, before: { notes: 'a' }, after: { notes: 'b' } })).toBe(false);
    expect(
      isNoChange({ ...base, type: 'time_entry.created', before: null, after: { notes: 'a' } }),
    ).toBe(false);
  });
});
