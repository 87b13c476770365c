#!/usr/bin/env -S node --max-semi-space-size=64
// A larger young generation: an import or export allocates briskly, and at the default size
// garbage collection took a fifth of a 200k-row import (ADR 0023). `npm start` passes the same.
// Runs the TypeScript sources directly (ADR 0002): no build step between a change and `punch`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
