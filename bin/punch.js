#!/usr/bin/env node
// Runs the TypeScript sources directly (ADR 0002): no build step between a change and `punch`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
