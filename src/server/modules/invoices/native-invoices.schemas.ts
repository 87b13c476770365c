import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';
import { INVOICE_STATES, PAYMENT_TERMS, SUMMARY_TYPES } from './invoices.rules.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
const Minor = (description: string) =>
  Type.Integer({ description: `${description}, in minor units of the currency (cents).` });
const oneOf = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const NativeInvoiceParams = Type.Object({ invoiceId: Id });

const NativeInvoiceLine = Type.Object(
  {
    id: Type.Integer(),
    project: Nullable(
      Type.Object({ id: Type.Integer(), name: Type.String(), code: Nullable(Type.String()) }),
    ),
    kind: Type.String(),
    description: Type.String(),
    quantity: Type.Number({ description: 'Hours for time, at most three decimals.' }),
    unitPriceMinor: Minor('Price per unit'),
    amountMinor: Minor('Quantity × unit price, rounded once'),
    taxed: Type.Boolean(),
    taxed2: Type.Boolean(),
  },
  { title: 'NativeInvoiceLine' },
);

const Totals = {
  currency: Type.String(),
  subtotalMinor: Minor('The sum of the lines'),
  discountMinor: Minor('The discount'),
  taxMinor: Minor('The first tax'),
  tax2Minor: Minor('The second tax'),
  amountMinor: Minor('Subtotal − discount + taxes'),
  paidMinor: Minor('Payments recorded'),
  dueMinor: Minor('What is still due'),
};

export const NativeInvoice = Type.Object(
  {
    id: Type.Integer(),
    number: Type.String(),
    state: oneOf(INVOICE_STATES),
    client: Type.Object({ id: Type.Integer(), name: Type.String() }),
    subject: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    issueDate: Type.String({ format: 'date' }),
    dueDate: Type.String({ format: 'date' }),
    paymentTerm: Type.String(),
    periodStart: Nullable(Type.String({ format: 'date' })),
    periodEnd: Nullable(Type.String({ format: 'date' })),
    sentAt: Nullable(Type.String({ format: 'date-time' })),
    paidDate: Nullable(Type.String({ format: 'date' })),
    ...Totals,
    lines: Type.Array(NativeInvoiceLine),
  },
  { title: 'NativeInvoice' },
);

export const NativeInvoiceList = Type.Object(
  { data: Type.Array(NativeInvoice), nextCursor: Nullable(Type.String()) },
  { title: 'NativeInvoiceList' },
);

export const NativeInvoicePreview = Type.Object(
  { ...Totals, lines: Type.Array(NativeInvoiceLine) },
  { title: 'NativeInvoicePreview' },
);

export const ListNativeInvoicesQuery = Type.Object(
  {
    state: Type.Optional(oneOf(INVOICE_STATES)),
    clientId: Type.Optional(Id),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type ListNativeInvoicesQuery = Static<typeof ListNativeInvoicesQuery>;

export const CreateNativeInvoice = Type.Object(
  {
    clientId: Id,
    projectIds: Type.Optional(
      Type.Array(Id, {
        maxItems: 100,
        description:
          "The client's projects whose billable, uninvoiced time becomes lines; all of the client's when left out.",
      }),
    ),
    summaryType: Type.Optional(oneOf(SUMMARY_TYPES)),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    subject: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    issueDate: Type.Optional(Day),
    paymentTerm: Type.Optional(oneOf(Object.keys(PAYMENT_TERMS) as (keyof typeof PAYMENT_TERMS)[])),
    tax: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    discount: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
  },
  { title: 'CreateNativeInvoice', additionalProperties: false },
);
export type CreateNativeInvoice = Static<typeof CreateNativeInvoice>;

export const RecordNativePayment = Type.Object(
  {
    amountMinor: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1e13,
        description: 'In minor units; everything due when left out.',
      }),
    ),
    paidDate: Type.Optional(Day),
  },
  { title: 'RecordNativePayment', additionalProperties: false },
);

export const InvoicePdfQuery = Type.Object(
  { language: Type.Optional(oneOf(['en', 'uk', 'zh'] as const)) },
  { additionalProperties: false },
);
