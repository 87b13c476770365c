import { wordingOf } from '../server/http/refusal-wording.ts';
import { DomainError } from '../server/shared/domain-error.ts';

/** With --json a command prints exactly one JSON object on stdout and nothing else. */
export function printResult(json: boolean, value: object, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human}\n`);
}

/** Every failing command ends with one line on stderr and a non-zero exit code. */
export function fail(error: unknown): never {
  // An operator command calls the core directly: its refusals are coded, worded here.
  const message =
    error instanceof DomainError && error.refusals.length > 0
      ? error.refusals.map(wordingOf).join(', ')
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`punch: ${message.split('\n')[0]}\n`);
  process.exit(1);
}
