/** Stable codes of the refusals of a person's per-project rates; each door words its own. */
export const PROJECT_RATE_ERRORS = {
  /** A rate for an archived project. */
  projectInactive: 'rate_project_inactive',
  /** A rate whose last day is before its first. */
  endsBeforeStart: 'rate_ends_before_start',
  /** A period that overlaps another rate of the person on the project (`from`, `to`). */
  periodOverlaps: 'rate_period_overlaps',
  /** A rate without its project or its amount (`field`). */
  fieldRequired: 'rate_field_required',
} as const;
