import { ApiError } from './api.ts';
import { errorText, fieldLabel, isTranslated, problemText } from './errors.ts';

const squash = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

/**
 * The API's messages that name a field, for showing at that field: a refusal reads "Name can't
 * be blank" or "DefaultHourlyRate must be…", so a message belongs to the field whose name it
 * starts with. `fields` maps a form's field to the words the API uses for it.
 */
export function fieldErrors<F extends string>(
  error: unknown,
  fields: Record<F, readonly string[]>,
): { byField: Partial<Record<F, string>>; rest: string[] } {
  if (!(error instanceof ApiError)) {
    return { byField: {}, rest: error instanceof Error ? [error.message] : [] };
  }
  if (error.fields.length > 0) {
    // Schema errors as data: each at its field by name, worded in the chosen language.
    const byField: Partial<Record<F, string>> = {};
    const rest: string[] = [];
    for (const problem of error.fields) {
      const name = problem.field.split('.').pop() ?? problem.field;
      const field = (Object.keys(fields) as F[]).find((f) => f === name);
      if (field && byField[field] === undefined) byField[field] = problemText(problem);
      else if (!field) rest.push(`${fieldLabel(problem.field)}: ${problemText(problem)}`);
    }
    return { byField, rest };
  }
  // A refusal with a stable code is said in the chosen language, at the field it names.
  const said = isTranslated(error) ? errorText(error) : null;
  const messages = [...new Set([error.message, ...error.details])];
  const byField: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  for (const message of messages) {
    const squashed = squash(message);
    const field = (Object.keys(fields) as F[]).find((f) =>
      fields[f].some((word) => squashed.startsWith(squash(word))),
    );
    if (field && byField[field] === undefined) byField[field] = said ?? message;
    else if (!field) rest.push(said ?? message);
  }
  // The summary message repeats the details; when every detail found its field, say nothing more.
  if (error.details.length > 0) return { byField, rest: rest.filter((m) => m !== error.message) };
  return { byField, rest };
}
