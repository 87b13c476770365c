/** Stable codes of the accounts module's refusals: clients branch on these, never on messages. */
export const ACCOUNT_ERRORS = {
  /** A time zone name that is neither IANA's nor one of Harvest's (Rails) names. */
  unknownTimeZone: 'unknown_time_zone',
  /** The week start cannot move while weeks are in the approval workflow. */
  weeksInWorkflow: 'weeks_in_workflow',
  /** An empty account name. */
  nameBlank: 'name_blank',
} as const;
