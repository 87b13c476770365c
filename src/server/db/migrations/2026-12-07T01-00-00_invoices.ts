import type { Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// Invoices (Harvest v2's Invoices API, issue 14). Money is integer minor units of the invoice's
// currency, quantities thousandths, percentages thousandths of a percent (ADR 0018). A billed
// time entry names its invoice line, so that deleting a line or the invoice un-bills exactly
// the time it carried.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('invoices')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('client_id', 'bigint', (c) => c.notNull().references('clients.id'))
    .addColumn('creator_id', 'bigint')
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('purchase_order', 'text')
    .addColumn('subject', 'text')
    .addColumn('notes', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('tax_thousandths', 'integer')
    .addColumn('tax2_thousandths', 'integer')
    .addColumn('discount_thousandths', 'integer')
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('payment_term', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('paid_at', 'bigint')
    .addColumn('paid_date', 'text')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('invoices_account_number_unique', ['account_id', 'number'])
    .execute();
  await db.schema
    .createIndex('invoices_account_issue_idx')
    .on('invoices')
    .columns(['account_id', 'issue_date', 'id'])
    .execute();
  await db.schema
    .createTable('invoice_line_items')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('invoice_id', 'bigint', (c) =>
      c.notNull().references('invoices.id').onDelete('cascade'),
    )
    .addColumn('project_id', 'bigint')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity_thousandths', 'bigint', (c) => c.notNull())
    .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('taxed', 'integer', (c) => c.notNull())
    .addColumn('taxed2', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invoice_line_items_invoice_idx')
    .on('invoice_line_items')
    .columns(['invoice_id', 'position'])
    .execute();
  // Harvest locks a project for the period an invoice covers: new time there is refused.
  await db.schema
    .createIndex('invoice_line_items_project_idx')
    .on('invoice_line_items')
    .columns(['project_id', 'invoice_id'])
    .execute();
  await db.schema
    .createTable('invoice_payments')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('invoice_id', 'bigint', (c) =>
      c.notNull().references('invoices.id').onDelete('cascade'),
    )
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_date', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'bigint')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('invoice_messages')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('invoice_id', 'bigint', (c) =>
      c.notNull().references('invoices.id').onDelete('cascade'),
    )
    .addColumn('sent_by', 'bigint')
    .addColumn('event_type', 'text')
    .addColumn('recipients_json', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('attach_pdf', 'integer', (c) => c.notNull())
    .addColumn('send_me_a_copy', 'integer', (c) => c.notNull())
    .addColumn('thank_you', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('time_entries').addColumn('invoice_line_item_id', 'bigint').execute();
  await db.schema
    .createIndex('time_entries_invoice_idx')
    .on('time_entries')
    .columns(['invoice_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('time_entries_invoice_idx').execute();
  await db.schema.alterTable('time_entries').dropColumn('invoice_line_item_id').execute();
  await db.schema.dropTable('invoice_messages').execute();
  await db.schema.dropTable('invoice_payments').execute();
  await db.schema.dropTable('invoice_line_items').execute();
  await db.schema.dropTable('invoices').execute();
}
