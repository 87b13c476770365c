import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  Database,
  InvoiceLineItemsTable,
  InvoiceMessagesTable,
  InvoicePaymentsTable,
  InvoicesTable,
} from '../../db/database-types.ts';
import { pageNewestFirst, type Page } from '../../db/paginate.ts';
import { supportsRowLocks } from '../../db/dialect.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type InvoiceRow = Selectable<InvoicesTable> & {
  client_name: string;
  creator_first_name: string | null;
  creator_last_name: string | null;
};
export type LineRow = Selectable<InvoiceLineItemsTable> & {
  project_name: string | null;
  project_code: string | null;
};
export type PaymentRow = Selectable<InvoicePaymentsTable> & {
  recorder_first_name: string | null;
  recorder_last_name: string | null;
  recorder_email: string | null;
};
export type MessageRow = Selectable<InvoiceMessagesTable> & {
  sender_first_name: string | null;
  sender_last_name: string | null;
  sender_email: string | null;
};

function invoices(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('clients as c', 'c.id', 'i.client_id')
    .leftJoin('users as u', 'u.id', 'i.creator_id')
    .selectAll('i')
    .select([
      'c.name as client_name',
      'u.first_name as creator_first_name',
      'u.last_name as creator_last_name',
    ])
    .where('i.account_id', '=', accountId);
}

export interface InvoiceFilters {
  clientId?: number;
  projectId?: number;
  updatedSince?: number;
  from?: string;
  to?: string;
  state?: string;
}

export function listInvoices(
  db: Kysely<Database>,
  accountId: number,
  filters: InvoiceFilters,
  page: PageRequest,
): Promise<Page<InvoiceRow>> {
  let query = invoices(db, accountId);
  if (filters.clientId !== undefined) query = query.where('i.client_id', '=', filters.clientId);
  if (filters.updatedSince !== undefined)
    query = query.where('i.updated_at', '>=', filters.updatedSince);
  if (filters.from !== undefined) query = query.where('i.issue_date', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('i.issue_date', '<=', filters.to);
  if (filters.state !== undefined) query = query.where('i.state', '=', filters.state);
  if (filters.projectId !== undefined) {
    const projectId = filters.projectId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('invoice_line_items as l')
          .select('l.id')
          .whereRef('l.invoice_id', '=', 'i.id')
          .where('l.project_id', '=', projectId),
      ),
    );
  }
  return pageNewestFirst(query, 'i.id', page);
}

export function findInvoice(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<InvoiceRow | undefined> {
  return invoices(db, accountId).where('i.id', '=', id).executeTakeFirst();
}

/** Holds an invoice against concurrent changes until the transaction ends (PostgreSQL). */
export async function lockInvoice(db: Kysely<Database>, id: number): Promise<void> {
  if (!supportsRowLocks(db)) return;
  await db.selectFrom('invoices').select('id').where('id', '=', id).forUpdate().execute();
}

export function findLines(db: Kysely<Database>, invoiceIds: readonly number[]): Promise<LineRow[]> {
  if (invoiceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('invoice_line_items as l')
    .leftJoin('projects as p', 'p.id', 'l.project_id')
    .selectAll('l')
    .select(['p.name as project_name', 'p.code as project_code'])
    .where('l.invoice_id', 'in', [...invoiceIds])
    .orderBy('l.invoice_id')
    .orderBy('l.position')
    .orderBy('l.id')
    .execute();
}

export function findPayments(
  db: Kysely<Database>,
  invoiceIds: readonly number[],
): Promise<PaymentRow[]> {
  if (invoiceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('invoice_payments as p')
    .leftJoin('users as u', 'u.id', 'p.recorded_by')
    .selectAll('p')
    .select([
      'u.first_name as recorder_first_name',
      'u.last_name as recorder_last_name',
      'u.email as recorder_email',
    ])
    .where('p.invoice_id', 'in', [...invoiceIds])
    .orderBy('p.paid_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export function findMessages(db: Kysely<Database>, invoiceId: number): Promise<MessageRow[]> {
  return db
    .selectFrom('invoice_messages as m')
    .leftJoin('users as u', 'u.id', 'm.sent_by')
    .selectAll('m')
    .select([
      'u.first_name as sender_first_name',
      'u.last_name as sender_last_name',
      'u.email as sender_email',
    ])
    .where('m.invoice_id', '=', invoiceId)
    .orderBy('m.id', 'desc')
    .execute();
}

export async function invoiceNumbers(db: Kysely<Database>, accountId: number): Promise<string[]> {
  return (
    await db.selectFrom('invoices').select('number').where('account_id', '=', accountId).execute()
  ).map((r) => r.number);
}

export async function numberTaken(
  db: Kysely<Database>,
  accountId: number,
  number: string,
  except: number | null,
): Promise<boolean> {
  let query = db
    .selectFrom('invoices')
    .select('id')
    .where('account_id', '=', accountId)
    .where('number', '=', number);
  if (except !== null) query = query.where('id', '!=', except);
  return (await query.executeTakeFirst()) !== undefined;
}

export function insertInvoice(
  db: Kysely<Database>,
  values: Omit<Insertable<InvoicesTable>, 'id'>,
): Promise<{ id: number }> {
  return db.insertInto('invoices').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateInvoice(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<InvoicesTable>,
): Promise<void> {
  await db.updateTable('invoices').set(changes).where('id', '=', id).execute();
}

export async function deleteInvoice(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('invoices').where('id', '=', id).execute();
}

export function insertLine(
  db: Kysely<Database>,
  values: Omit<Insertable<InvoiceLineItemsTable>, 'id'>,
): Promise<{ id: number }> {
  return db
    .insertInto('invoice_line_items')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateLine(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<InvoiceLineItemsTable>,
): Promise<void> {
  await db.updateTable('invoice_line_items').set(changes).where('id', '=', id).execute();
}

export async function deleteLines(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('invoice_line_items')
    .where('id', 'in', [...ids])
    .execute();
}

export function insertPayment(
  db: Kysely<Database>,
  values: Omit<Insertable<InvoicePaymentsTable>, 'id'>,
): Promise<{ id: number }> {
  return db.insertInto('invoice_payments').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function deletePayment(db: Kysely<Database>, invoiceId: number, id: number) {
  return (
    (
      await db
        .deleteFrom('invoice_payments')
        .where('invoice_id', '=', invoiceId)
        .where('id', '=', id)
        .executeTakeFirst()
    ).numDeletedRows > 0n
  );
}

export function insertMessage(
  db: Kysely<Database>,
  values: Omit<Insertable<InvoiceMessagesTable>, 'id'>,
): Promise<{ id: number }> {
  return db.insertInto('invoice_messages').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function deleteMessage(db: Kysely<Database>, invoiceId: number, id: number) {
  return (
    (
      await db
        .deleteFrom('invoice_messages')
        .where('invoice_id', '=', invoiceId)
        .where('id', '=', id)
        .executeTakeFirst()
    ).numDeletedRows > 0n
  );
}

/** Whether an invoice with a line on the project covers the day (its period). */
/** The invoiced periods of some projects (first and last day of each invoice's period). */
export async function invoicedPeriodsOf(
  db: Kysely<Database>,
  accountId: number,
  projectIds: readonly number[],
): Promise<{ projectId: number; from: string; to: string }[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .selectFrom('invoice_line_items as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['l.project_id', 'i.period_start', 'i.period_end'])
    .distinct()
    .where('l.project_id', 'in', [...projectIds])
    .where('i.account_id', '=', accountId)
    .where('i.period_start', 'is not', null)
    .where('i.period_end', 'is not', null)
    .execute();
  return rows.map((r) => ({
    projectId: Number(r.project_id),
    from: r.period_start as string,
    to: r.period_end as string,
  }));
}
