import type { App } from '../../http/app-types.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { MAX_PER_PAGE, pageRequest } from '../../shared/pagination.ts';
import { parseCalendarDate } from '../../../shared/time.ts';
import {
  presentHarvestInvoice,
  presentHarvestMessage,
  presentHarvestPayment,
  presentUninvoicedRow,
} from './invoices.presenter.ts';
import {
  CreateInvoiceBody,
  CreateMessageBody,
  CreatePaymentBody,
  HarvestInvoice,
  HarvestInvoiceMessage,
  HarvestInvoicePayment,
  InvoiceMessageParams,
  InvoiceParams,
  InvoicePaymentParams,
  ListInvoicesQuery,
  UninvoicedQuery,
  UninvoicedRowSchema,
  UpdateInvoiceBody,
  type UpdateInvoiceBody as UpdateBody,
} from './invoices.schemas.ts';
import type { InvoiceFields, InvoicesService } from './invoices.service.ts';

const tags = ['Harvest: Invoices'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

/** A Harvest page of a list that is read whole (an invoice's payments, a report's rows). */
function pageOfAll<const K extends string, T>(
  key: K,
  items: T[],
  url: string,
  query: { page?: number; per_page?: number } & Record<string, unknown>,
) {
  const perPage = query.per_page ?? MAX_PER_PAGE;
  const page = query.page ?? 1;
  return presentHarvestPage({
    key,
    items: items.slice((page - 1) * perPage, page * perPage),
    page: { rows: [], total: items.length, hasOlder: false, hasNewer: false },
    request: { perPage, page, cursor: null },
    url,
    query,
  });
}

/** A Harvest date field: YYYY-MM-DD (or YYYYMMDD), a real day. */
function day(text: string | undefined, field: string): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseCalendarDate(text);
  if (!parsed) throw wordedInvalid([`${field} is not a valid date`]);
  return parsed;
}

/** The fields a create and an update share, read from Harvest's body. */
function fieldsOf(body: UpdateBody): InvoiceFields {
  return {
    number: body.number,
    purchaseOrder: body.purchase_order,
    tax: body.tax,
    tax2: body.tax2,
    discount: body.discount,
    subject: body.subject,
    notes: body.notes,
    currency: body.currency,
    issueDate: day(body.issue_date, 'Issue date'),
    dueDate: day(body.due_date, 'Due date'),
    paymentTerm: body.payment_term,
    lineItems: body.line_items?.map((line) => ({
      id: line.id,
      destroy: line._destroy,
      projectId: line.project_id,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      taxed: line.taxed,
      taxed2: line.taxed2,
    })),
  };
}

/**
 * Harvest v2's Invoices API: invoices with their line items, payments and messages, and the
 * uninvoiced report. Messages are recorded and change the state; Punch sends no e-mail.
 */
export function harvestInvoicesRoutes(
  app: App,
  deps: { invoices: InvoicesService; publicUrl: string },
): void {
  const { invoices, publicUrl } = deps;

  app.get(
    '/invoices',
    {
      schema: {
        operationId: 'listInvoices',
        summary: 'List invoices, most recently created first',
        tags,
        security,
        querystring: ListInvoicesQuery,
        response: { 200: HarvestPage('invoices', HarvestInvoice) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await invoices.list(
        actorOf(request),
        {
          clientId: query.client_id,
          projectId: query.project_id,
          updatedSince: query.updated_since ? Date.parse(query.updated_since) : undefined,
          from: day(query.from, 'From'),
          to: day(query.to, 'To'),
          state: query.state,
        },
        page,
      );
      return presentHarvestPage({
        key: 'invoices',
        items: result.rows.map(presentHarvestInvoice),
        page: result,
        request: page,
        url: `${publicUrl}/v2/invoices`,
        query,
      });
    },
  );

  app.get(
    '/invoices/:invoiceId',
    {
      schema: {
        operationId: 'retrieveInvoice',
        summary: 'Retrieve an invoice',
        tags,
        security,
        params: InvoiceParams,
        response: { 200: HarvestInvoice },
      },
    },
    async (request) =>
      presentHarvestInvoice(await invoices.get(actorOf(request), request.params.invoiceId)),
  );

  app.post(
    '/invoices',
    {
      schema: {
        operationId: 'createInvoice',
        summary: 'Create a free-form invoice, or one from tracked time (line_items_import)',
        tags,
        security,
        consumes,
        body: CreateInvoiceBody,
        response: { 201: HarvestInvoice },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const time = body.line_items_import?.time;
      if (body.line_items_import && !time) {
        // Punch tracks no expenses: an import is of time.
        throw wordedInvalid(['Line items import needs time (Punch tracks no expenses)']);
      }
      const view = await invoices.create(actorOf(request), {
        clientId: body.client_id,
        ...fieldsOf(body),
        importTime:
          body.line_items_import && time
            ? {
                projectIds: body.line_items_import.project_ids,
                summaryType: time.summary_type,
                from: day(time.from, 'From'),
                to: day(time.to, 'To'),
              }
            : undefined,
      });
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `invoices/${view.id}`))
        .send(presentHarvestInvoice(view));
    },
  );

  app.patch(
    '/invoices/:invoiceId',
    {
      schema: {
        operationId: 'updateInvoice',
        summary:
          'Update an invoice; line items with an id change, with _destroy go (un-billing their time)',
        tags,
        security,
        consumes,
        params: InvoiceParams,
        body: UpdateInvoiceBody,
        response: { 200: HarvestInvoice },
      },
    },
    async (request) =>
      presentHarvestInvoice(
        await invoices.update(actorOf(request), request.params.invoiceId, {
          clientId: request.body.client_id,
          ...fieldsOf(request.body),
        }),
      ),
  );

  app.delete(
    '/invoices/:invoiceId',
    {
      schema: {
        operationId: 'deleteInvoice',
        summary: 'Delete an invoice; its time is un-billed',
        tags,
        security,
        params: InvoiceParams,
        response: { 200: HarvestInvoice },
      },
    },
    async (request) =>
      presentHarvestInvoice(await invoices.delete(actorOf(request), request.params.invoiceId)),
  );

  app.get(
    '/invoices/:invoiceId/payments',
    {
      schema: {
        operationId: 'listPaymentsForInvoice',
        summary: "An invoice's payments, newest first",
        tags,
        security,
        params: InvoiceParams,
        querystring: ListInvoicesQuery,
        response: { 200: HarvestPage('invoice_payments', HarvestInvoicePayment) },
      },
    },
    async (request) => {
      const { payments } = await invoices.listPayments(actorOf(request), request.params.invoiceId);
      return pageOfAll(
        'invoice_payments',
        payments.map(presentHarvestPayment),
        `${publicUrl}/v2/invoices/${request.params.invoiceId}/payments`,
        request.query,
      );
    },
  );

  app.post(
    '/invoices/:invoiceId/payments',
    {
      schema: {
        operationId: 'createInvoicePayment',
        summary: 'Record a payment; the invoice is paid when payments cover it',
        tags,
        security,
        consumes,
        params: InvoiceParams,
        body: CreatePaymentBody,
        response: { 201: HarvestInvoicePayment },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = actorOf(request);
      const payment = await invoices.createPayment(actor, request.params.invoiceId, {
        amount: body.amount,
        paidAt: body.paid_at ? new Date(body.paid_at) : undefined,
        paidDate: day(body.paid_date, 'Paid date'),
        notes: body.notes,
      });
      return reply.code(201).send(presentHarvestPayment(payment));
    },
  );

  app.delete(
    '/invoices/:invoiceId/payments/:paymentId',
    {
      schema: {
        operationId: 'deleteInvoicePayment',
        summary: 'Delete a payment',
        tags,
        security,
        params: InvoicePaymentParams,
        response: { 200: HarvestInvoice },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await invoices.deletePayment(actor, request.params.invoiceId, request.params.paymentId);
      return presentHarvestInvoice(await invoices.get(actor, request.params.invoiceId));
    },
  );

  app.get(
    '/invoices/:invoiceId/messages',
    {
      schema: {
        operationId: 'listMessagesForInvoice',
        summary: "An invoice's messages and mark-as events, newest first",
        tags,
        security,
        params: InvoiceParams,
        querystring: ListInvoicesQuery,
        response: { 200: HarvestPage('invoice_messages', HarvestInvoiceMessage) },
      },
    },
    async (request) => {
      const messages = await invoices.listMessages(actorOf(request), request.params.invoiceId);
      return pageOfAll(
        'invoice_messages',
        messages.map(presentHarvestMessage),
        `${publicUrl}/v2/invoices/${request.params.invoiceId}/messages`,
        request.query,
      );
    },
  );

  app.post(
    '/invoices/:invoiceId/messages',
    {
      schema: {
        operationId: 'createInvoiceMessage',
        summary:
          'Record a message (no e-mail is sent: the invoice is marked as sent) or mark it with event_type send, close, re-open or draft',
        tags,
        security,
        consumes,
        params: InvoiceParams,
        body: CreateMessageBody,
        response: { 201: HarvestInvoiceMessage },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const message = await invoices.createMessage(actorOf(request), request.params.invoiceId, {
        eventType: body.event_type,
        recipients: body.recipients,
        subject: body.subject,
        body: body.body,
        attachPdf: body.attach_pdf,
        sendMeACopy: body.send_me_a_copy,
        thankYou: body.thank_you,
      });
      return reply.code(201).send(presentHarvestMessage(message));
    },
  );

  app.delete(
    '/invoices/:invoiceId/messages/:messageId',
    {
      schema: {
        operationId: 'deleteInvoiceMessage',
        summary: 'Delete a message',
        tags,
        security,
        params: InvoiceMessageParams,
        response: { 200: HarvestInvoice },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await invoices.deleteMessage(actor, request.params.invoiceId, request.params.messageId);
      return presentHarvestInvoice(await invoices.get(actor, request.params.invoiceId));
    },
  );

  app.get(
    '/reports/uninvoiced',
    {
      schema: {
        operationId: 'uninvoicedReport',
        summary: 'Uninvoiced report: billable time not yet on an invoice, per project',
        tags: ['Harvest: Reports'],
        security,
        querystring: UninvoicedQuery,
        response: { 200: HarvestPage('results', UninvoicedRowSchema) },
      },
    },
    async (request) => {
      const query = request.query;
      const rows = (
        await invoices.uninvoiced(actorOf(request), { from: query.from, to: query.to })
      ).map(presentUninvoicedRow);
      return pageOfAll('results', rows, `${publicUrl}/v2/reports/uninvoiced`, query);
    },
  );
}
