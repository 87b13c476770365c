import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type {
  Webhook,
  WebhookAttempt,
  WebhookDelivery,
  WebhooksService,
} from './webhooks.service.ts';
import {
  CreateWebhookBody,
  DeliveriesQuery,
  DeliveryDetail,
  DeliveryList,
  DeliveryParams,
  DeliverySchema,
  UpdateWebhookBody,
  WebhookList,
  WebhookParams,
  WebhookSchema,
  WebhookWithSecret,
} from './native-webhooks.schemas.ts';

const tags = ['Punch: Webhooks'];
const security = NATIVE_SECURITY;

const instant = (ms: number | null) => (ms === null ? null : toWireInstant(ms));

function presentWebhook(webhook: Webhook) {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    events: webhook.events,
    active: webhook.active,
    pausedAt: instant(webhook.pausedAt),
    pausedReason: webhook.pausedReason,
    pendingDeliveries: webhook.pending,
    failedDeliveries: webhook.failed,
    createdAt: toWireInstant(webhook.createdAt),
    updatedAt: toWireInstant(webhook.updatedAt),
  };
}

function presentDelivery(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: instant(delivery.nextAttemptAt),
    lastAttemptedAt: instant(delivery.lastAttemptedAt),
    lastStatusCode: delivery.lastStatusCode,
    lastDurationMs: delivery.lastDurationMs,
    lastError: delivery.lastError,
    deliveredAt: instant(delivery.deliveredAt),
    createdAt: toWireInstant(delivery.createdAt),
  };
}

function presentAttempt(attempt: WebhookAttempt) {
  return { ...attempt, attemptedAt: toWireInstant(attempt.attemptedAt) };
}

const PAGE = 50;

/** The account's webhook subscriptions and their delivery log (administrators). */
export function nativeWebhooksRoutes(app: App, deps: { webhooks: WebhooksService }) {
  const { webhooks } = deps;

  app.get(
    '/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        summary: "The account's webhook subscriptions",
        tags,
        security,
        response: { 200: WebhookList },
      },
    },
    async (request) => ({
      data: (await webhooks.list(actorOf(request))).map(presentWebhook),
    }),
  );

  app.post(
    '/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        summary: 'Subscribe a URL to events; the answer holds the signing secret, once',
        tags,
        security,
        body: CreateWebhookBody,
        response: { 201: WebhookWithSecret },
      },
    },
    async (request, reply) => {
      const created = await webhooks.create(actorOf(request), request.body);
      return reply
        .code(201)
        .send({ webhook: presentWebhook(created.webhook), secret: created.secret });
    },
  );

  app.get(
    '/webhooks/:webhookId',
    {
      schema: {
        operationId: 'getWebhook',
        summary: 'A webhook subscription',
        tags,
        security,
        params: WebhookParams,
        response: { 200: WebhookSchema },
      },
    },
    async (request) =>
      presentWebhook(await webhooks.get(actorOf(request), request.params.webhookId)),
  );

  app.patch(
    '/webhooks/:webhookId',
    {
      schema: {
        operationId: 'updateWebhook',
        summary: 'Change its URL or events, switch it off, or on again (which resumes it)',
        tags,
        security,
        params: WebhookParams,
        body: UpdateWebhookBody,
        response: { 200: WebhookSchema },
      },
    },
    async (request) =>
      presentWebhook(
        await webhooks.update(actorOf(request), request.params.webhookId, request.body),
      ),
  );

  app.delete(
    '/webhooks/:webhookId',
    {
      schema: {
        operationId: 'deleteWebhook',
        summary: 'Delete a subscription and its delivery log',
        tags,
        security,
        params: WebhookParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await webhooks.delete(actorOf(request), request.params.webhookId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/webhooks/:webhookId/secret',
    {
      schema: {
        operationId: 'rotateWebhookSecret',
        summary: 'Replace the signing secret; the new one is answered once',
        tags,
        security,
        params: WebhookParams,
        response: { 200: WebhookWithSecret },
      },
    },
    async (request) => {
      const rotated = await webhooks.rotateSecret(actorOf(request), request.params.webhookId);
      return { webhook: presentWebhook(rotated.webhook), secret: rotated.secret };
    },
  );

  app.post(
    '/webhooks/:webhookId/ping',
    {
      schema: {
        operationId: 'pingWebhook',
        summary: 'Send a signed `webhook.ping` now and answer how it went',
        tags,
        security,
        params: WebhookParams,
        response: { 200: DeliverySchema },
      },
    },
    async (request) =>
      presentDelivery(await webhooks.ping(actorOf(request), request.params.webhookId)),
  );

  app.get(
    '/webhooks/:webhookId/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        summary: 'The delivery log, newest first',
        tags,
        security,
        params: WebhookParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveryList },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? PAGE;
      const rows = await webhooks.deliveries(actorOf(request), request.params.webhookId, {
        before: request.query.before ?? null,
        status: request.query.status ?? null,
        limit,
      });
      return {
        data: rows.map(presentDelivery),
        nextBefore: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/webhooks/:webhookId/deliveries/:deliveryId',
    {
      schema: {
        operationId: 'getWebhookDelivery',
        summary: 'A delivery with every attempt (status, duration, response excerpt) and its body',
        tags,
        security,
        params: DeliveryParams,
        response: { 200: DeliveryDetail },
      },
    },
    async (request) => {
      const found = await webhooks.delivery(
        actorOf(request),
        request.params.webhookId,
        request.params.deliveryId,
      );
      return {
        delivery: presentDelivery(found.delivery),
        attempts: found.attempts.map(presentAttempt),
        body: found.body,
      };
    },
  );

  app.post(
    '/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    {
      schema: {
        operationId: 'redeliverWebhookDelivery',
        summary: 'Queue a delivery again, now (with a new day of retries)',
        tags,
        security,
        params: DeliveryParams,
        response: { 202: DeliverySchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          presentDelivery(
            await webhooks.redeliver(
              actorOf(request),
              request.params.webhookId,
              request.params.deliveryId,
            ),
          ),
        ),
  );
}
