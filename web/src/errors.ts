import i18next from 'i18next';
import { ApiError, type FieldProblem } from './api.ts';

/**
 * What a refused request says, in the chosen language: the API's stable code has a message of
 * its own in every language for the refusals people meet; any other refusal shows the API's
 * own words (English), which name the field and the rule.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (i18next.exists(key)) return i18next.t(key);
    // Schema errors come as data: said in the chosen language, field by field.
    if (error.fields.length > 0) return i18next.t('validation.summary');
    return error.message;
  }
  return error instanceof Error ? error.message : i18next.t('common.error');
}

/** Whether the code's own message stands for the API's whole answer (details included). */
export function isTranslated(error: unknown): boolean {
  return error instanceof ApiError && i18next.exists(`errors.${error.code}`);
}

/** What is wrong with a field, without its name (said where the field is). */
export function problemText(problem: FieldProblem): string {
  // A nullable field's type reads "integer,null": the first kind is the one to ask for.
  const specific = `validation.${problem.rule}_${String(problem.limit).split(',')[0] ?? ''}`;
  if (i18next.exists(specific)) return i18next.t(specific);
  const key = `validation.${problem.rule}`;
  return i18next.t(i18next.exists(key) ? key : 'validation.invalid', { limit: problem.limit });
}

/** A field's name for a message away from the field: its label where one is known. */
export function fieldLabel(field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  const key = `fields.${last}`;
  if (i18next.exists(key)) return i18next.t(key);
  const words = last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Each field problem as one line, for a form that has no place for it. */
export function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.map((p) => `${fieldLabel(p.field)}: ${problemText(p)}`);
}
