/**
 * Per-project rates of a person (Flowtly's employee × project rates): each has a first day and
 * an optional last day, both inclusive, and one person's rates for one project never overlap.
 */
export interface RatePeriod {
  id: number;
  projectId: number;
  dateFrom: string;
  /** Inclusive; null means open-ended. */
  dateTo: string | null;
}

/** Whether two inclusive day ranges share a day. ISO dates compare as strings. */
export function periodsOverlap(
  a: Pick<RatePeriod, 'dateFrom' | 'dateTo'>,
  b: Pick<RatePeriod, 'dateFrom' | 'dateTo'>,
): boolean {
  const aEndsBeforeB = a.dateTo !== null && a.dateTo < b.dateFrom;
  const bEndsBeforeA = b.dateTo !== null && b.dateTo < a.dateFrom;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/** The first existing rate of the same project that `candidate` would overlap (itself excluded). */
export function overlappingRate(
  candidate: RatePeriod,
  existing: readonly RatePeriod[],
): RatePeriod | undefined {
  return existing.find(
    (rate) =>
      rate.id !== candidate.id &&
      rate.projectId === candidate.projectId &&
      periodsOverlap(rate, candidate),
  );
}

/** The rate of a project in force on a day, if any. */
export function rateInForce<T extends RatePeriod>(
  rates: readonly T[],
  projectId: number,
  day: string,
): T | undefined {
  return rates.find(
    (rate) =>
      rate.projectId === projectId &&
      rate.dateFrom <= day &&
      (rate.dateTo === null || day <= rate.dateTo),
  );
}
