import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';
import {
  CLOCKS,
  DATE_FORMATS,
  TIME_FORMATS,
  TIME_ROUNDING_MINUTES,
  TIME_ROUNDING_MODES,
  WEEK_START_DAYS,
} from './accounts.rules.ts';

const oneOf = <T extends readonly (string | number)[]>(values: T) =>
  Type.Unsafe<T[number]>({
    type: typeof values[0] === 'number' ? 'integer' : 'string',
    enum: [...values],
  });

export const NativeAccountSettings = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    timezone: Type.String({ description: 'IANA time zone name.' }),
    weekStartDay: Type.String(),
    currency: Type.String(),
    clock: Type.String({ enum: ['12h', '24h'] }),
    timeFormat: Type.String({ enum: ['decimal', 'hours_minutes'] }),
    dateFormat: Type.String(),
    wantsTimestampTimers: Type.Boolean(),
    timeRoundingMode: Type.String(),
    timeRoundingMinutes: Type.Integer(),
    approvalsEnabled: Type.Boolean({ description: 'People submit their weeks for approval.' }),
    lockDate: Nullable(
      Type.String({ format: 'date', description: 'Nothing on or before this day may change.' }),
    ),
    autoLockDays: Nullable(
      Type.Integer({ description: 'A week locks this many days after it ends; null: never.' }),
    ),
  },
  { title: 'NativeAccountSettings' },
);

export const UpdateNativeAccount = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    timezone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name.' }),
    ),
    weekStartDay: Type.Optional(oneOf(WEEK_START_DAYS)),
    currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
    clock: Type.Optional(oneOf(CLOCKS)),
    timeFormat: Type.Optional(oneOf(TIME_FORMATS)),
    dateFormat: Type.Optional(oneOf(DATE_FORMATS)),
    wantsTimestampTimers: Type.Optional(Type.Boolean()),
    timeRoundingMode: Type.Optional(oneOf(TIME_ROUNDING_MODES)),
    timeRoundingMinutes: Type.Optional(oneOf(TIME_ROUNDING_MINUTES)),
    approvalsEnabled: Type.Optional(Type.Boolean()),
    lockDate: Type.Optional(
      Nullable(
        Type.String({ format: 'date', description: 'Nothing on or before this day may change.' }),
      ),
    ),
    autoLockDays: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 0,
          maximum: 366,
          description: 'A week locks this many days after it ends; null: never.',
        }),
      ),
    ),
  },
  { title: 'UpdateNativeAccount', additionalProperties: false },
);
