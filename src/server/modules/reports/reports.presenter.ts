import { amountFromMicro, type ReportKind } from './reports.rules.ts';
import type { TimeReport } from './reports.service.ts';
import type {
  ClientsTimeReportRow,
  ProjectsTimeReportRow,
  TasksTimeReportRow,
  TeamTimeReportRow,
} from './reports.schemas.ts';

type Rows = {
  clients: ClientsTimeReportRow;
  projects: ProjectsTimeReportRow;
  tasks: TasksTimeReportRow;
  team: TeamTimeReportRow;
};

/** Harvest's report rows: hours with two decimals, money only for those who may see it. */
export function presentTimeReportRows<K extends ReportKind>(
  kind: K,
  report: TimeReport,
): Rows[K][] {
  return report.rows.map((row) => {
    const figures = {
      total_hours: row.totalHundredths / 100,
      billable_hours: row.billableHundredths / 100,
      currency: row.currency,
      billable_amount: report.showsAmounts ? amountFromMicro(row.billableAmountMicro) : null,
    };
    switch (kind) {
      case 'clients':
        return { client_id: row.subjectId ?? 0, client_name: row.subjectName, ...figures };
      case 'projects':
        return {
          project_id: row.subjectId ?? 0,
          project_name: row.subjectName,
          client_id: row.clientId ?? 0,
          client_name: row.clientName ?? '',
          ...figures,
        };
      case 'tasks':
        return { task_id: row.subjectId, task_name: row.subjectName, ...figures };
      case 'team':
        return {
          user_id: row.subjectId ?? 0,
          user_name: row.subjectName,
          is_contractor: row.user?.isContractor ?? false,
          ...figures,
          weekly_capacity: row.user?.weeklyCapacity ?? 0,
          avatar_url: row.user?.avatarUrl ?? null,
        };
    }
  }) as Rows[K][];
}
