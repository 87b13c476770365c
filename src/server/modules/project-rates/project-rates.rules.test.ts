import { describe, expect, it } from 'vitest';
import { overlappingRate, periodsOverlap, rateInForce } from './project-rates.rules.ts';

const rate = (id: number, dateFrom: string, dateTo: string | null, projectId = 1) => ({
  id,
  projectId,
  dateFrom,
  dateTo,
});

describe('project rates', () => {
  it('treats both ends as inclusive', () => {
    expect(periodsOverlap(rate(1, '2024-01-01', '2024-01-31'), rate(2, '2024-01-31', null))).toBe(
      true,
    );
    expect(periodsOverlap(rate(1, '2024-01-01', '2024-01-30'), rate(2, '2024-01-31', null))).toBe(
      false,
    );
  });

  it('lets open-ended ranges overlap everything after their start', () => {
    expect(periodsOverlap(rate(1, '2024-01-01', null), rate(2, '2030-01-01', '2030-01-02'))).toBe(
      true,
    );
    expect(periodsOverlap(rate(1, '2024-01-01', null), rate(2, '2023-01-01', '2023-12-31'))).toBe(
      false,
    );
    expect(periodsOverlap(rate(1, '2024-01-01', null), rate(2, '2020-01-01', null))).toBe(true);
  });

  it('checks only the same project and never a rate against itself', () => {
    const existing = [rate(1, '2024-01-01', null, 1), rate(2, '2024-01-01', null, 2)];
    expect(overlappingRate(rate(3, '2024-06-01', null, 3), existing)).toBeUndefined();
    expect(overlappingRate(rate(1, '2024-06-01', null, 1), existing)).toBeUndefined();
    expect(overlappingRate(rate(4, '2024-06-01', null, 2), existing)?.id).toBe(2);
  });

  it('finds the rate in force on a day', () => {
    const rates = [rate(1, '2024-01-01', '2024-06-30'), rate(2, '2024-07-01', null)];
    expect(rateInForce(rates, 1, '2023-12-31')).toBeUndefined();
    expect(rateInForce(rates, 1, '2024-06-30')?.id).toBe(1);
    expect(rateInForce(rates, 1, '2024-07-01')?.id).toBe(2);
    expect(rateInForce(rates, 2, '2024-07-01')).toBeUndefined();
  });
});
