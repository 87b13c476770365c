import { describe, expect, it } from 'vitest';
import { refusal } from '../shared/domain-error.ts';
import { humanField, reasonText, wordingOf } from './refusal-wording.ts';

describe('humanField', () => {
  it.each([
    ['hourlyRate', 'Hourly rate'],
    ['defaultHourlyRate', 'Default hourly rate'],
    ['tax2', 'Tax2'],
    ['first_name', 'First name'],
    ['from', 'From'],
  ])('%s reads as "%s"', (field, words) => expect(humanField(field)).toBe(words));
});

describe('wordingOf', () => {
  it('words a field refusal in Rails full-message style from the field the command names', () => {
    expect(wordingOf(refusal('blank', { field: 'firstName' }))).toBe("First name can't be blank");
    expect(wordingOf(refusal('not_a_number', { field: 'costBudget' }))).toBe(
      'Cost budget is not a number',
    );
  });

  it('tells the cases of one code apart by their figures', () => {
    expect(wordingOf(refusal('timer_running', { while: 'archiving_project' }))).toBe(
      'This project has a running timer; stop it before archiving',
    );
    expect(wordingOf(refusal('timer_running', { while: 'writing_cell', date: '2026-03-02' }))).toBe(
      '2026-03-02 has a running timer on this row; stop it first',
    );
    expect(wordingOf(refusal('time_entry_locked', { reason: 'Item Invoiced' }))).toBe(
      'Only an administrator can change this entry: Item Invoiced',
    );
    expect(wordingOf(refusal('time_entry_locked', { keptEntries: 3 }))).toBe(
      'The project has 3 invoiced, submitted, approved or locked time entries; archive it instead',
    );
  });

  it('names the person and week of a refusal among several weeks', () => {
    expect(wordingOf(refusal('period_locked'))).toBe('This time period is locked');
    expect(
      wordingOf(refusal('period_locked', { person: 'Ada Lovelace', weekStart: '2026-03-02' })),
    ).toBe('Ada Lovelace, week of 2026-03-02: This time period is locked');
  });

  it('reads a code it has no sentence for as the code, never as nothing', () => {
    expect(wordingOf(refusal('something_new'))).toBe('something_new');
  });
});

describe('reasonText', () => {
  it('keeps an import’s own sentence and words a rule’s refusals', () => {
    expect(reasonText('no valid date')).toBe('no valid date');
    expect(
      reasonText([
        refusal('archived', { what: 'project' }),
        refusal('not_assigned', { what: 'user' }),
      ]),
    ).toBe('Project is archived, User is not assigned to this project');
  });
});
