import { Type, type Static } from 'typebox';
import {
  CLOCKS,
  CURRENCY_CODE_DISPLAYS,
  CURRENCY_SYMBOL_DISPLAYS,
  DATE_FORMATS,
  MAX_WEEKLY_CAPACITY_SECONDS,
  TIME_FORMATS,
  TIME_ROUNDING_MINUTES,
  TIME_ROUNDING_MODES,
  WEEK_START_DAYS,
} from './accounts.rules.ts';

/**
 * Harvest's Company object in the order of Harvest's docs, then `currency` (present in real
 * responses), then Punch's own settings under `x_` names so Harvest clients never mistake them
 * for Harvest fields.
 */
export const HarvestCompany = Type.Object(
  {
    base_uri: Type.String(),
    full_domain: Type.String(),
    name: Type.String(),
    is_active: Type.Boolean(),
    week_start_day: Type.String(),
    wants_timestamp_timers: Type.Boolean(),
    time_format: Type.String(),
    date_format: Type.String(),
    plan_type: Type.String(),
    clock: Type.String(),
    currency_code_display: Type.String(),
    currency_symbol_display: Type.String(),
    decimal_symbol: Type.String(),
    thousands_separator: Type.String(),
    color_scheme: Type.String(),
    weekly_capacity: Type.Integer(),
    expense_feature: Type.Boolean(),
    invoice_feature: Type.Boolean(),
    estimate_feature: Type.Boolean(),
    approval_feature: Type.Boolean(),
    team_feature: Type.Boolean(),
    currency: Type.String(),
    x_timezone: Type.String({ description: 'Punch: the account time zone (IANA name).' }),
    x_time_rounding: Type.String({
      description: 'Punch: how rounded_hours are rounded: none, nearest or up.',
    }),
    x_time_rounding_minutes: Type.Integer({
      description: 'Punch: the rounding step in minutes.',
    }),
  },
  { title: 'HarvestCompany', description: 'The account (Harvest v2 Company).' },
);
export type HarvestCompany = Static<typeof HarvestCompany>;

const oneOf = <T extends readonly (string | number)[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({
    // The type lets form and query values ("15") be coerced before the enum check.
    type: typeof values[0] === 'number' ? 'integer' : 'string',
    enum: [...values],
    ...(description ? { description } : {}),
  });

/**
 * Harvest documents only `wants_timestamp_timers` and `weekly_capacity` as writable; Punch
 * being the account's own server, every setting of the object is writable here. Unknown keys
 * are ignored, as Harvest does.
 */
export const UpdateCompanyBody = Type.Object(
  {
    wants_timestamp_timers: Type.Optional(Type.Boolean()),
    weekly_capacity: Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_WEEKLY_CAPACITY_SECONDS, description: 'Seconds.' }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    week_start_day: Type.Optional(oneOf(WEEK_START_DAYS)),
    time_format: Type.Optional(oneOf(TIME_FORMATS)),
    date_format: Type.Optional(oneOf(DATE_FORMATS)),
    clock: Type.Optional(oneOf(CLOCKS)),
    currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
    currency_code_display: Type.Optional(oneOf(CURRENCY_CODE_DISPLAYS)),
    currency_symbol_display: Type.Optional(oneOf(CURRENCY_SYMBOL_DISPLAYS)),
    decimal_symbol: Type.Optional(oneOf(['.', ','] as const)),
    thousands_separator: Type.Optional(oneOf([',', '.', ' ', "'", ''] as const)),
    color_scheme: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    expense_feature: Type.Optional(Type.Boolean()),
    invoice_feature: Type.Optional(Type.Boolean()),
    estimate_feature: Type.Optional(Type.Boolean()),
    approval_feature: Type.Optional(Type.Boolean()),
    team_feature: Type.Optional(Type.Boolean()),
    x_timezone: Type.Optional(
      Type.String({ minLength: 1, description: 'IANA or Harvest (Rails) time zone name.' }),
    ),
    x_time_rounding: Type.Optional(oneOf(TIME_ROUNDING_MODES)),
    x_time_rounding_minutes: Type.Optional(oneOf(TIME_ROUNDING_MINUTES)),
  },
  { title: 'UpdateCompanyBody' },
);
export type UpdateCompanyBody = Static<typeof UpdateCompanyBody>;
