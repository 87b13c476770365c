import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MODULES = fileURLToPath(new URL('../src/server/modules', import.meta.url));

/**
 * `invalid(messages)` without a code falls back to `validation_failed`, which a client cannot
 * tell from any other refusal. The core's refusals each carry their module's own code: every
 * `invalid(...)` call in a service or rules file names one, and so does the native API's door
 * (the Harvest and Flowtly doors show no codes on their wire).
 */
function uncodedRefusals(): string[] {
  const found: string[] = [];
  for (const module of readdirSync(MODULES)) {
    for (const file of readdirSync(join(MODULES, module))) {
      if (!/\.(service|rules)\.ts$|^native-.*\.routes\.ts$/.test(file)) continue;
      const path = join(MODULES, module, file);
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
      const visit = (node: ts.Node) => {
        if (
          ts.isCallExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === 'invalid' &&
          node.arguments.length < 2
        ) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${module}/${file}:${line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found;
}

describe('stable codes in the core', () => {
  it('every refusal a service, a rule or the native API makes names its code', () => {
    expect(uncodedRefusals()).toEqual([]);
  });
});
