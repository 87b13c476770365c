import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { WORDED_CODES } from '../src/server/http/refusal-wording.ts';

const MODULES = fileURLToPath(new URL('../src/server/modules', import.meta.url));
const SHARED = fileURLToPath(new URL('../src/server/shared', import.meta.url));

interface Source {
  name: string;
  file: ts.SourceFile;
}

/** The core's files: every service and rule, and the shared helpers they throw from. */
function coreSources(): Source[] {
  const sources: Source[] = [];
  const add = (dir: string, name: string) => {
    const path = join(dir, name);
    sources.push({
      name: path.slice(path.indexOf('src/')),
      file: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
    });
  };
  for (const module of readdirSync(MODULES)) {
    for (const name of readdirSync(join(MODULES, module))) {
      if (/\.(service|rules|errors)\.ts$/.test(name)) add(join(MODULES, module), name);
    }
  }
  for (const name of readdirSync(SHARED)) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) add(SHARED, name);
  }
  return sources;
}

/** Every `*_ERRORS` object of every module and of shared/, by name, so `PROJECT_ERRORS.nameBlank` resolves. */
async function errorCatalogs(): Promise<Map<string, Record<string, string>>> {
  const catalogs = new Map<string, Record<string, string>>();
  const files = [
    ...readdirSync(MODULES).flatMap((module) =>
      readdirSync(join(MODULES, module)).map((name) => join(MODULES, module, name)),
    ),
    ...readdirSync(SHARED).map((name) => join(SHARED, name)),
  ].filter((path) => path.endsWith('.errors.ts'));
  for (const path of files) {
    const exported = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(exported)) {
      if (/_ERRORS$/.test(key)) catalogs.set(key, value as Record<string, string>);
    }
  }
  return catalogs;
}

// `invalidAll`'s first argument is the umbrella code of refusals worded one by one.
const REFUSING_CALLS = new Set(['invalid', 'refusal', 'forbidden']);
/** A rule's own `refuse(code, …)` helper; other `refuse`s (an import's row reasons) take text. */
const RULE_REFUSE = 'refuse';

/**
 * The codes the core refuses with, where the code is written down: the first argument of
 * `invalid`, `refusal`, `forbidden` and a rule's `refuse(X_ERRORS.y)`, and a rule's `code:`
 * beside `params:` (a verdict). A code computed at run time comes from one of these.
 */
function refusalCodes(
  sources: Source[],
  catalogs: Map<string, Record<string, string>>,
): { code: string; at: string }[] {
  const found: { code: string; at: string }[] = [];
  for (const { name, file } of sources) {
    const resolve = (node: ts.Node, at: string) => {
      // A code spelled in place is not in its module's one list of codes.
      if (ts.isStringLiteral(node)) found.push({ code: `(spelled in place: ${node.text})`, at });
      else if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(node.expression) &&
        catalogs.has(node.expression.text)
      ) {
        const code = catalogs.get(node.expression.text)?.[node.name.text];
        found.push({ code: code ?? `(unknown ${node.getText(file)})`, at });
      }
    };
    const visit = (node: ts.Node) => {
      const at = `${name}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments[0]) {
        const [first] = node.arguments;
        if (REFUSING_CALLS.has(node.expression.text)) resolve(first, at);
        else if (node.expression.text === RULE_REFUSE && ts.isPropertyAccessExpression(first))
          resolve(first, at);
      }
      if (
        ts.isObjectLiteralExpression(node) &&
        node.properties.some((p) => p.name?.getText(file) === 'params')
      ) {
        for (const p of node.properties) {
          if (ts.isPropertyAssignment(p) && p.name.getText(file) === 'code')
            resolve(p.initializer, at);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** Calls that put a door's own sentence into the core. */
function wordedInCore(sources: Source[]): string[] {
  const found: string[] = [];
  for (const { name, file } of sources) {
    if (name.endsWith('domain-error.ts')) continue;
    const visit = (node: ts.Node) => {
      const at = `${name}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
      if (ts.isIdentifier(node) && node.text === 'wordedInvalid') found.push(at);
      if (
        ts.isNewExpression(node) &&
        node.expression.getText(file) === 'DomainError' &&
        node.arguments?.[0] &&
        ts.isStringLiteral(node.arguments[0]) &&
        node.arguments[0].text === 'invalid'
      ) {
        found.push(at);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

describe('stable codes in the core', () => {
  it('no service, rule or shared helper words a 422 itself: it names a code', () => {
    expect(wordedInCore(coreSources())).toEqual([]);
  });

  it('every code the core refuses with comes from an *.errors.ts list and is worded at the doors', async () => {
    const codes = refusalCodes(coreSources(), await errorCatalogs());
    // The walk finds the refusals (a guard against a walk that silently finds nothing).
    expect(codes.length).toBeGreaterThan(150);
    expect(codes.filter(({ code }) => !WORDED_CODES.has(code))).toEqual([]);
  });
});
