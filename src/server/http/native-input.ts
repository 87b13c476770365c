import { wordedInvalid } from '../shared/domain-error.ts';
import { parseCalendarDate } from '../../shared/time.ts';

/**
 * A calendar day the native API accepts: a real date (Ajv's `date` format checks the shape
 * only, so the 30th of February is caught here) with a four-digit year from 1000 to 9998, so
 * that a week around it, and its rendering, stay four-digit years too.
 */
export function calendarDay<T extends string | undefined>(text: T, field: string): T {
  if (text === undefined) return text;
  if (parseCalendarDate(text) !== text) {
    throw wordedInvalid([`${field} is not a calendar day`], 'invalid_date');
  }
  if (text < '1000-01-01' || text > '9998-12-31') {
    throw wordedInvalid(
      [`${field} must be between 1000-01-01 and 9998-12-31`],
      'date_out_of_range',
    );
  }
  return text;
}
