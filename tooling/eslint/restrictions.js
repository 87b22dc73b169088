// Rules about where configuration and the database client may be touched, beyond import boundaries.

/**
 * process.env is read in one module per program, validated there (zod), and passed on as values:
 * - apps: only apps/<name>/src/env.ts;
 * - packages, the launcher and the end-to-end harness: only files named env.ts (a library reads the
 *   environment only where its README documents a variable, e.g. packages/ml's backend choice, the db
 *   package's test harness and CLIs);
 * - developer tools outside src (packages' build scripts and benchmarks) and tool config files.
 */
export const ENV_READERS = [
  'apps/*/src/env.ts',
  'packages/**/env.ts',
  'scripts/**/env.ts',
  'e2e/**/env.ts',
  'packages/*/scripts/**',
  'packages/*/bench/**',
  '**/*.config.{ts,js,mjs}',
];

const envMessage = 'read configuration in env.ts (apps: src/env.ts) and pass values on; see tooling/eslint/restrictions.js';

/** @type {import('eslint').Linter.Config[]} */
export const envConfig = [
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: envMessage }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['process', 'node:process'].map((name) => ({ name, importNames: ['env'], message: envMessage })),
        },
      ],
    },
  },
  { files: ENV_READERS, rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' } },
];

const prismaMessage = 'only packages/db touches the Prisma client: add a function (and a domain type) to packages/db instead';

/**
 * The client itself is fenced by the boundaries rules; these catch it leaking through @probity/db.
 * @type {import('eslint').Linter.Config}
 */
export const prismaConfig = {
  files: ['**/*.{ts,tsx,js,mjs}'],
  ignores: ['packages/db/**'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { paths: [{ name: '@probity/db', importNames: ['prisma', 'Prisma', 'PrismaClient'], message: prismaMessage }] },
    ],
    'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='prisma']", message: prismaMessage }],
  },
};
