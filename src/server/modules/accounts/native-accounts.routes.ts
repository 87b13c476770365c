import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { calendarDay } from '../../http/native-input.ts';
import type { AccountRow } from './accounts.repository.ts';
import type { AccountsService } from './accounts.service.ts';
import { NativeAccountSettings, UpdateNativeAccount } from './native-accounts.schemas.ts';

/** The account's settings on the native API (also part of `/me`). */
export function presentNativeAccount(account: AccountRow) {
  return {
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
    approvalsEnabled: account.approval_feature === 1,
    lockDate: account.lock_date,
    autoLockDays: account.auto_lock_days,
  };
}

/** The account's settings: everyone signed in reads them; administrators change them. */
export function nativeAccountsRoutes(app: App, deps: { accounts: AccountsService }) {
  const tags = ['Punch: Account'];
  app.get(
    '/account',
    {
      schema: {
        operationId: 'retrieveAccountSettings',
        summary: "The account's settings",
        tags,
        security: NATIVE_SECURITY,
        response: { 200: NativeAccountSettings },
      },
    },
    async (request) => presentNativeAccount(await deps.accounts.getCompany(actorOf(request))),
  );

  app.patch(
    '/account',
    {
      schema: {
        operationId: 'updateAccountSettings',
        summary: "Change the account's settings (administrators)",
        tags,
        security: NATIVE_SECURITY,
        body: UpdateNativeAccount,
        response: { 200: NativeAccountSettings },
      },
    },
    async (request) => {
      const { approvalsEnabled, lockDate, ...rest } = request.body;
      return presentNativeAccount(
        await deps.accounts.updateCompany(actorOf(request), {
          ...rest,
          approvalFeature: approvalsEnabled,
          lockDate: calendarDay(lockDate ?? undefined, 'lockDate') ?? lockDate,
        }),
      );
    },
  );
}
