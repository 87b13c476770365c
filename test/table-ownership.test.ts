import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULES = join(process.cwd(), 'src/server/modules');

/**
 * Which module owns which tables: only the owner's repository writes them (ADR 0013). Another
 * module that needs a change there asks the owner's service or directory, in its own unit of
 * work, so the owner's rules and events apply.
 */
const OWNER: Readonly<Record<string, readonly string[]>> = {
  accounts: ['accounts'],
  approvals: ['timesheet_weeks'],
  assignments: ['task_assignments', 'user_assignments'],
  auth: [
    'identities',
    'invitations',
    'personal_access_tokens',
    'server_secrets',
    'sessions',
    'sign_in_failures',
  ],
  budgets: ['budget_states'],
  clients: ['clients'],
  'employee-documents': ['employee_documents'],
  events: ['events'],
  idempotency: ['idempotency_keys'],
  imports: ['import_records'],
  invoices: ['invoices', 'invoice_line_items', 'invoice_messages', 'invoice_payments'],
  'project-rates': ['project_rates'],
  projects: ['projects'],
  reports: ['saved_reports', 'report_shares'],
  roles: ['roles', 'role_users'],
  setup: ['setup_codes'],
  tasks: ['tasks'],
  'time-entries': ['time_entries'],
  users: ['users', 'user_rates', 'teammates'],
  webhooks: ['webhooks', 'webhook_deliveries', 'webhook_attempts', 'webhook_cursor'],
};

/** The tables a source writes through Kysely: insertInto, updateTable, deleteFrom, mergeInto. */
export function writtenTables(source: string): string[] {
  const tables = new Set<string>();
  for (const match of source.matchAll(
    /\b(?:insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(\s*['"`]([a-z_]+)/g,
  )) {
    tables.add(match[1] as string);
  }
  return [...tables].sort();
}

function writesByModule(): Map<string, string[]> {
  const writes = new Map<string, string[]>();
  for (const module of readdirSync(MODULES)) {
    const files = readdirSync(join(MODULES, module)).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const tables = new Set<string>();
    for (const file of files) {
      for (const table of writtenTables(readFileSync(join(MODULES, module, file), 'utf8'))) {
        tables.add(table);
      }
    }
    writes.set(module, [...tables].sort());
  }
  return writes;
}

describe('table ownership', () => {
  it('reads the writes of a source, aliases and all', () => {
    expect(
      writtenTables(
        "db.insertInto('a').values(x); tx.updateTable('time_entries as t'); db.deleteFrom(\"c\")",
      ),
    ).toEqual(['a', 'c', 'time_entries']);
  });

  it('no module writes another module’s tables', () => {
    const foreign: string[] = [];
    for (const [module, tables] of writesByModule()) {
      const owned = OWNER[module] ?? [];
      for (const table of tables) {
        if (!owned.includes(table)) foreign.push(`${module} writes ${table}`);
      }
    }
    expect(foreign).toEqual([]);
  });

  it('gives every table one owner', () => {
    const all = Object.values(OWNER).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
