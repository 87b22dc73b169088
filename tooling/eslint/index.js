// The repository's ESLint configuration, composed by the root eslint.config.js.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { boundariesConfig } from './boundaries.js';
import { envConfig, prismaConfig } from './restrictions.js';

export const IGNORES = [
  '**/node_modules/**',
  '**/.next/**',
  '**/dist/**',
  '**/coverage/**',
  '**/generated/**',
  '**/next-env.d.ts',
  '.probity/**',
  'data/**',
  'e2e/test-results/**',
  'e2e/playwright-report/**',
  '**/bench/results/**',
];

/** @param {string} root the repository root */
export function probity(root) {
  const apps = readdirSync(path.join(root, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return tseslint.config(
    { ignores: IGNORES },
    { linterOptions: { reportUnusedDisableDirectives: 'error' } },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: { projectService: true, tsconfigRootDir: root },
      },
      rules: {
        // Async callbacks that satisfy a Promise-returning interface (Apollo plugins, Next.js config)
        // need no await; no-floating-promises and no-misused-promises catch the real hazards.
        '@typescript-eslint/require-await': 'off',
        // Playwright reads a fixture's dependencies from its destructured first parameter: `({}, use)`.
        'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
        '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      },
    },
    { files: ['**/*.{js,mjs}'], ...tseslint.configs.disableTypeChecked },
    {
      files: ['apps/web/**/*.{ts,tsx}'],
      plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
      settings: { next: { rootDir: 'apps/web' } },
      rules: {
        ...nextPlugin.configs.recommended.rules,
        ...nextPlugin.configs['core-web-vitals'].rules,
        ...reactHooks.configs.recommended.rules,
      },
    },
    boundariesConfig(root, apps),
    ...envConfig,
    prismaConfig,
  );
}
