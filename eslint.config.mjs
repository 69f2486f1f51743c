// ESLint (flat config): typescript-eslint's type-checked rules, import cycles and the lib boundaries.
// `npm run lint`. The same boundaries are checked on resolved paths by dependency-cruiser (.dependency-cruiser.cjs).
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeResolver, flatConfigs as importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));
const LIBS = readdirSync(`${root}/libs`, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

/**
 * The tables each feature owns. A feature reads or writes another feature's tables only through that feature's
 * exported service (issue 12). Enforced on SQL text in libs/<feature>/src by the local rule faceauth/own-tables.
 */
const TABLES = {
  accounts: ['accounts'],
  'api-keys': ['api_keys'],
  enrollment: ['enrolled_users', 'face_samples'],
  usage: ['usage_call_logs', 'usage_daily', 'usage_quotas'],
  'login-sessions': ['login_sessions', 'login_attempts'],
  'enroll-sessions': ['enroll_sessions'],
  'login-tokens': ['signing_keys'],
  registration: ['registration_state'],
};

/** The allowed exceptions to own-tables: file, foreign table, why (each also explained beside its query). */
const TABLE_EXCEPTIONS = [
  // Hot path: the key lookup of every request (and of every login attempt) joins the key's account for its
  // plan and public id in one query. api-keys depends on accounts (ApiKey.account) and only reads these columns.
  { file: 'libs/api-keys/src/api-keys.repository.ts', table: 'accounts' },
  // Enrollment depends on usage (@Metered): asking EnrolledFacesService would be an import cycle. A read-only
  // count per GET /usage.
  { file: 'libs/usage/src/repositories/usage-report.repository.ts', table: 'enrolled_users' },
];

const SQL_TABLE = /\b(?:from|join|update|into)\s+"?([a-z_]+)"?/gi;

/** faceauth/own-tables: SQL in a feature names only the feature's own tables (or an allowed exception). */
const ownTables = {
  meta: { type: 'problem', schema: [], messages: { foreign: "{{lib}} reads {{table}}, a table of {{owner}}: go through {{owner}}'s exported service (or add a documented exception in eslint.config.mjs)" } },
  create(context) {
    const file = context.filename.slice(root.length + 1).replaceAll('\\', '/');
    const lib = /^libs\/([^/]+)\/src\//.exec(file)?.[1];
    if (!lib || /\/migrations\//.test(file)) return {};
    const owner = (table) => Object.keys(TABLES).find((l) => TABLES[l].includes(table));
    const check = (node, text) => {
      for (const [, name] of text.matchAll(SQL_TABLE)) {
        const table = name.toLowerCase();
        const by = owner(table);
        if (!by || by === lib || TABLE_EXCEPTIONS.some((e) => e.file === file && e.table === table)) continue;
        context.report({ node, messageId: 'foreign', data: { lib, table, owner: by } });
      }
    };
    return {
      Literal: (node) => typeof node.value === 'string' && check(node, node.value),
      TemplateLiteral: (node) => check(node, node.quasis.map((q) => q.value.cooked ?? '').join(' ')),
    };
  },
};

/** Each lib may import another lib only through its barrel (index.ts); inside a lib, relative imports. */
const libZones = LIBS.flatMap((lib) =>
  LIBS.filter((other) => other !== lib).map((other) => ({
    target: `./libs/${lib}/src`,
    from: `./libs/${other}/src`,
    except: ['./index.ts'],
    message: `Import @faceauth/${other} (its index.ts), not a file inside it.`,
  })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'clients/**', 'models/**', 'coverage/**', 'libs/widget/browser/**', 'libs/database/src/migrations/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  importX.recommended,
  importX.typescript,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'], tsconfig: { configFile: `${root}/tsconfig.json` } }),
      ],
    },
    plugins: { faceauth: { rules: { 'own-tables': ownTables } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...libZones,
            { target: './libs', from: './apps', message: 'libs must not import apps: apps wire libs, not the other way round.' },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'onnxruntime-node', message: 'Only libs/inference talks to onnxruntime (InferenceService is the adapter).' }],
          patterns: [
            { group: ['@faceauth/*/*'], message: "Import the lib's barrel, @faceauth/<lib>: a file inside another lib is not its API." },
            { group: ['**/libs/*/src', '**/libs/*/src/**'], message: 'Import @faceauth/<lib>, not a path into libs/*/src (tests only may reach internals).' },
          ],
        },
      ],
      'faceauth/own-tables': 'error',

      // Checked by TypeScript itself (tsc --noEmit): unresolved or misspelled imports fail the type-check.
      'import-x/no-unresolved': 'off',
      'import-x/named': 'off',
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      'import-x/no-named-as-default-member': 'off',
      // Nest providers are classes with `@Injectable()`; duplicate imports are merged by hand when touched.
      'import-x/no-duplicates': 'warn',
      // `_`-prefixed names mark a parameter a signature needs but the body does not; `{ omitted, ...rest }` drops a field.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Raw SQL rows, JSON.parse, supertest bodies and Nest's `any` signatures are untyped by design: typing them all is a rewrite.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Async methods without an await implement async interfaces (Nest guards, adapters, fakes in tests).
      '@typescript-eslint/require-await': 'off',
      // Async event listeners here handle their own errors (signal handlers, busboy 'close'); returned promises elsewhere stay checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // Lazy require() of an optional or heavy module (the widget builder, a package.json version, a module under test).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests (test/**, and the specs beside the code) may reach a lib's internals by a relative path into
    // libs/*/src when the barrel has no reason to export them (a repository for a medium test); never by a
    // @faceauth/<lib>/* deep alias. Specs in a lib may use test/support and test/factories.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'onnxruntime-node', message: 'Only libs/inference talks to onnxruntime.' }],
          patterns: [{ group: ['@faceauth/*/*'], message: "Import the lib's barrel, @faceauth/<lib>, or (tests only) a relative path into libs/*/src." }],
        },
      ],
      // expect(mock.method).toHaveBeenCalled() passes methods unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The one adapter over ONNX (STYLE.md: nothing outside libs/inference imports onnxruntime).
    files: ['libs/inference/**/*.ts', 'scripts/inference/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@faceauth/*/*'], message: "Import the lib's barrel, @faceauth/<lib>." }, { group: ['**/libs/*/src', '**/libs/*/src/**'], message: 'Import @faceauth/<lib>.' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
  },
);
