import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';

// The boundary rules as eslint.config.js declares them, applied without type information (they
// read imports only), so that a broken or loosened rule fails here and not only in review.
// Imported by URL: the config is plain JavaScript with no declarations for the type checker.
const configUrl = pathToFileURL(`${process.cwd()}/eslint.config.js`).href;
const config = ((await import(configUrl)) as { default: Linter.Config[] }).default;
const boundaryEntries = config.filter(
  (entry) => entry.rules?.['no-restricted-imports'] !== undefined,
);

async function problemsOf(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...boundaryEntries,
    ],
  });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('module boundaries (house rule 7)', () => {
  it('refuses a module importing another module’s repository', async () => {
    const problems = await problemsOf(
      'src/server/modules/projects/projects.service.ts',
      "import { findUserById } from '../users/users.repository.ts';\nexport const x = findUserById;\n",
    );
    expect(problems).toEqual([expect.stringMatching(/^no-restricted-imports: .*house rule 7/)]);
  });

  it('refuses it in any role of a module, not only services', async () => {
    const problems = await problemsOf(
      'src/server/modules/reports/reports.presenter.ts',
      "import { findProject } from '../projects/projects.repository.ts';\nexport const x = findProject;\n",
    );
    expect(problems).toHaveLength(1);
  });

  it('refuses a service importing http/', async () => {
    const problems = await problemsOf(
      'src/server/modules/clients/clients.service.ts',
      "import { actorOf } from '../../http/request-context.ts';\nexport const x = actorOf;\n",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Services never import http/),
    ]);
  });

  it('refuses a service taking a door’s wire shapes (schemas or presenter types)', async () => {
    for (const source of [
      './roles.schemas.ts',
      './roles.presenter.ts',
      '../users/users.schemas.ts',
    ]) {
      const problems = await problemsOf(
        'src/server/modules/roles/roles.service.ts',
        `import type { X } from '${source}';\nexport type Y = X;\n`,
      );
      expect(problems).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*commands they define/),
      ]);
    }
  });

  it('refuses a service or rule wording a refusal itself, and lets a route do it', async () => {
    const code =
      "import { wordedInvalid } from '../../shared/domain-error.ts';\nexport const x = wordedInvalid;\n";
    for (const file of ['clients/clients.service.ts', 'projects/projects.rules.ts']) {
      expect(await problemsOf(`src/server/modules/${file}`, code)).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*the doors' to word/),
      ]);
    }
    expect(await problemsOf('src/server/modules/clients/clients.routes.ts', code)).toEqual([]);
    const coded =
      "import { invalid } from '../../shared/domain-error.ts';\nexport const x = invalid;\n";
    expect(await problemsOf('src/server/modules/clients/clients.service.ts', coded)).toEqual([]);
  });

  it('lets a module use its own repository and another module’s service, rules and directory', async () => {
    const problems = await problemsOf(
      'src/server/modules/projects/projects.service.ts',
      [
        "import { findProject } from './projects.repository.ts';",
        "import type { UsersService } from '../users/users.service.ts';",
        "import { maySetRates } from '../users/users.rules.ts';",
        "import { createUsersDirectory } from '../users/users-directory.service.ts';",
        'export const x = [findProject, maySetRates, createUsersDirectory];',
        'export type Y = UsersService;',
        '',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });

  it('holds with no exception: no module is listed as allowed to break it', () => {
    const allowances = boundaryEntries.flatMap((entry) => {
      const setting = entry.rules?.['no-restricted-imports'] as [
        string,
        { patterns: { group: string[] }[] },
      ];
      return setting[1].patterns.flatMap((p) => p.group.filter((g) => g.startsWith('!')));
    });
    expect(allowances).toEqual([]);
  });
});
