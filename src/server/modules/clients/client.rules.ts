import type { ClientRow } from './clients.repository.ts';

/** A client as the core hands it to every door: camelCase, flags as booleans. */
export interface Client {
  id: number;
  name: string;
  isActive: boolean;
  address: string | null;
  /** The key of the client's public invoice statements (Harvest shows it). */
  statementKey: string;
  /** ISO 4217; the client's invoices and rates are in it. */
  currency: string;
  createdAt: number;
  updatedAt: number;
}

export function clientOf(row: ClientRow): Client {
  return {
    id: row.id,
    name: row.name,
    isActive: row.is_active === 1,
    address: row.address,
    statementKey: row.statement_key,
    currency: row.currency,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
