/** Stable codes of the event stream's refusals; each API words its own message. */
export const EVENT_ERRORS = {
  /** A Last-Event-ID that is not an event id. */
  invalidEventId: 'invalid_event_id',
} as const;
