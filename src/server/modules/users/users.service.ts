import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Clock } from '../../shared/clock.ts';
import { localDate } from '../../../shared/dates.ts';
import { notFound } from '../../shared/domain-error.ts';
import { findAccountById } from '../accounts/accounts.repository.ts';
import { isAccessLevel, parseManagerPermissions, type Actor } from '../auth/auth.rules.ts';
import type { UserView } from './users.presenter.ts';
import { visibleRates } from './users.rules.ts';
import { findCurrentRates, findRoleNames, findUserById } from './users.repository.ts';

export interface UsersService {
  getCurrentUser(actor: Actor): Promise<UserView>;
}

export function createUsersService(deps: { db: Kysely<Database>; clock: Clock }): UsersService {
  const { db, clock } = deps;
  return {
    async getCurrentUser(actor) {
      const [row, account] = await Promise.all([
        findUserById(db, actor.accountId, actor.userId),
        findAccountById(db, actor.accountId),
      ]);
      if (!row || !account || !isAccessLevel(row.access_level)) throw notFound('user');
      const today = localDate(clock.now(), account.timezone);
      const [rates, roles] = await Promise.all([
        findCurrentRates(db, row.id, today),
        findRoleNames(db, row.id),
      ]);
      return {
        row,
        accessLevel: row.access_level,
        managerPermissions: parseManagerPermissions(row.manager_permissions),
        roles,
        rates: visibleRates(actor, rates),
      };
    },
  };
}
