import { describe, expect, it } from 'vitest';
import { humanAttribute, schemaIssueMessages } from './validation-messages.ts';

describe('humanAttribute', () => {
  it.each([
    ['weekly_capacity', 'Weekly capacity'],
    ['name', 'Name'],
    ['x_timezone', 'X timezone'],
    ['external_reference/id', 'External reference id'],
  ])('%s -> %s', (input, output) => expect(humanAttribute(input)).toBe(output));
});

describe('schemaIssueMessages', () => {
  const issue = (keyword: string, instancePath: string, params: Record<string, unknown> = {}) => ({
    keyword,
    instancePath,
    params,
  });

  it.each([
    [issue('required', '', { missingProperty: 'project_id' }), "Project id can't be blank"],
    [issue('type', '/hours', { type: 'number' }), 'Hours is not a number'],
    [issue('type', '/weekly_capacity', { type: 'integer' }), 'Weekly capacity must be an integer'],
    [issue('type', '/billable', { type: 'boolean' }), 'Billable must be true or false'],
    [issue('enum', '/clock'), 'Clock is not included in the list'],
    [issue('minimum', '/hours', { limit: 0 }), 'Hours must be greater than or equal to 0'],
    [issue('maximum', '/hours', { limit: 24 }), 'Hours must be less than or equal to 24'],
    [issue('minLength', '/name', { limit: 1 }), "Name can't be blank"],
    [issue('maxLength', '/name', { limit: 255 }), 'Name is too long (maximum is 255 characters)'],
    [issue('format', '/spent_date', { format: 'date' }), 'Spent date is not a valid date'],
    [issue('pattern', '/currency'), 'Currency is invalid'],
  ])('%j -> %s', (input, message) => {
    expect(schemaIssueMessages([input])).toEqual([message]);
  });

  it('keeps every distinct message once, in order', () => {
    expect(
      schemaIssueMessages([
        issue('required', '', { missingProperty: 'name' }),
        issue('enum', '/clock'),
        issue('enum', '/clock'),
      ]),
    ).toEqual(["Name can't be blank", 'Clock is not included in the list']);
  });
});
