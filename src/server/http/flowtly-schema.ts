import { Type, type TSchema } from 'typebox';

const View = Type.Record(Type.String(), Type.String());

/** A Hydra collection of `member` (JSON-LD), or a bare array of it (plain JSON). */
export function HydraCollectionOf<T extends TSchema>(member: T) {
  return Type.Union([
    Type.Object({
      '@context': Type.String(),
      '@id': Type.String(),
      '@type': Type.String(),
      'hydra:totalItems': Type.Integer(),
      'hydra:member': Type.Array(member),
      'hydra:view': Type.Optional(View),
      'hydra:search': Type.Optional(Type.Unknown()),
    }),
    Type.Array(member),
  ]);
}
