/** Stable codes of the webhooks module's refusals; each API words its own message. */
export const WEBHOOK_ERRORS = {
  /** A subscription that is not the account's, or does not exist. */
  notFound: 'webhook_not_found',
  /** A delivery that is not the subscription's, or does not exist. */
  deliveryNotFound: 'webhook_delivery_not_found',
  /** The URL or the events of a subscription cannot be used. */
  invalid: 'invalid_webhook',
  /** The URL points at a loopback, private or link-local address the server does not allow. */
  targetNotAllowed: 'webhook_target_not_allowed',
} as const;

export type WebhookErrorCode = (typeof WEBHOOK_ERRORS)[keyof typeof WEBHOOK_ERRORS];
