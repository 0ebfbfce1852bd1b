import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import * as fs from 'node:fs';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/**
 * The API's layers (architecture rule 13). The kernel (config, common, database, queue) imports no
 * domain; a domain imports the kernel and only the domains listed before it here; the composition
 * root (app.module, entities, bootstrap, main, worker, cli, seeds) may import anything. A new domain
 * folder must be placed in this list, or linting stops with a message naming it.
 */
const API_DOMAINS = [
  'audit', 'notifications', 'diagnostics', 'health', 'telemetry',
  'org-units', 'users', 'auth', 'imports',
  'courses', 'enrolments', 'media', 'progress',
  'quizzes', 'certificates', 'targets', 'statistics', 'reports',
];
const apiModulesDir = new URL('./apps/api/src/modules/', import.meta.url);
const unplaced = fs.readdirSync(apiModulesDir, { withFileTypes: true }).filter((d) => d.isDirectory() && !API_DOMAINS.includes(d.name)).map((d) => d.name);
if (unplaced.length) throw new Error(`eslint.config.mjs: place the API domain folder(s) ${unplaced.join(', ')} in API_DOMAINS (lowest first).`);
const API_KERNEL = ['config', 'common', 'database', 'queue'];
// Absolute paths: `npm run lint` runs ESLint from apps/api, CI and editors from the repository root.
const apiSrc = new URL('./apps/api/src/', import.meta.url).pathname;
const compositionRoot = [`${apiSrc}seeds/**`, `${apiSrc}*.ts`];
const kernelMessage = 'The kernel (config, common, database, queue) must not import domains or the composition root: move what several domains share into the kernel.';
const domainMessage = (domain) =>
  `"${domain}" may import only the kernel and the domains listed before it in API_DOMAINS (eslint.config.mjs): use an exported service, an event, or a plug-in registered from the higher domain.`;
const apiLayerZones = [
  ...API_KERNEL.flatMap((k) => [
    { target: `${apiSrc}${k}`, from: `${apiSrc}modules`, message: kernelMessage },
    { target: `${apiSrc}${k}/**`, from: compositionRoot, message: kernelMessage },
  ]),
  ...API_DOMAINS.flatMap((domain, i) => [
    ...API_DOMAINS.slice(i + 1).map((higher) => ({ target: `${apiSrc}modules/${domain}`, from: `${apiSrc}modules/${higher}`, message: domainMessage(domain) })),
    { target: `${apiSrc}modules/${domain}/**`, from: compositionRoot, message: domainMessage(domain) },
  ]),
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'data/**', '**/test-results/**', '**/playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: apiLayerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Features never import each other; app/ composes them (architecture rule 9).
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../features/*', '../features/*'], message: 'Features must not import each other; compose them in app/.' }] }],
    },
  },
  {
    // CommonJS tool configs.
    files: ['**/*.config.js', '**/jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
