import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/**
 * Layering as import zones (docs/architecture.md): placement-handlers → app/features → app/data → app/b24;
 * only app/b24 imports the SDK; nothing in the app (or cli) imports sandbox/.
 */
const zones = [
  { target: './app', from: './sandbox', message: 'The app never imports the sandbox portal.' },
  { target: './placement-handlers', from: './sandbox', message: 'The app never imports the sandbox portal.' },
  { target: './cli', from: './sandbox', message: 'The CLI talks to a portal over REST, never to sandbox code.' },
  { target: './app', from: './placement-handlers', message: 'placement-handlers is the top layer.' },
  { target: './app/data', from: './app/features', message: 'data must not depend on features.' },
  { target: './app/b24', from: './app/data', message: 'b24 is the bottom layer.' },
  { target: './app/b24', from: './app/features', message: 'b24 is the bottom layer.' },
  { target: './app/b24', from: './app/ui', message: 'b24 is the bottom layer.' },
  { target: './app/data', from: './app/ui', message: 'data does not render; it may use app/i18n.' },
  { target: './app/ui', from: './app/data', message: 'ui is shared presentation: props in, no data access.' },
  { target: './app/ui', from: './app/features', message: 'ui is shared by features, not the other way round.' },
  { target: './app/i18n', from: './app/ui', message: 'i18n is a leaf.' },
  { target: './app/i18n', from: './app/data', message: 'i18n is a leaf.' },
  { target: './app/i18n', from: './app/features', message: 'i18n is a leaf.' },
  { target: './app/i18n', from: './app/b24', message: 'i18n is a leaf.' },
  ...['crm', 'tasks', 'install', 'settings', 'workspace', 'storage', 'sync', 'calendar', 'directory'].map((f) => ({
    target: `./app/features/${f}`,
    from: './app/features',
    except: [`./${f}`],
    message: 'features never import each other; compose them in placement-handlers.',
  })),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      '.dist-*',
      '.sandbox*',
      'test-results',
      'playwright-report',
      'sandbox/portal/static/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'placement-handlers/**/*.{ts,tsx}'],
    ignores: ['app/b24/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@bitrix24/b24jssdk', message: 'Only app/b24 imports the SDK.' }] },
      ],
    },
  },
  {
    // Tests may start a sandbox portal (sandbox/test-utils.ts); the app code itself never imports it.
    files: ['**/*.test.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: zones.filter((z) => z.from !== './sandbox') }] },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name=/^(it|describe|test)$/][property.name='only']",
          message: 'No .only in committed tests.',
        },
      ],
    },
  },
);
