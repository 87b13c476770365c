import { describe, expect, it } from 'vitest';
import { BOUNDS } from '../shared/bounds.ts';
import { boundRouteSchema } from './schema-bounds.ts';

describe('boundRouteSchema', () => {
  const route = (body: object) => ({ method: 'POST', url: '/x', schema: { body } });

  it('gives integers the id bound and strings the default length, keeping what is declared', () => {
    const body = {
      type: 'object',
      properties: {
        id: { type: 'integer', minimum: 1 },
        name: { type: 'string', maxLength: 255 },
        notes: { type: ['string', 'null'] },
        kind: { type: 'string', enum: ['a', 'b'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    boundRouteSchema(route(body));
    expect(body.properties).toEqual({
      id: { type: 'integer', minimum: 1, maximum: BOUNDS.id },
      name: { type: 'string', maxLength: 255 },
      notes: { type: ['string', 'null'], maxLength: BOUNDS.string },
      kind: { type: 'string', enum: ['a', 'b'] },
      tags: { type: 'array', items: { type: 'string', maxLength: BOUNDS.string } },
    });
  });

  it('refuses to start with a number whose bound nobody decided', () => {
    expect(() =>
      boundRouteSchema(route({ type: 'object', properties: { rate: { type: 'number' } } })),
    ).toThrow(/POST \/x body\.rate: a number input needs a maximum/);
    expect(() =>
      boundRouteSchema(
        route({ type: 'object', properties: { rate: { type: 'number', maximum: 5 } } }),
      ),
    ).not.toThrow();
  });
});
