// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// House rule 7: a module may use another module's service and rules, never its repository;
// services never import http/ (they take commands and throw coded errors; adapters present).
const FOREIGN_REPOSITORY = {
  group: ['../*/*.repository.ts'],
  message:
    "Use the owning module's service or rules: another module's repository is its own (house rule 7).",
};
const HTTP_IN_SERVICES = {
  group: ['**/http/*'],
  message: 'Services never import http/: throw a coded DomainError; the adapters present it.',
};
const WIRE_IN_SERVICES = {
  group: ['./*.schemas.ts', './*.presenter.ts', '../*/*.schemas.ts', '../*/*.presenter.ts'],
  message:
    "Services take commands they define and hand out domain objects: a door's schemas and presenters are its own.",
};
// Doors word refusals (http/refusal-wording.ts, http/flowtly-wording.ts); the core names codes.
const WORDING_IN_CORE = {
  group: ['**/shared/domain-error.ts'],
  importNames: ['wordedInvalid'],
  message:
    "The core refuses with a code (`invalid(code, params)`); the sentence is the doors' to word.",
};
const importRules = {
  'no-restricted-imports': ['error', { patterns: [FOREIGN_REPOSITORY] }],
};
const serviceImportRules = {
  'no-restricted-imports': [
    'error',
    { patterns: [FOREIGN_REPOSITORY, HTTP_IN_SERVICES, WIRE_IN_SERVICES, WORDING_IN_CORE] },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'bench/results/', '.tmp-*'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Fastify hooks and handlers are async by convention, awaited or not.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // House rule 3: env is read only in config.ts.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment only in src/server/config.ts.',
        },
      ],
      // House rule 3: "now" only from the injected Clock.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take "now" from the injected Clock.',
        },
      ],
    },
  },
  {
    files: ['src/server/config.ts', 'test/**', '**/*.test.ts', 'vitest.config.ts', 'bench/**'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: {
      // Tests read parsed JSON bodies freely; asserting on them is the point.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: importRules,
  },
  {
    files: [
      'src/server/modules/**/*.service.ts',
      'src/server/modules/**/*.rules.ts',
      'src/server/modules/**/*.errors.ts',
    ],
    rules: serviceImportRules,
  },
  {
    // The web app runs in a browser: its "now" is the person's clock, and it has no env.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['scripts/**/*.js'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly' },
    },
  },
  { files: ['.ci/**'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
);
