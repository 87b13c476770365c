import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { fieldErrors } from './field-errors.ts';

describe('fieldErrors', () => {
  const fields = { name: ['Name'], rate: ['DefaultHourlyRate', 'Default hourly rate'] };

  it('puts each message at the field it starts with', () => {
    const error = new ApiError(422, 'validation_failed', "Name can't be blank");
    expect(fieldErrors(error, fields)).toEqual({
      byField: { name: "Name can't be blank" },
      rest: [],
    });
    const rate = new ApiError(422, 'validation_failed', 'DefaultHourlyRate must be ≥ 0');
    expect(fieldErrors(rate, fields).byField.rate).toBe('DefaultHourlyRate must be ≥ 0');
  });

  it('spreads details over their fields and keeps the others for the form', () => {
    const error = new ApiError(422, 'validation_failed', 'Invalid', [
      'Default hourly rate is not a number',
      'Something else entirely',
    ]);
    expect(fieldErrors(error, fields)).toEqual({
      byField: { rate: 'Default hourly rate is not a number' },
      rest: ['Something else entirely'],
    });
  });

  it('keeps a message that names no field, and nothing when there is no error', () => {
    const error = new ApiError(403, 'forbidden', 'You may not do that');
    expect(fieldErrors(error, fields)).toEqual({ byField: {}, rest: ['You may not do that'] });
    expect(fieldErrors(null, fields)).toEqual({ byField: {}, rest: [] });
  });
});
