import { describe, expect, it } from 'vitest';
import { coerceStrings, compileValidator } from './validation.ts';

describe('coerceStrings', () => {
  it.each<[object, unknown, unknown]>([
    [{ type: 'integer' }, '42', 42],
    [{ type: 'number' }, ' 1.5 ', 1.5],
    [{ type: 'number' }, '.5', 0.5],
    [{ type: 'number' }, '1e3', '1e3'],
    [{ type: 'number' }, 'forty', 'forty'],
    [{ type: 'integer' }, null, null],
    [{ type: 'integer' }, true, true],
    [{ type: ['integer', 'null'] }, '', null],
    [{ type: ['integer', 'null'] }, '7', 7],
    [{ type: 'boolean' }, 'true', true],
    [{ type: 'boolean' }, '0', false],
    [{ type: 'boolean' }, 'yes', 'yes'],
    [{ type: 'boolean' }, null, null],
    [{ type: 'string' }, '42', '42'],
    [{ type: 'string' }, 42, '42'],
    [{ type: ['string', 'null'] }, '', ''],
    [{ type: 'array', items: { type: 'integer' } }, '3', [3]],
    [{ type: 'array', items: { type: 'integer' } }, ['1', '2'], [1, 2]],
  ])('%j: %j -> %j', (schema, input, output) => {
    expect(coerceStrings(schema, input)).toEqual(output);
  });

  it('walks nested objects and leaves undeclared keys alone', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'integer' },
        o: { type: 'object', properties: { b: { type: 'boolean' } } },
      },
    };
    expect(coerceStrings(schema, { a: '1', o: { b: 'false' }, extra: '2' })).toEqual({
      a: 1,
      o: { b: false },
      extra: '2',
    });
  });
});

describe('compileValidator', () => {
  const validator = compileValidator({
    schema: { type: 'object', properties: { n: { type: 'integer', minimum: 0 } } },
  });

  it('returns the coerced value when valid', () => {
    expect(validator({ n: '5' })).toEqual({ value: { n: 5 } });
  });

  it.each([{ n: null }, { n: true }, { n: '-1' }, { n: 1.5 }])(
    'rejects %j with Ajv errors',
    (body) => {
      expect(validator(body)).toBe(false);
      expect(validator.errors?.[0]?.instancePath).toBe('/n');
    },
  );
});
