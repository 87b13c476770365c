import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { invoicedPeriodsOf } from './invoices.repository.ts';

/**
 * Harvest §5.7: invoicing a project's time locks the project for the period the invoice covers,
 * so that time added there later is not silently left off the bill. The time-entries service
 * asks this before new time lands on a project and day.
 */
export interface InvoicedPeriodsService {
  isInvoiced(
    tx: Kysely<Database>,
    accountId: number,
    projectId: number,
    day: string,
  ): Promise<boolean>;
  /** The same question for many days of some projects at once (an import's batch). */
  invoicedDays(
    tx: Kysely<Database>,
    accountId: number,
    projectIds: readonly number[],
  ): Promise<(projectId: number, day: string) => boolean>;
}

/** One query for a batch's projects, one rule for every day (ISO days compare as text). */
async function invoicedDays(
  tx: Kysely<Database>,
  accountId: number,
  projectIds: readonly number[],
): Promise<(projectId: number, day: string) => boolean> {
  const periods = await invoicedPeriodsOf(tx, accountId, projectIds);
  return (projectId, day) =>
    periods.some((p) => p.projectId === projectId && p.from <= day && day <= p.to);
}

export function createInvoicedPeriodsService(): InvoicedPeriodsService {
  return {
    async isInvoiced(tx, accountId, projectId, day) {
      return (await invoicedDays(tx, accountId, [projectId]))(projectId, day);
    },
    invoicedDays,
  };
}
