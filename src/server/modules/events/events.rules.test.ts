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

describe('rowSnapshot', () => {
  it('names fields in camelCase, instants as ISO text and 0/1 flags as booleans', async () => {
    const { rowSnapshot } = await import('./events.rules.ts');
    expect(
      rowSnapshot(
        {
          id: 7,
          account_id: 3,
          name: 'Acme',
          is_active: 1,
          billable_by_default: 0,
          weekly_capacity: 1,
          created_at: Date.parse('2026-03-04T09:30:00Z'),
          deleted_at: null,
          statement_key: 'secret',
        },
        ['statement_key'],
      ),
    ).toEqual({
      id: 7,
      name: 'Acme',
      isActive: true,
      billableByDefault: false,
      weeklyCapacity: 1,
      createdAt: '2026-03-04T09:30:00.000Z',
      deletedAt: null,
    });
  });
});
