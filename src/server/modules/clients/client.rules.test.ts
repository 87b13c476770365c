import { describe, expect, it } from 'vitest';
import type { ClientRow } from './clients.repository.ts';
import { clientOf } from './client.rules.ts';

describe('clientOf', () => {
  it('reads a client row in camelCase with its flag as a boolean', () => {
    const row: ClientRow = {
      id: 2,
      account_id: 1,
      name: 'Babbage Ltd',
      is_active: 0,
      address: '1 Analytical Row',
      statement_key: 'k3y',
      currency: 'GBP',
      created_at: 10,
      updated_at: 20,
      deleted_at: null,
    };
    expect(clientOf(row)).toEqual({
      id: 2,
      name: 'Babbage Ltd',
      isActive: false,
      address: '1 Analytical Row',
      statementKey: 'k3y',
      currency: 'GBP',
      createdAt: 10,
      updatedAt: 20,
    });
  });
});
