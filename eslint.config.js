// Lint rules, including the process boundaries of docs/architecture.md.
// A boundary violation is an error, so it fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Import patterns (gitignore syntax, matched against the import string). */
const ELECTRON = { name: 'electron', message: 'The engine (main/pbx) is plain Node: it never imports electron.' };
const engineForbidden = [
  { group: ['electron', 'electron/*'], message: ELECTRON.message },
  { group: ['**/app', '**/app/**'], message: 'main/pbx never imports the Electron layer (main/app).' },
  { group: ['**/renderer/**'], message: 'main/pbx never imports the renderer.' },
];
const rendererForbidden = [
  { group: ['**/main/**', '**/main'], message: 'The renderer reaches the engine only through the contract in shared/.' },
  { group: ['**/preload/**'], message: 'The renderer reaches the preload only through window.dialtone.' },
  { group: ['electron', 'electron/*'], message: 'The renderer never imports electron; it is sandboxed.' },
];
const sharedForbidden = [
  { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared/ imports nothing from main, renderer or preload.' },
  { group: ['electron', 'electron/*', 'node:*'], message: 'shared/ compiles for both Node and the web: no electron, no node: modules.' },
];
const sipForbidden = [
  ...engineForbidden,
  {
    group: ['**/registrar/**', '**/calls/**', '**/routing/**', '**/trunks/**', '**/api/**', '**/store/**', '**/media/**', '**/presence/**', '**/pbx'],
    message: 'main/pbx/sip knows nothing above it (dependencies point down).',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No barrel files: import from the module that defines the thing.' }],
    },
  },
  { files: ['main/pbx/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: engineForbidden }] } },
  { files: ['main/pbx/sip/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: sipForbidden }] } },
  { files: ['main/cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [engineForbidden[0]] }] } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': ['error', { patterns: rendererForbidden }] },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: sharedForbidden }] } },
);
