import i18next from 'i18next';
import { ApiError } from './api.ts';

/**
 * What a refused request says, in the chosen language: the API's stable code has a message of
 * its own in every language for the refusals people meet; any other refusal shows the API's
 * own words (English), which name the field and the rule.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    return i18next.exists(key) ? i18next.t(key) : error.message;
  }
  return error instanceof Error ? error.message : i18next.t('common.error');
}

/** Whether the code's own message stands for the API's whole answer (details included). */
export function isTranslated(error: unknown): boolean {
  return error instanceof ApiError && i18next.exists(`errors.${error.code}`);
}
