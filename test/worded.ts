import { wordingOf } from '../src/server/http/refusal-wording.ts';
import { DomainError, type Refusal } from '../src/server/shared/domain-error.ts';

/**
 * Refusals as the doors word them (http/refusal-wording.ts): a rule's unit test asserts the
 * sentence a Harvest client reads, which shows the code and its wording together.
 */
export const worded = (refusals: readonly Refusal[]): string[] => refusals.map(wordingOf);

/** The sentence a call's refusal reads as at the door; fails when the call is not refused. */
export function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return worded(error.refusals).join(', ');
    throw error;
  }
  throw new Error('the call was not refused');
}
