import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import {
  countAccounts,
  findAccountById,
  insertAccount,
  type AccountRow,
} from './accounts.repository.ts';

/**
 * The accounts as the modules the accounts service does not sit above read them (time entries,
 * setup): no dependency of its own, so any service may be built on it.
 */
export interface AccountsDirectory {
  /** The account as stored, read in the caller's unit of work (its settings for a write). */
  accountIn: (tx: Kysely<Database>, accountId: number) => Promise<AccountRow | undefined>;
  /** How many accounts exist, read in the caller's unit of work. */
  countIn: (tx: Kysely<Database>) => Promise<number>;
  /** A new account with the default settings, in the caller's unit of work. */
  openIn: (
    tx: Kysely<Database>,
    account: { name: string; timezone: string; at: number },
  ) => Promise<AccountRow>;
}

export function createAccountsDirectory(): AccountsDirectory {
  return {
    accountIn: (tx, accountId) => findAccountById(tx, accountId),
    countIn: (tx) => countAccounts(tx),
    openIn: (tx, account) =>
      insertAccount(tx, { name: account.name, timezone: account.timezone, created_at: account.at }),
  };
}
