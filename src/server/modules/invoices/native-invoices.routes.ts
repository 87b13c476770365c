import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { calendarDay } from '../../http/native-input.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { INVOICE_ERRORS } from './invoices.errors.ts';
import { minorToNumber } from './invoices.rules.ts';
import type { Invoice, InvoicePreview } from './invoice.rules.ts';
import type { CreateInvoice, InvoicesService } from './invoices.service.ts';
import {
  CreateNativeInvoice,
  InvoicePdfQuery,
  ListNativeInvoicesQuery,
  NativeInvoice,
  NativeInvoiceList,
  NativeInvoiceParams,
  NativeInvoicePreview,
  RecordNativePayment,
} from './native-invoices.schemas.ts';

const tags = ['Punch: Invoices'];
const security = NATIVE_SECURITY;

function presentTotals(view: InvoicePreview) {
  return {
    currency: view.currency,
    subtotalMinor: view.totals.subtotal,
    discountMinor: view.totals.discountAmount,
    taxMinor: view.totals.taxAmount,
    tax2Minor: view.totals.tax2Amount,
    amountMinor: view.totals.amount,
    paidMinor: view.paid,
    dueMinor: view.due,
    lines: view.lines.map((line) => ({
      id: line.id,
      project: line.project,
      kind: line.kind,
      description: line.description,
      quantity: line.quantityThousandths / 1000,
      unitPriceMinor: line.unitPriceMinor,
      amountMinor: line.amountMinor,
      taxed: line.taxed,
      taxed2: line.taxed2,
    })),
  };
}

export function presentNativeInvoice(invoice: Invoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    state: invoice.state as 'draft',
    client: invoice.client,
    subject: invoice.subject,
    notes: invoice.notes,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    paymentTerm: invoice.paymentTerm,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    sentAt: invoice.sentAt === null ? null : toWireInstant(invoice.sentAt),
    paidDate: invoice.paidDate,
    ...presentTotals(invoice),
  };
}

function commandOf(body: CreateNativeInvoice): CreateInvoice {
  const from = calendarDay(body.from, 'from');
  const to = calendarDay(body.to, 'to');
  return {
    clientId: body.clientId,
    number: body.number,
    subject: body.subject,
    notes: body.notes,
    issueDate: calendarDay(body.issueDate, 'issueDate'),
    paymentTerm: body.paymentTerm,
    tax: body.tax,
    discount: body.discount,
    // The client's uninvoiced time: on the projects named, or on all of the client's.
    importTime: {
      projectIds: body.projectIds ?? [],
      summaryType: body.summaryType ?? 'task',
      from,
      to,
    },
  };
}

/** Invoices on the native API: what the web app needs to bill tracked time and get paid. */
export function nativeInvoicesRoutes(app: App, deps: { invoices: InvoicesService }) {
  const { invoices } = deps;

  app.get(
    '/invoices',
    {
      schema: {
        operationId: 'punchListInvoices',
        summary: 'Invoices, newest first (administrators)',
        tags,
        security,
        querystring: ListNativeInvoicesQuery,
        response: { 200: NativeInvoiceList },
      },
    },
    async (request) => {
      const page = nativePageRequest(request.query);
      const result = await invoices.list(
        actorOf(request),
        { state: request.query.state, clientId: request.query.clientId },
        page,
      );
      return {
        data: result.rows.map(presentNativeInvoice),
        nextCursor: nextCursor(result),
      };
    },
  );

  app.get(
    '/invoices/:invoiceId',
    {
      schema: {
        operationId: 'punchRetrieveInvoice',
        summary: 'An invoice with its lines and totals',
        tags,
        security,
        params: NativeInvoiceParams,
        response: { 200: NativeInvoice },
      },
    },
    async (request) =>
      presentNativeInvoice(await invoices.get(actorOf(request), request.params.invoiceId)),
  );

  app.post(
    '/invoices/preview',
    {
      schema: {
        operationId: 'previewInvoice',
        summary: "The lines and totals an invoice of the client's uninvoiced time would have",
        tags,
        security,
        body: CreateNativeInvoice,
        response: { 200: NativeInvoicePreview },
      },
    },
    async (request) => {
      const preview = await invoices.preview(actorOf(request), commandOf(request.body));
      return presentTotals(preview);
    },
  );

  app.post(
    '/invoices',
    {
      schema: {
        operationId: 'punchCreateInvoice',
        summary: "Create a draft invoice of the client's billable, uninvoiced time",
        tags,
        security,
        body: CreateNativeInvoice,
        response: { 201: NativeInvoice },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentNativeInvoice(await invoices.create(actorOf(request), commandOf(request.body))),
        ),
  );

  app.post(
    '/invoices/:invoiceId/send',
    {
      schema: {
        operationId: 'markInvoiceSent',
        summary: 'Mark a draft as sent (open); no e-mail is sent',
        tags,
        security,
        params: NativeInvoiceParams,
        response: { 200: NativeInvoice },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await invoices.createMessage(actor, request.params.invoiceId, { eventType: 'send' });
      return presentNativeInvoice(await invoices.get(actor, request.params.invoiceId));
    },
  );

  app.post(
    '/invoices/:invoiceId/payments',
    {
      schema: {
        operationId: 'recordInvoicePayment',
        summary: 'Record a payment (everything due when no amount is given)',
        tags,
        security,
        params: NativeInvoiceParams,
        body: RecordNativePayment,
        response: { 200: NativeInvoice },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const id = request.params.invoiceId;
      const current = await invoices.get(actor, id);
      const minor = request.body.amountMinor ?? current.due;
      if (minor <= 0) {
        throw wordedInvalid(['Nothing is due on this invoice'], INVOICE_ERRORS.wrongState);
      }
      await invoices.createPayment(actor, id, {
        amount: minorToNumber(minor, current.currency),
        paidDate: calendarDay(request.body.paidDate, 'paidDate'),
      });
      return presentNativeInvoice(await invoices.get(actor, id));
    },
  );

  app.delete(
    '/invoices/:invoiceId',
    {
      schema: {
        operationId: 'punchDeleteInvoice',
        summary: 'Delete an invoice; its time is billable again',
        tags,
        security,
        params: NativeInvoiceParams,
        response: { 200: NativeInvoice },
      },
    },
    async (request) =>
      presentNativeInvoice(await invoices.delete(actorOf(request), request.params.invoiceId)),
  );

  app.get(
    '/invoices/:invoiceId/pdf',
    {
      schema: {
        operationId: 'downloadInvoicePdf',
        summary: 'The invoice as a PDF, in a language (English by default)',
        tags,
        security,
        params: NativeInvoiceParams,
        querystring: InvoicePdfQuery,
        produces: ['application/pdf'],
        response: {
          200: {
            description: 'The PDF.',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const { invoice, pdf } = await invoices.pdf(
        actorOf(request),
        request.params.invoiceId,
        request.query.language ?? 'en',
      );
      const name = `invoice-${invoice.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}"`)
          // The schema types the body as text for the document; the bytes go out as they are.
          .send(pdf as unknown as string)
      );
    },
  );
}
