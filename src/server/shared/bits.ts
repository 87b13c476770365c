/** A boolean from a request as stored (0/1, ADR 0003); undefined stays "not sent". */
export function toBit(value: boolean | undefined): 0 | 1 | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}
