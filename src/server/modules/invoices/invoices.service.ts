import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Page } from '../../db/paginate.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { localDate } from '../../../shared/dates.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, invalidAll, notFound } from '../../shared/domain-error.ts';
import { REPORT_ERRORS } from '../reports/reports.errors.ts';
import { MAX_PER_PAGE, type PageRequest } from '../../shared/pagination.ts';
import { currencyCode } from '../../shared/money.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import { eventActorOf, rowSnapshot, type DomainEvent } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';
import { INVOICE_ERRORS } from './invoices.errors.ts';
import { renderInvoicePdf, type PdfLanguage } from './invoices.pdf.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { parseReportRange } from '../reports/reports.rules.ts';
import {
  deleteInvoice,
  deleteLines,
  deleteMessage,
  deletePayment,
  findInvoice,
  findLines,
  findMessages,
  findPayments,
  insertInvoice,
  insertLine,
  insertMessage,
  insertPayment,
  invoiceNumbers,
  listInvoices,
  lockInvoice,
  numberTaken,
  updateInvoice,
  updateLine,
  type InvoiceFilters,
  type InvoiceRow,
  type LineRow,
  type PaymentRow,
} from './invoices.repository.ts';
import {
  dueDate,
  hundredthsToMinor,
  importLines,
  isPaymentTerm,
  lineAmount,
  nextInvoiceNumber,
  numberToMinor,
  stateAfter,
  stateAfterPayments,
  toThousandths,
  type ImportEntry,
  type InvoiceEvent,
  type InvoiceState,
  type SummaryType,
} from './invoices.rules.ts';
import {
  invoiceMessageOf,
  invoiceOf,
  invoicePaymentOf,
  totalsOf,
  type Invoice,
  type InvoiceLine,
  type InvoiceMessage,
  type InvoicePayment,
  type InvoicePreview,
} from './invoice.rules.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

/** A line as a command gives it: decimals as on the wire, converted once the currency is known. */
export interface LineInput {
  /** Set on an update: the line to change (or, with `destroy`, to remove). */
  id?: number;
  destroy?: boolean;
  projectId?: number | null;
  kind?: string;
  description?: string;
  quantity?: number;
  unitPrice?: number;
  taxed?: boolean;
  taxed2?: boolean;
}

export interface ImportTime {
  projectIds: number[];
  summaryType: SummaryType;
  from?: string;
  to?: string;
}

export interface InvoiceFields {
  number?: string;
  purchaseOrder?: string | null;
  /** Percentages as decimals (10.5 for 10.5 %). */
  tax?: number | null;
  tax2?: number | null;
  discount?: number | null;
  subject?: string | null;
  notes?: string | null;
  currency?: string;
  issueDate?: string;
  dueDate?: string;
  paymentTerm?: string;
  lineItems?: LineInput[];
}

export interface CreateInvoice extends InvoiceFields {
  clientId: number;
  importTime?: ImportTime;
}

export type UpdateInvoice = InvoiceFields & { clientId?: number };

export interface CreatePayment {
  amount: number;
  paidAt?: Date;
  paidDate?: string;
  notes?: string | null;
}

export interface CreateMessage {
  eventType?: InvoiceEvent;
  recipients?: { name?: string; email: string }[];
  subject?: string | null;
  body?: string | null;
  attachPdf?: boolean;
  sendMeACopy?: boolean;
  thankYou?: boolean;
}

/**
 * An invoice as the service works on it: its stored rows (for event snapshots) beside the
 * domain object it hands out, whose totals, paid and due the checks read.
 */
interface InvoiceRecord {
  invoice: InvoiceRow;
  lines: LineRow[];
  payments: PaymentRow[];
  object: Invoice;
}

export interface UninvoicedRow {
  clientId: number;
  clientName: string;
  projectId: number;
  projectName: string;
  currency: string;
  totalHundredths: number;
  uninvoicedHundredths: number;
  uninvoicedAmount: number;
}

export interface InvoicesService {
  list(actor: Actor, filters: InvoiceFilters, page: PageRequest): Promise<Page<Invoice>>;
  get(actor: Actor, id: number): Promise<Invoice>;
  create(actor: Actor, command: CreateInvoice): Promise<Invoice>;
  /** What `create` would make of tracked time, without saving anything. */
  preview(actor: Actor, command: CreateInvoice): Promise<InvoicePreview>;
  update(actor: Actor, id: number, command: UpdateInvoice): Promise<Invoice>;
  delete(actor: Actor, id: number): Promise<Invoice>;
  /** The invoice, whose `payments` are the list. */
  listPayments(actor: Actor, id: number): Promise<Invoice>;
  createPayment(actor: Actor, id: number, command: CreatePayment): Promise<InvoicePayment>;
  deletePayment(actor: Actor, id: number, paymentId: number): Promise<void>;
  listMessages(actor: Actor, id: number): Promise<InvoiceMessage[]>;
  createMessage(actor: Actor, id: number, command: CreateMessage): Promise<InvoiceMessage>;
  deleteMessage(actor: Actor, id: number, messageId: number): Promise<void>;
  /** The invoice as a PDF in a language, with the account's name. */
  pdf(actor: Actor, id: number, language: PdfLanguage): Promise<{ invoice: Invoice; pdf: Buffer }>;
  /** Harvest's uninvoiced report: per project, the billable time not yet on an invoice. */
  uninvoiced(actor: Actor, range: { from?: string; to?: string }): Promise<UninvoicedRow[]>;
}

const percent = (value: number | null | undefined, field: string) => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const thousandths = toThousandths(value);
  if (thousandths === null || thousandths < 0 || thousandths > 100_000) {
    throw invalid(INVOICE_ERRORS.invalidPercentage, { field });
  }
  return thousandths;
};

/**
 * Amounts stay well inside exact integers: a line at most 10^14 minor units (a trillion euros),
 * an invoice at most 10^15, so that every sum is exact in a double as well as in BigInt.
 */
const MAX_LINE_MINOR = 1e14;
const MAX_INVOICE_MINOR = 1e15;

/** Imported time is taxed when the invoice states a tax: the tax is asked for that time. */
const taxedImport = (command: { tax?: number | null }): 0 | 1 =>
  command.tax !== undefined && command.tax !== null && command.tax > 0 ? 1 : 0;

/** Invoices are administrators' (Harvest's invoice managers are a later step). */
function assertInvoicer(actor: Actor) {
  if (!isAdministrator(actor))
    throw forbidden(COMMON_ERRORS.administratorsOnly, { what: 'invoices' });
}

export function createInvoicesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  clients: ClientsService;
  projects: ProjectsService;
  timeEntries: TimeEntriesService;
  accounts: AccountsService;
}): InvoicesService {
  const { db, clock, events, clients, projects, timeEntries, accounts } = deps;

  function record(tx: Kysely<Database>, actor: Actor, ...changes: DomainEvent[]) {
    return events.record(tx, eventActorOf(actor), ...changes);
  }

  function viewOf(invoice: InvoiceRow, lines: LineRow[], payments: PaymentRow[]): InvoiceRecord {
    // The totals are the domain object's (invoiceOf): worked out once, read by the checks.
    return { invoice, lines, payments, object: invoiceOf(invoice, lines, payments) };
  }

  async function load(tx: Kysely<Database>, actor: Actor, id: number): Promise<InvoiceRecord> {
    const invoice = await findInvoice(tx, actor.accountId, id);
    if (!invoice) throw notFound('invoice');
    return viewOf(invoice, await findLines(tx, [id]), await findPayments(tx, [id]));
  }

  function snapshot(view: InvoiceRecord) {
    return {
      ...rowSnapshot(view.invoice, ['client_name', 'creator_first_name', 'creator_last_name']),
      amount: view.object.totals.amount,
      dueAmount: view.object.due,
      lineItems: view.lines.map((l) =>
        rowSnapshot(l, ['project_name', 'project_code', 'invoice_id']),
      ),
    };
  }

  /** A line's stored figures from its input, in the invoice's currency. */
  function lineValues(input: LineInput, currency: string, before?: LineRow) {
    const quantity =
      input.quantity === undefined
        ? (before?.quantity_thousandths ?? 1000)
        : toThousandths(input.quantity);
    if (quantity === null) {
      throw invalid(INVOICE_ERRORS.invalidQuantity);
    }
    const unitPrice =
      input.unitPrice === undefined
        ? (before?.unit_price_minor ?? 0)
        : numberToMinor(input.unitPrice, currency);
    if (unitPrice === null) {
      throw invalid(INVOICE_ERRORS.tooManyDecimals, { currency });
    }
    if (Math.abs(lineAmount(quantity, unitPrice)) > MAX_LINE_MINOR) {
      throw invalid(INVOICE_ERRORS.tooLarge, { of: 'line_item' });
    }
    return {
      project_id: input.projectId === undefined ? (before?.project_id ?? null) : input.projectId,
      kind: input.kind ?? before?.kind ?? 'Service',
      description: input.description ?? before?.description ?? '',
      quantity_thousandths: quantity,
      unit_price_minor: unitPrice,
      amount_minor: lineAmount(quantity, unitPrice),
      taxed: (input.taxed ?? before?.taxed === 1) ? (1 as const) : (0 as const),
      taxed2: (input.taxed2 ?? before?.taxed2 === 1) ? (1 as const) : (0 as const),
    };
  }

  /** Tracked time as lines: billable, not yet invoiced, on the client's projects. */
  async function importedLines(
    tx: Kysely<Database>,
    actor: Actor,
    clientId: number,
    currency: string,
    time: ImportTime,
  ) {
    if ((time.from === undefined) !== (time.to === undefined)) {
      throw invalid(INVOICE_ERRORS.periodIncomplete);
    }
    if (time.from !== undefined && time.to !== undefined && time.from > time.to) {
      throw invalid(INVOICE_ERRORS.periodIncomplete, { problem: 'to_before_from' });
    }
    const entries = await timeEntries.invoicingTime(tx, actor, {
      projectIds: time.projectIds,
      from: time.from,
      to: time.to,
    });
    if (entries.some((e) => e.running && e.invoiceId === null)) {
      throw invalid(INVOICE_ERRORS.timerRunning, { while: 'invoicing' });
    }
    const billable: ImportEntry[] = entries
      // Time that rounds to nothing makes no line (and stays uninvoiced, with nothing to bill).
      .filter(
        (e) =>
          e.billable &&
          e.invoiceId === null &&
          e.rateHundredths !== null &&
          e.roundedHundredths > 0,
      )
      .map((e) => ({
        id: e.id,
        projectId: e.projectId,
        projectName: e.projectName,
        projectCode: e.projectCode,
        taskName: e.taskName,
        personName: e.personName,
        spentDate: e.spentDate,
        notes: e.notes,
        roundedHundredths: e.roundedHundredths,
        unitPrice: hundredthsToMinor(e.rateHundredths ?? 0, currency),
        times: e.times,
      }));
    const dates = billable.map((e) => e.spentDate).sort();
    const projectsById = new Map(billable.map((e) => [e.projectId, e]));
    return {
      lines: importLines(billable, time.summaryType),
      /** The name and code of a project the lines bill, for showing a preview. */
      projectOf: (id: number) => projectsById.get(id),
      periodStart: time.from ?? dates[0] ?? null,
      periodEnd: time.to ?? dates[dates.length - 1] ?? null,
    };
  }

  async function assertNumberFree(
    tx: Kysely<Database>,
    actor: Actor,
    number: string,
    except: number | null,
  ) {
    if (await numberTaken(tx, actor.accountId, number, except)) {
      throw invalid(INVOICE_ERRORS.numberTaken);
    }
  }

  /**
   * The client, and that the projects to import are the client's: read before the unit of work
   * begins, through their own services (SQLite has one connection, which a transaction holds).
   */
  async function clientFor(
    actor: Actor,
    clientId: number,
    command: { importTime?: ImportTime; lineItems?: LineInput[] },
  ) {
    const client = await clients.getClient(actor, clientId).catch(() => null);
    if (!client) throw invalid(INVOICE_ERRORS.clientNotFound);
    // An import that names no project takes every project of the client.
    if (command.importTime && command.importTime.projectIds.length === 0) {
      const all = await projects.listProjects(
        actor,
        { clientId },
        { perPage: MAX_PER_PAGE, page: 1, cursor: null },
      );
      command.importTime = { ...command.importTime, projectIds: all.rows.map((p) => p.id) };
    }
    const named = [
      ...(command.importTime?.projectIds ?? []),
      ...(command.lineItems ?? []).flatMap((l) => (l.projectId == null ? [] : [l.projectId])),
    ];
    for (const projectId of new Set(named)) {
      const project = await projects.getProject(actor, projectId).catch(() => null);
      if (!project || project.client.id !== clientId) {
        throw invalid(INVOICE_ERRORS.projectNotOfClient, { projectId });
      }
    }
    return client;
  }

  async function createIn(
    tx: Kysely<Database>,
    actor: Actor,
    command: CreateInvoice,
    client: { id: number; currency: string },
  ) {
    const currency =
      command.currency === undefined ? client.currency : currencyCode(command.currency);
    const term = command.paymentTerm ?? 'custom';
    if (!isPaymentTerm(term)) throw invalid(INVOICE_ERRORS.unknownPaymentTerm);
    const issueDate = command.issueDate ?? localDate(clock.now(), actor.settings.timezone);
    const number =
      command.number?.trim() || nextInvoiceNumber(await invoiceNumbers(tx, actor.accountId));
    await assertNumberFree(tx, actor, number, null);
    const imported = command.importTime
      ? await importedLines(tx, actor, client.id, currency, command.importTime)
      : null;
    const at = clock.now().getTime();
    const { id } = await insertInvoice(tx, {
      account_id: actor.accountId,
      client_id: client.id,
      creator_id: actor.userId,
      client_key: randomBytes(20).toString('hex'),
      number,
      purchase_order: command.purchaseOrder ?? null,
      subject: command.subject ?? null,
      notes: command.notes ?? null,
      currency,
      state: 'draft',
      tax_thousandths: percent(command.tax, 'tax') ?? null,
      tax2_thousandths: percent(command.tax2, 'tax2') ?? null,
      discount_thousandths: percent(command.discount, 'discount') ?? null,
      period_start: imported?.periodStart ?? null,
      period_end: imported?.periodEnd ?? null,
      issue_date: issueDate,
      due_date: dueDate(issueDate, term, command.dueDate ?? null),
      payment_term: term,
      sent_at: null,
      paid_at: null,
      paid_date: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    });
    let position = 0;
    for (const input of command.lineItems ?? []) {
      await insertLine(tx, {
        invoice_id: id,
        position: position++,
        ...lineValues(input, currency),
      });
    }
    for (const line of imported?.lines ?? []) {
      const { id: lineId } = await insertLine(tx, {
        invoice_id: id,
        position: position++,
        project_id: line.projectId,
        kind: line.kind,
        description: line.description,
        quantity_thousandths: line.quantity,
        unit_price_minor: line.unitPrice,
        amount_minor: lineAmount(line.quantity, line.unitPrice),
        taxed: taxedImport(command),
        taxed2: 0,
      });
      await timeEntries.billEntries(tx, actor, line.entryIds, { id, number, lineItemId: lineId });
    }
    const view = await load(tx, actor, id);
    assertSound(view);
    await record(tx, actor, {
      type: 'invoice.created',
      entityId: id,
      before: null,
      after: snapshot(view),
    });
    return view;
  }

  /** Runs a change of one invoice under its lock, reading it fresh inside. */
  async function change<T>(
    actor: Actor,
    id: number,
    work: (tx: Kysely<Database>, before: InvoiceRecord) => Promise<T>,
  ): Promise<T> {
    assertInvoicer(actor);
    return db.transaction().execute(async (tx) => {
      await lockInvoice(tx, id);
      return work(tx, await load(tx, actor, id));
    });
  }

  /** After a change: the total is within bounds and never below what was paid. */
  function assertSound(view: InvoiceRecord) {
    if (Math.abs(view.object.totals.amount) > MAX_INVOICE_MINOR) {
      throw invalid(INVOICE_ERRORS.tooLarge, { of: 'invoice' });
    }
    if (view.invoice.due_date < view.invoice.issue_date) {
      throw invalid(INVOICE_ERRORS.dueBeforeIssue);
    }
    if (view.object.paid > 0 && view.object.due < 0) {
      throw invalid(INVOICE_ERRORS.overpaid, { while: 'reducing_amount' });
    }
  }

  async function recordUpdate(tx: Kysely<Database>, actor: Actor, before: InvoiceRecord) {
    const after = await load(tx, actor, before.invoice.id);
    assertSound(after);
    await record(tx, actor, {
      type: 'invoice.updated',
      entityId: after.invoice.id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  }

  /** Payments change the state: paid when they cover the amount, open again when not. */
  async function settle(tx: Kysely<Database>, actor: Actor, id: number, paidAt: number | null) {
    const view = await load(tx, actor, id);
    const state = stateAfterPayments(
      view.invoice.state as InvoiceState,
      view.object.due,
      view.object.paid,
    );
    const lastPayment = view.payments[0];
    await updateInvoice(tx, id, {
      state,
      paid_at: state === 'paid' ? (paidAt ?? lastPayment?.paid_at ?? null) : null,
      paid_date: state === 'paid' ? (lastPayment?.paid_date ?? null) : null,
      sent_at: view.invoice.sent_at ?? clock.now().getTime(),
      updated_at: clock.now().getTime(),
    });
  }

  return {
    async list(actor, filters, page) {
      assertInvoicer(actor);
      const result = await listInvoices(db, actor.accountId, filters, page);
      const ids = result.rows.map((r) => r.id);
      const lines = await findLines(db, ids);
      const payments = await findPayments(db, ids);
      return {
        ...result,
        rows: result.rows.map((invoice) =>
          invoiceOf(
            invoice,
            lines.filter((l) => l.invoice_id === invoice.id),
            payments.filter((p) => p.invoice_id === invoice.id),
          ),
        ),
      };
    },

    async get(actor, id) {
      assertInvoicer(actor);
      return (await load(db, actor, id)).object;
    },

    async create(actor, command) {
      assertInvoicer(actor);
      const client = await clientFor(actor, command.clientId, command);
      for (let attempt = 1; ; attempt++) {
        try {
          const created = await db
            .transaction()
            .execute((tx) => createIn(tx, actor, command, client));
          return created.object;
        } catch (error) {
          // Two invoices numbered at once: the loser takes the next number (given ones are taken).
          if (!isUniqueViolation(error)) throw error;
          if (command.number?.trim() || attempt >= 3) {
            throw invalid(INVOICE_ERRORS.numberTaken);
          }
        }
      }
    },

    async preview(actor, command) {
      assertInvoicer(actor);
      const client = await clientFor(actor, command.clientId, command);
      const currency =
        command.currency === undefined ? client.currency : currencyCode(command.currency);
      const imported = command.importTime
        ? await importedLines(db, actor, client.id, currency, command.importTime)
        : null;
      const lines: InvoiceLine[] = (imported?.lines ?? []).map((line) => {
        const project = imported?.projectOf(line.projectId);
        return {
          id: 0,
          project: {
            id: line.projectId,
            name: project?.projectName ?? '',
            code: project?.projectCode ?? null,
          },
          kind: line.kind,
          description: line.description,
          quantityThousandths: line.quantity,
          unitPriceMinor: line.unitPrice,
          amountMinor: lineAmount(line.quantity, line.unitPrice),
          taxed: taxedImport(command) === 1,
          taxed2: false,
        };
      });
      const totals = totalsOf(lines, {
        tax: percent(command.tax, 'tax') ?? null,
        tax2: percent(command.tax2, 'tax2') ?? null,
        discount: percent(command.discount, 'discount') ?? null,
      });
      return { currency, lines, totals, paid: 0, due: totals.amount };
    },

    async update(actor, id, command) {
      assertInvoicer(actor);
      const current = await findInvoice(db, actor.accountId, id);
      if (!current) throw notFound('invoice');
      // The (new) client, and that projects named on lines are the client's.
      const newClient = await clientFor(actor, command.clientId ?? current.client_id, command);
      return change(actor, id, async (tx, before) => {
        const invoice = before.invoice;
        const currency =
          command.currency === undefined ? invoice.currency : currencyCode(command.currency);
        const clientId = newClient.id;
        if (clientId !== invoice.client_id && before.lines.some((l) => l.project_id !== null)) {
          throw invalid(INVOICE_ERRORS.projectNotOfClient, { while: 'changing_client' });
        }
        if (currency !== invoice.currency && before.lines.length > 0) {
          throw invalid(INVOICE_ERRORS.currencyLocked);
        }
        const number = command.number?.trim() || invoice.number;
        if (number !== invoice.number) {
          await assertNumberFree(tx, actor, number, id);
          await timeEntries.renumberBilledEntries(tx, actor, id, number);
        }
        const term = command.paymentTerm ?? invoice.payment_term;
        if (!isPaymentTerm(term)) throw invalid(INVOICE_ERRORS.unknownPaymentTerm);
        const issueDate = command.issueDate ?? invoice.issue_date;
        await updateInvoice(tx, id, {
          client_id: clientId,
          number,
          purchase_order: command.purchaseOrder,
          subject: command.subject,
          notes: command.notes,
          currency,
          tax_thousandths: percent(command.tax, 'tax'),
          tax2_thousandths: percent(command.tax2, 'tax2'),
          discount_thousandths: percent(command.discount, 'discount'),
          issue_date: issueDate,
          payment_term: term,
          due_date: dueDate(
            issueDate,
            term,
            command.dueDate ?? (term === 'custom' ? invoice.due_date : null),
          ),
          updated_at: clock.now().getTime(),
        });
        let position = before.lines.length;
        const removed: number[] = [];
        for (const input of command.lineItems ?? []) {
          if (input.id === undefined) {
            if (input.destroy) continue;
            await insertLine(tx, {
              invoice_id: id,
              position: position++,
              ...lineValues(input, currency),
            });
            continue;
          }
          const line = before.lines.find((l) => l.id === input.id);
          if (!line) throw invalid(INVOICE_ERRORS.lineItemNotFound, { lineItemId: input.id });
          if (input.destroy) removed.push(line.id);
          else await updateLine(tx, line.id, lineValues(input, currency, line));
        }
        if (removed.length > 0) {
          // Deleting a line un-bills the time it carried.
          await timeEntries.unbillEntries(tx, actor, { lineItemIds: removed });
          await deleteLines(tx, removed);
        }
        if (before.invoice.state === 'open' || before.invoice.state === 'paid') {
          await settle(tx, actor, id, null);
        }
        return (await recordUpdate(tx, actor, before)).object;
      });
    },

    delete(actor, id) {
      return change(actor, id, async (tx, before) => {
        // Its time is billable again, and unlocked.
        await timeEntries.unbillEntries(tx, actor, { invoiceId: id });
        await deleteInvoice(tx, id);
        await record(tx, actor, {
          type: 'invoice.deleted',
          entityId: id,
          before: snapshot(before),
          after: null,
        });
        return before.object;
      });
    },

    async listPayments(actor, id) {
      assertInvoicer(actor);
      return (await load(db, actor, id)).object;
    },

    createPayment(actor, id, command) {
      return change(actor, id, async (tx, before) => {
        const currency = before.invoice.currency;
        const amount = numberToMinor(command.amount, currency);
        if (amount === null || amount <= 0) {
          throw invalid(INVOICE_ERRORS.invalidAmount, { currency });
        }
        if (before.invoice.state === 'closed') {
          throw invalid(INVOICE_ERRORS.wrongState, { while: 'paying_closed' });
        }
        if (amount > before.object.due) {
          throw invalid(INVOICE_ERRORS.overpaid);
        }
        const now = clock.now();
        const paidAt = command.paidAt?.getTime() ?? now.getTime();
        const paidDate = command.paidDate ?? localDate(new Date(paidAt), actor.settings.timezone);
        const { id: paymentId } = await insertPayment(tx, {
          invoice_id: id,
          amount_minor: amount,
          paid_at: paidAt,
          paid_date: paidDate,
          recorded_by: actor.userId,
          notes: command.notes ?? null,
          created_at: now.getTime(),
          updated_at: now.getTime(),
        });
        await settle(tx, actor, id, paidAt);
        const payment = (await findPayments(tx, [id])).find((p) => p.id === paymentId);
        if (!payment) throw new Error('the payment was not stored');
        await record(tx, actor, {
          type: 'invoice_payment.created',
          entityId: paymentId,
          before: null,
          after: {
            ...rowSnapshot(payment, [
              'recorder_first_name',
              'recorder_last_name',
              'recorder_email',
            ]),
          },
        });
        await recordUpdate(tx, actor, before);
        return invoicePaymentOf(payment, currency);
      });
    },

    deletePayment(actor, id, paymentId) {
      return change(actor, id, async (tx, before) => {
        const payment = before.payments.find((p) => p.id === paymentId);
        if (!payment || !(await deletePayment(tx, id, paymentId))) throw notFound('payment');
        await settle(tx, actor, id, null);
        await record(tx, actor, {
          type: 'invoice_payment.deleted',
          entityId: paymentId,
          before: rowSnapshot(payment, [
            'recorder_first_name',
            'recorder_last_name',
            'recorder_email',
          ]),
          after: null,
        });
        await recordUpdate(tx, actor, before);
      });
    },

    async listMessages(actor, id) {
      assertInvoicer(actor);
      await load(db, actor, id);
      return (await findMessages(db, id)).map(invoiceMessageOf);
    },

    createMessage(actor, id, command) {
      return change(actor, id, async (tx, before) => {
        const state = before.invoice.state as InvoiceState;
        // A message without a mark-as event is a sending: Punch records it and sends no e-mail.
        const event = command.eventType ?? 'send';
        const next = stateAfter(
          state,
          event,
          before.object.due <= 0 && before.object.totals.amount > 0,
          before.payments.length > 0,
        );
        if (next === null) {
          throw invalid(INVOICE_ERRORS.wrongState, { state, event });
        }
        if (command.eventType === undefined && (command.recipients ?? []).length === 0) {
          throw invalid(INVOICE_ERRORS.recipientsRequired);
        }
        const now = clock.now().getTime();
        await updateInvoice(tx, id, {
          state: next,
          sent_at:
            event === 'send'
              ? (before.invoice.sent_at ?? now)
              : event === 'draft'
                ? null
                : undefined,
          closed_at: next === 'closed' ? now : null,
          updated_at: now,
        });
        const { id: messageId } = await insertMessage(tx, {
          invoice_id: id,
          sent_by: actor.userId,
          event_type: command.eventType ?? null,
          recipients_json: JSON.stringify(command.recipients ?? []),
          subject: command.subject ?? null,
          body: command.body ?? null,
          attach_pdf: command.attachPdf ? 1 : 0,
          send_me_a_copy: command.sendMeACopy ? 1 : 0,
          thank_you: command.thankYou ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
        const message = (await findMessages(tx, id)).find((m) => m.id === messageId);
        if (!message) throw new Error('the message was not stored');
        await record(tx, actor, {
          type: 'invoice_message.created',
          entityId: messageId,
          before: null,
          after: rowSnapshot(message, ['sender_first_name', 'sender_last_name', 'sender_email']),
        });
        await recordUpdate(tx, actor, before);
        return invoiceMessageOf(message);
      });
    },

    deleteMessage(actor, id, messageId) {
      return change(actor, id, async (tx) => {
        if (!(await deleteMessage(tx, id, messageId))) throw notFound('message');
        await record(tx, actor, {
          type: 'invoice_message.deleted',
          entityId: messageId,
          before: { id: messageId, invoiceId: id },
          after: null,
        });
      });
    },

    async pdf(actor, id, language) {
      assertInvoicer(actor);
      const { object: invoice } = await load(db, actor, id);
      const account = await accounts.getCompany(actor);
      return { invoice, pdf: await renderInvoicePdf(invoice, account, language) };
    },

    async uninvoiced(actor, query) {
      assertInvoicer(actor);
      const range = parseReportRange(query.from, query.to);
      if ('errors' in range) throw invalidAll(REPORT_ERRORS.invalidPeriod, range.errors);
      const entries = await timeEntries.invoicingTime(db, actor, range);
      const rows = new Map<number, UninvoicedRow>();
      for (const e of entries) {
        const row = rows.get(e.projectId) ?? {
          clientId: e.clientId,
          clientName: e.clientName,
          projectId: e.projectId,
          projectName: e.projectName,
          currency: e.clientCurrency,
          totalHundredths: 0,
          uninvoicedHundredths: 0,
          uninvoicedAmount: 0,
        };
        row.totalHundredths += e.roundedHundredths;
        if (e.billable && e.invoiceId === null && e.rateHundredths !== null) {
          row.uninvoicedHundredths += e.roundedHundredths;
          row.uninvoicedAmount += lineAmount(
            e.roundedHundredths * 10,
            hundredthsToMinor(e.rateHundredths, row.currency),
          );
        }
        rows.set(e.projectId, row);
      }
      return [...rows.values()]
        .filter((r) => r.uninvoicedHundredths > 0)
        .sort(
          (a, b) =>
            a.clientName.localeCompare(b.clientName) || a.projectName.localeCompare(b.projectName),
        );
    },
  };
}
