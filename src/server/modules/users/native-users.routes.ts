import type { App } from '../../http/app-types.ts';
import { actorOf } from '../../http/request-context.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { Me } from './native-users.schemas.ts';
import type { UsersService } from './users.service.ts';

/** The native API's view of people: who is signed in, where, with which settings. */
export function nativeUsersRoutes(
  app: App,
  deps: { users: UsersService; accounts: AccountsService; auth: AuthService },
) {
  app.get(
    '/me',
    {
      schema: {
        operationId: 'retrieveMe',
        summary: 'The signed-in person, their account and its settings, and their other accounts',
        tags: ['Punch: People'],
        security: NATIVE_SECURITY,
        response: { 200: Me },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [view, account, accounts] = await Promise.all([
        deps.users.getCurrentUser(actor),
        deps.accounts.getCompany(actor),
        deps.auth.accountsOfLogin(actor.identityId),
      ]);
      const { row } = view;
      return {
        person: {
          id: row.id,
          firstName: row.first_name,
          lastName: row.last_name,
          email: row.email,
          timezone: row.timezone,
          weeklyCapacitySeconds: row.weekly_capacity,
          accessLevel: view.accessLevel,
          managerPermissions: [...view.managerPermissions],
          avatarUrl: row.avatar_url,
        },
        account: {
          id: account.id,
          name: account.name,
          timezone: account.timezone,
          weekStartDay: account.week_start_day,
          currency: account.currency,
          clock: account.clock,
          timeFormat: account.time_format,
          dateFormat: account.date_format,
          wantsTimestampTimers: account.wants_timestamp_timers === 1,
          timeRoundingMode: account.time_rounding_mode,
          timeRoundingMinutes: account.time_rounding_minutes,
        },
        accounts: accounts.map((a) => ({ id: a.accountId, name: a.name, personId: a.userId })),
      };
    },
  );
}
