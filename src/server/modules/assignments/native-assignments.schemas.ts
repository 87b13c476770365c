import { Type } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';

export const TrackingOptionsQuery = Type.Object(
  { userId: Type.Optional(Type.Integer({ minimum: 1, maximum: BOUNDS.id })) },
  { additionalProperties: false },
);

export const TrackingOptions = Type.Object(
  {
    projects: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          name: Type.String(),
          code: Nullable(Type.String()),
          client: Type.Object({ id: Type.Integer(), name: Type.String() }),
          tasks: Type.Array(
            Type.Object({ id: Type.Integer(), name: Type.String(), billable: Type.Boolean() }),
          ),
        },
        { title: 'TrackingProject' },
      ),
    ),
  },
  { title: 'TrackingOptions' },
);
