import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { calendarDay } from '../../http/native-input.ts';
import type { Account } from './account.rules.ts';
import type { AccountsService } from './accounts.service.ts';
import { NativeAccountSettings, UpdateNativeAccount } from './native-accounts.schemas.ts';

/** The account's settings on the native API (also part of `/me`). */
export function presentNativeAccount(account: Account) {
  return {
    id: account.id,
    name: account.name,
    timezone: account.timezone,
    weekStartDay: account.weekStartDay,
    currency: account.currency,
    clock: account.clock,
    timeFormat: account.timeFormat,
    dateFormat: account.dateFormat,
    wantsTimestampTimers: account.wantsTimestampTimers,
    timeRoundingMode: account.timeRoundingMode,
    timeRoundingMinutes: account.timeRoundingMinutes,
    approvalsEnabled: account.approvalFeature,
    lockDate: account.lockDate,
    autoLockDays: account.autoLockDays,
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
