import { describe, expect, it } from 'vitest';
import { isProjectManagerByDefault, projectProblems } from './projects.rules.ts';
import { worded } from '../../../../test/worded.ts';

describe('projectProblems', () => {
  const base = { starts_on: null, ends_on: null, is_fixed_fee: false, fee: null };
  it.each([
    [base, []],
    [{ ...base, starts_on: '2026-01-01', ends_on: '2026-01-01' }, []],
    [
      { ...base, starts_on: '2026-02-01', ends_on: '2026-01-31' },
      ['Ends on must be on or after starts on'],
    ],
    [{ ...base, fee: 500 }, ['Fee can only be set on fixed-fee projects']],
    [{ ...base, is_fixed_fee: true, fee: 500 }, []],
  ])('%j -> %j', (project, problems) => {
    expect(worded(projectProblems(project))).toEqual(problems);
  });
});

describe('isProjectManagerByDefault', () => {
  it.each([
    ['administrator', true],
    ['manager', true],
    ['member', false],
  ])('%s -> %s', (level, expected) => {
    expect(isProjectManagerByDefault(level)).toBe(expected);
  });
});
