// Lint keeps the dependency rule of docs/design: the domain and the projections are pure.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

const impure = [
  { group: ['fastify', 'fastify/*', '@fastify/*'], message: 'domain and projections know no HTTP' },
  { group: ['@eventstore/*', 'better-sqlite3', '@grpc/*'], message: 'domain and projections know no store' },
  {
    group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'],
    message: 'domain and projections do no I/O',
  },
  {
    group: ['**/src/http/**', '**/src/store/**', '**/src/embedded/**', '**/src/read/**', '**/src/cli/**'],
    message: 'dependencies point inward',
  },
];

const eventStoreClient = {
  group: ['@eventstore/*'],
  message: 'only src/store/ (the one adapter) and src/embedded/ use the event store client',
};

/** What the application must not import: the demo data, the read side, the front ends, the composition root. */
const outwardOfApplication = [
  '../seed/**',
  '**/src/seed/**',
  '../read/**',
  '**/src/read/**',
  '../http/**',
  '**/src/http/**',
  '../web/**',
  '**/src/web/**',
  '../cli/**',
  '**/src/cli/**',
  '../boot/**',
  '**/src/boot/**',
  '../embedded/**',
  '**/src/embedded/**',
  '../server.js',
  '**/projections/**',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '.tap/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The one-adapter rule: the app touches events only through src/store (and src/embedded serves them).
    files: ['src/**/*.ts'],
    ignores: ['src/store/**', 'src/embedded/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [eventStoreClient] }],
    },
  },
  {
    // The application depends on the domain, contracts and the store adapter only (ADR 0029;
    // test/architecture/layers.unit.test.ts walks the real import graph).
    files: ['src/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            eventStoreClient,
            {
              group: outwardOfApplication,
              message: 'the application depends only on src/domain, contracts/ and src/store (ADR 0029)',
            },
          ],
        },
      ],
    },
  },
  {
    // HTTP asks the read side its questions, never the folds (ADR 0032): http -> read -> projections.
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            eventStoreClient,
            { group: ['**/projections/**'], message: 'src/http asks src/read, never projections/ (ADR 0032)' },
          ],
        },
      ],
    },
  },
  {
    // The store adapter is the one adapter over the client: the composition root (src/boot) starts the
    // embedded server and opens the store (ADR 0031; test/architecture/layers.unit.test.ts).
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../embedded/**', '**/src/embedded/**', '../boot/**', '**/src/boot/**'],
              message:
                'src/store is the adapter over @eventstore/db-client only; src/boot starts the embedded store (ADR 0031)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'projections/**/*.ts', 'contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impure }] },
  },
  {
    // Prettier lays the code out at 120 columns (.prettierrc.json) and `npm test` checks it; this rule
    // catches what Prettier leaves long: comments. A sentence in a string stays whole, so that grep finds
    // it; the demo data and the message catalogues are data (ADR 0043).
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    files: ['src/seed/**', 'src/web/client/i18n/**'],
    rules: { '@stylistic/max-len': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
