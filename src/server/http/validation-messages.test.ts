import { describe, expect, it } from 'vitest';
import { humanAttribute, schemaIssueFields, schemaIssueMessages } from './validation-messages.ts';

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

describe('schemaIssueFields', () => {
  it('gives each schema error as a field, a rule and its limit, once', () => {
    expect(
      schemaIssueFields([
        { keyword: 'required', instancePath: '', params: { missingProperty: 'name' } },
        { keyword: 'required', instancePath: '/cells/0', params: { missingProperty: 'date' } },
        { keyword: 'minLength', instancePath: '/name', params: { limit: 1 } },
        { keyword: 'minLength', instancePath: '/password', params: { limit: 8 } },
        { keyword: 'maxLength', instancePath: '/notes', params: { limit: 10000 } },
        { keyword: 'minimum', instancePath: '/cells/2/seconds', params: { limit: 0 } },
        { keyword: 'exclusiveMaximum', instancePath: '/rate', params: { limit: 100 } },
        { keyword: 'type', instancePath: '/weeklyCapacity', params: { type: 'integer' } },
        { keyword: 'format', instancePath: '/spentDate', params: { format: 'date' } },
        { keyword: 'enum', instancePath: '/clock', params: {} },
        { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'x' } },
        { keyword: 'pattern', instancePath: '/code', params: {} },
        { keyword: 'if', instancePath: '/code', params: {} },
        { keyword: 'minimum', instancePath: '/cells/2/seconds', params: { limit: 0 } },
      ]),
    ).toEqual([
      { field: 'name', rule: 'blank' },
      { field: 'cells.0.date', rule: 'blank' },
      { field: 'password', rule: 'minLength', limit: 8 },
      { field: 'notes', rule: 'maxLength', limit: 10000 },
      { field: 'cells.2.seconds', rule: 'min', limit: 0 },
      { field: 'rate', rule: 'max', limit: 100 },
      { field: 'weeklyCapacity', rule: 'type', limit: 'integer' },
      { field: 'spentDate', rule: 'format', limit: 'date' },
      { field: 'clock', rule: 'enum' },
      { field: 'x', rule: 'unknown' },
      { field: 'code', rule: 'invalid' },
    ]);
  });
});
