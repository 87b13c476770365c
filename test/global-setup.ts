import { HARVEST_SPEC_PATH, harvestSpecAvailable } from './harvest-openapi.ts';

/** Runs once per `vitest run`: says, in one line, which optional tiers are off and why. */
export default function setup(): void {
  if (!harvestSpecAvailable) {
    console.log(
      `Harvest OpenAPI conformance: skipped (no spec at ${HARVEST_SPEC_PATH}; set HARVEST_OPENAPI_SPEC to run it)`,
    );
  }
}
