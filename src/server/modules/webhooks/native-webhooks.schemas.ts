import { Type } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Instant = Type.String({ format: 'date-time' });
const DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
const Status = Type.Unsafe<(typeof DELIVERY_STATUSES)[number]>({
  type: 'string',
  enum: [...DELIVERY_STATUSES],
});

const Url = Type.String({
  minLength: 1,
  maxLength: 2000,
  description:
    'Where deliveries are POSTed: http(s), public addresses only unless the server allows others.',
});
const Events = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 100,
  uniqueItems: true,
  description:
    'Event types (`time_entry.created`), every event of a kind (`time_entry.*`), or everything (`*`).',
});
const Description = Type.String({ maxLength: 500 });

export const WebhookSchema = Type.Object(
  {
    id: Id,
    url: Type.String(),
    description: Type.String(),
    events: Type.Array(Type.String()),
    active: Type.Boolean({ description: 'Switched on by its owner.' }),
    pausedAt: Nullable(
      Type.String({
        format: 'date-time',
        description: 'When the system paused it after a day of failed deliveries.',
      }),
    ),
    pausedReason: Nullable(Type.String()),
    pendingDeliveries: Type.Integer({ minimum: 0 }),
    failedDeliveries: Type.Integer({ minimum: 0 }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'Webhook' },
);

export const WebhookWithSecret = Type.Object(
  {
    webhook: WebhookSchema,
    secret: Type.String({
      description:
        'Signs every delivery (header `Punch-Signature`). Shown now and on rotation only.',
    }),
  },
  { title: 'WebhookWithSecret' },
);

export const WebhookList = Type.Object(
  { data: Type.Array(WebhookSchema) },
  { title: 'WebhookList' },
);

export const CreateWebhookBody = Type.Object(
  {
    url: Url,
    events: Events,
    description: Type.Optional(Description),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, title: 'CreateWebhook' },
);

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    description: Type.Optional(Description),
    active: Type.Optional(
      Type.Boolean({ description: 'true also resumes a subscription the system paused.' }),
    ),
  },
  { additionalProperties: false, title: 'UpdateWebhook' },
);

export const WebhookParams = Type.Object({ webhookId: Id });
export const DeliveryParams = Type.Object({ webhookId: Id, deliveryId: Id });

export const DeliveriesQuery = Type.Object(
  {
    before: Type.Optional(Id),
    status: Type.Optional(Status),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const DeliverySchema = Type.Object(
  {
    id: Id,
    webhookId: Id,
    eventId: Nullable(Type.Integer({ minimum: 1, description: 'Null for a test ping.' })),
    eventType: Type.String(),
    status: Status,
    attempts: Type.Integer({ minimum: 0 }),
    nextAttemptAt: Nullable(Type.String({ format: 'date-time' })),
    lastAttemptedAt: Nullable(Type.String({ format: 'date-time' })),
    lastStatusCode: Nullable(Type.Integer()),
    lastDurationMs: Nullable(Type.Integer({ minimum: 0 })),
    lastError: Nullable(Type.String()),
    deliveredAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Instant,
  },
  { title: 'WebhookDelivery' },
);

export const DeliveryList = Type.Object(
  {
    data: Type.Array(DeliverySchema),
    nextBefore: Nullable(
      Type.Integer({ minimum: 1, description: 'Pass as `before` for the next page.' }),
    ),
  },
  { title: 'WebhookDeliveryList' },
);

export const AttemptSchema = Type.Object(
  {
    id: Id,
    attemptedAt: Instant,
    statusCode: Nullable(Type.Integer()),
    durationMs: Type.Integer({ minimum: 0 }),
    responseExcerpt: Nullable(Type.String()),
    error: Nullable(Type.String()),
  },
  { title: 'WebhookAttempt' },
);

export const DeliveryDetail = Type.Object(
  {
    delivery: DeliverySchema,
    attempts: Type.Array(AttemptSchema),
    body: Nullable(Type.String({ description: 'The JSON body as sent (signed as is).' })),
  },
  { title: 'WebhookDeliveryDetail' },
);
