import { setFlagsFromString } from 'node:v8';
import { heapGrowingPercent } from '../server/config.ts';

/**
 * Imported first by the CLI, so that it runs before the server's modules load: V8 takes this
 * setting only while the heap is young. Streamed exports allocate gigabytes of short-lived
 * rows, and left to its defaults V8 lets the heap swell to several times the live set between
 * collections: a million-row CSV export grew the process by 80 to 230 MB, and by about 45 MB
 * with 25% (ADR 0020).
 */
try {
  const percent = heapGrowingPercent();
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
} catch {
  // A bad value is reported, with the variable's name, where the configuration is loaded.
}
