import type { App } from '../../http/app-types.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { presentHarvestCompany } from './accounts.presenter.ts';
import { HarvestCompany, UpdateCompanyBody } from './accounts.schemas.ts';
import type { AccountsService } from './accounts.service.ts';
import type { Actor } from '../auth/auth.rules.ts';
import { DomainError, wordedInvalid } from '../../shared/domain-error.ts';
import { ACCOUNT_ERRORS } from './accounts.errors.ts';

/** Harvest's company body, read into the domain's command; Harvest's words for its errors. */
async function harvestUpdateCompany(
  accounts: AccountsService,
  actor: Actor,
  body: UpdateCompanyBody,
) {
  try {
    return await accounts.updateCompany(actor, {
      name: body.name,
      timezone: body.x_timezone,
      weekStartDay: body.week_start_day,
      currency: body.currency,
      clock: body.clock,
      wantsTimestampTimers: body.wants_timestamp_timers,
      timeFormat: body.time_format,
      dateFormat: body.date_format,
      decimalSymbol: body.decimal_symbol,
      thousandsSeparator: body.thousands_separator,
      currencyCodeDisplay: body.currency_code_display,
      currencySymbolDisplay: body.currency_symbol_display,
      colorScheme: body.color_scheme,
      weeklyCapacity: body.weekly_capacity,
      timeRoundingMode: body.x_time_rounding,
      timeRoundingMinutes: body.x_time_rounding_minutes,
      approvalFeature: body.approval_feature,
      expenseFeature: body.expense_feature,
      invoiceFeature: body.invoice_feature,
      estimateFeature: body.estimate_feature,
      teamFeature: body.team_feature,
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === ACCOUNT_ERRORS.unknownTimeZone) {
      throw wordedInvalid(['X timezone is not a known time zone'], error.code);
    }
    throw error;
  }
}

export function harvestCompanyRoutes(
  app: App,
  deps: { accounts: AccountsService; publicUrl: string },
): void {
  const { accounts, publicUrl } = deps;

  app.get(
    '/company',
    {
      schema: {
        operationId: 'retrieveCompany',
        summary: 'Retrieve the company (account) of the caller',
        security: HARVEST_SECURITY,
        tags: ['Harvest: Company'],
        response: { 200: HarvestCompany },
      },
    },
    async (request) =>
      presentHarvestCompany(await accounts.getCompany(actorOf(request)), publicUrl),
  );

  app.patch(
    '/company',
    {
      schema: {
        operationId: 'updateCompany',
        summary: 'Update the company settings (administrators)',
        security: HARVEST_SECURITY,
        tags: ['Harvest: Company'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: UpdateCompanyBody,
        response: { 200: HarvestCompany },
      },
    },
    async (request) =>
      presentHarvestCompany(
        await harvestUpdateCompany(accounts, actorOf(request), request.body),
        publicUrl,
      ),
  );
}
