import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';
import { INVOICE_EVENTS, INVOICE_STATES, PAYMENT_TERMS, SUMMARY_TYPES } from './invoices.rules.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Money = Type.Number({ minimum: -1e12, maximum: 1e12 });
const Percent = Type.Number({ minimum: 0, maximum: 100 });
const Text = (max = 5000) => Type.String({ maxLength: max });
const Day = Type.String({ description: 'YYYY-MM-DD.' });
const Instant = Type.String({ format: 'date-time' });
const oneOf = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const InvoiceParams = Type.Object({ invoiceId: Id });
export const InvoicePaymentParams = Type.Object({ invoiceId: Id, paymentId: Id });
export const InvoiceMessageParams = Type.Object({ invoiceId: Id, messageId: Id });

export const HarvestInvoiceLineItem = Type.Object(
  {
    id: Type.Integer(),
    project: Nullable(
      Type.Object({ id: Type.Integer(), name: Type.String(), code: Nullable(Type.String()) }),
    ),
    kind: Type.String(),
    description: Type.String(),
    quantity: Type.Number(),
    unit_price: Type.Number(),
    amount: Type.Number(),
    taxed: Type.Boolean(),
    taxed2: Type.Boolean(),
  },
  { title: 'HarvestInvoiceLineItem' },
);

export const HarvestInvoice = Type.Object(
  {
    id: Type.Integer(),
    client_key: Type.String(),
    number: Type.String(),
    purchase_order: Nullable(Type.String()),
    amount: Type.Number(),
    due_amount: Type.Number(),
    tax: Nullable(Type.Number()),
    tax_amount: Type.Number(),
    tax2: Nullable(Type.Number()),
    tax2_amount: Type.Number(),
    discount: Nullable(Type.Number()),
    discount_amount: Type.Number(),
    subject: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    state: Type.String({ enum: [...INVOICE_STATES] }),
    period_start: Nullable(Type.String({ format: 'date' })),
    period_end: Nullable(Type.String({ format: 'date' })),
    issue_date: Type.String({ format: 'date' }),
    due_date: Type.String({ format: 'date' }),
    payment_term: Type.String(),
    payment_options: Type.Array(Type.String()),
    sent_at: Nullable(Instant),
    paid_at: Nullable(Instant),
    paid_date: Nullable(Type.String({ format: 'date' })),
    closed_at: Nullable(Instant),
    recurring_invoice_id: Type.Null(),
    created_at: Instant,
    updated_at: Instant,
    currency: Type.String(),
    client: Type.Object({ id: Type.Integer(), name: Type.String() }),
    estimate: Type.Null(),
    retainer: Type.Null(),
    creator: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    line_items: Type.Array(HarvestInvoiceLineItem),
  },
  { title: 'HarvestInvoice' },
);

export const HarvestInvoicePayment = Type.Object(
  {
    id: Type.Integer(),
    amount: Type.Number(),
    paid_at: Instant,
    paid_date: Type.String({ format: 'date' }),
    recorded_by: Nullable(Type.String()),
    recorded_by_email: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    transaction_id: Type.Null(),
    payment_gateway: Type.Null(),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestInvoicePayment' },
);

const Recipient = Type.Object({
  name: Type.String({ description: 'Empty when none was given.' }),
  email: Type.String(),
});

export const HarvestInvoiceMessage = Type.Object(
  {
    id: Type.Integer(),
    sent_by: Nullable(Type.String()),
    sent_by_email: Nullable(Type.String()),
    sent_from: Nullable(Type.String()),
    sent_from_email: Nullable(Type.String()),
    recipients: Type.Array(Recipient),
    subject: Nullable(Type.String()),
    body: Nullable(Type.String()),
    include_link_to_client_invoice: Type.Boolean({ description: 'Deprecated by Harvest.' }),
    attach_pdf: Type.Boolean(),
    send_me_a_copy: Type.Boolean(),
    thank_you: Type.Boolean(),
    event_type: Nullable(Type.String()),
    reminder: Type.Boolean(),
    send_reminder_on: Type.Null(),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestInvoiceMessage' },
);

export const ListInvoicesQuery = Type.Object({
  client_id: Type.Optional(Id),
  project_id: Type.Optional(Id),
  updated_since: Type.Optional(Type.String({ format: 'date-time' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  state: Type.Optional(oneOf(INVOICE_STATES)),
  ...PaginationQuery,
});
export type ListInvoicesQuery = Static<typeof ListInvoicesQuery>;

const LineItemInput = Type.Object({
  id: Type.Optional(Id),
  _destroy: Type.Optional(Type.Boolean()),
  project_id: Type.Optional(Nullable(Id)),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  description: Type.Optional(Text()),
  quantity: Type.Optional(
    Type.Number({ minimum: -1e7, maximum: 1e7, description: 'At most three decimals.' }),
  ),
  unit_price: Type.Optional({
    ...Money,
    description: "At most the decimals of the invoice's currency (two for EUR, none for JPY).",
  }),
  taxed: Type.Optional(Type.Boolean()),
  taxed2: Type.Optional(Type.Boolean()),
});

const InvoiceFieldsBody = {
  number: Type.Optional(Type.String({ maxLength: 255 })),
  purchase_order: Type.Optional(Nullable(Text(255))),
  tax: Type.Optional(Nullable(Percent)),
  tax2: Type.Optional(Nullable(Percent)),
  discount: Type.Optional(Nullable(Percent)),
  subject: Type.Optional(Nullable(Text(1000))),
  notes: Type.Optional(Nullable(Text())),
  currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
  issue_date: Type.Optional(Day),
  due_date: Type.Optional(Day),
  payment_term: Type.Optional(oneOf(Object.keys(PAYMENT_TERMS) as (keyof typeof PAYMENT_TERMS)[])),
  payment_options: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 3 })),
  estimate_id: Type.Optional(Nullable(Id)),
  retainer_id: Type.Optional(Nullable(Id)),
  line_items: Type.Optional(Type.Array(LineItemInput, { maxItems: 500 })),
};

export const CreateInvoiceBody = Type.Object({
  client_id: Id,
  ...InvoiceFieldsBody,
  line_items_import: Type.Optional(
    Type.Object({
      project_ids: Type.Array(Id, { minItems: 1, maxItems: 100 }),
      time: Type.Optional(
        Type.Object({
          summary_type: oneOf(SUMMARY_TYPES),
          from: Type.Optional(Day),
          to: Type.Optional(Day),
        }),
      ),
      expenses: Type.Optional(Type.Object({}, { additionalProperties: true })),
    }),
  ),
});
export type CreateInvoiceBody = Static<typeof CreateInvoiceBody>;

export const UpdateInvoiceBody = Type.Object({
  client_id: Type.Optional(Id),
  ...InvoiceFieldsBody,
});
export type UpdateInvoiceBody = Static<typeof UpdateInvoiceBody>;

export const CreatePaymentBody = Type.Object({
  amount: Type.Number({ minimum: 0, maximum: 1e13 }),
  paid_at: Type.Optional(Type.String({ format: 'date-time' })),
  paid_date: Type.Optional(Day),
  notes: Type.Optional(Nullable(Text())),
});

export const CreateMessageBody = Type.Object({
  event_type: Type.Optional(oneOf(INVOICE_EVENTS)),
  recipients: Type.Optional(
    Type.Array(
      Type.Object({
        name: Type.Optional(Text(255)),
        email: Type.String({ format: 'email', maxLength: 255 }),
      }),
      { maxItems: 50 },
    ),
  ),
  subject: Type.Optional(Nullable(Text(1000))),
  body: Type.Optional(Nullable(Text())),
  include_link_to_client_invoice: Type.Optional(Type.Boolean()),
  attach_pdf: Type.Optional(Type.Boolean()),
  send_me_a_copy: Type.Optional(Type.Boolean()),
  thank_you: Type.Optional(Type.Boolean()),
});

export const UninvoicedQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'YYYY-MM-DD or YYYYMMDD; required.' })),
  to: Type.Optional(Type.String({ description: 'YYYY-MM-DD or YYYYMMDD; required.' })),
  include_fixed_fee: Type.Optional(Type.Boolean()),
  ...PaginationQuery,
});

export const UninvoicedRowSchema = Type.Object(
  {
    client_id: Type.Integer(),
    client_name: Type.String(),
    project_id: Type.Integer(),
    project_name: Type.String(),
    currency: Type.String(),
    total_hours: Type.Number(),
    uninvoiced_hours: Type.Number(),
    uninvoiced_expenses: Type.Number(),
    uninvoiced_amount: Type.Number(),
  },
  { title: 'HarvestUninvoicedReportResult' },
);
