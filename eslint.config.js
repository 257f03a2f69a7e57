import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const TYPED_SOURCES = ['{client,server,shared,test}/**/*.{ts,tsx}']

// Yjs shared types are created and reached only by the typed accessors and
// commands in shared/src/board/ (STYLE.md point 3), and by the server's
// validation, which copies a candidate board to judge an update. Anywhere
// else, creating a Y.Map/Y.Array/Y.Text or asking the document for a root
// map is a raw write (or an unvalidated read) waiting to happen. Doc-level
// calls (applyUpdate, encodeStateAsUpdate, UndoManager) stay allowed: the
// server's sync and storage layers need them and they never index a key.
const rawYjsAccess = [
  {
    selector: "NewExpression[callee.object.name='Y'][callee.property.name=/^(Map|Array|Text|XmlElement|XmlFragment|XmlText)$/]",
    message: 'Create Yjs shared types only in shared/src/board/ (typed commands); call a command from there instead.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^get(Map|Array|Text|XmlFragment|XmlElement)$/]',
    message: 'Reach the Yjs document only through the typed accessors in shared/src/board/ (e.g. readProject, moveProject).',
  },
]

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test/artifacts/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Type-aware rules: the project service finds each file's own tsconfig
    // (client/, server/, shared/, test/), so no list of projects to keep in step.
    files: TYPED_SOURCES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its rejection: await it, or mark a
      // deliberate fire-and-forget with `void` after handling its error.
      '@typescript-eslint/no-floating-promises': 'error',
      // Closed sets (stages, roles, message types) must be switched on in full.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  // Import cycles are checked by dependency-cruiser (.dependency-cruiser.cjs), run by
  // `pnpm lint` after ESLint: import-x/no-cycle ignores type-only imports, and a
  // type-only cycle is still coupling between layers.
  {
    // Hono is the HTTP adapter layer (STYLE.md point 5): the connection, room
    // and storage layers must not know it, so they stay testable without HTTP.
    files: ['{client,server,shared,test}/**/*.{ts,tsx}'],
    ignores: ['server/src/http/**', 'server/src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(hono|@hono/.*)(/.*)?$',
              message: 'Hono stays in the HTTP adapter: import it only in server/src/http/ or server/src/main.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}', 'server/src/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['shared/src/board/**', 'server/src/validation/**'],
    rules: { 'no-restricted-syntax': ['error', ...rawYjsAccess] },
  },
  {
    // Components read view models (STYLE.md point 9): yjs is a value import
    // only in the client's sync layer and its undo manager; elsewhere a type
    // import is enough and cannot write to the document.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/sync/**', 'client/src/undo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'yjs',
              allowTypeImports: true,
              message: 'Components reach the board through client/src/sync/ view models and shared/ commands, not yjs.',
            },
          ],
          patterns: [
            {
              regex: '^(hono|@hono/.*)(/.*)?$',
              message: 'Hono stays in the HTTP adapter: import it only in server/src/http/ or server/src/main.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
)
