// Each architecture rule from ARCHITECTURE.md, shown failing on a snippet that breaks it and staying
// quiet on one that keeps it. The snippets are linted at real paths with the repository's configuration.
import { describe, expect, it } from 'vitest';
import { lint, type Finding } from './lint.ts';

const BOUNDARIES = 'boundaries/dependencies';

/** Exactly one boundaries finding whose message matches (and, unless told otherwise, nothing else). */
function expectFinding(findings: Finding[], message: string | RegExp, { alone = true } = {}): void {
  const matches = (text: string) => (typeof message === 'string' ? text.includes(message) : message.test(text));
  const hits = findings.filter((f) => f.ruleId === BOUNDARIES && matches(f.message));
  expect(hits, JSON.stringify(findings)).toHaveLength(1);
  if (alone) expect(findings, JSON.stringify(findings)).toHaveLength(1);
}

async function rulesAt(file: string, code: string): Promise<(string | null)[]> {
  return (await lint(file, code)).map((f) => f.ruleId);
}

describe('apps import packages, never each other', () => {
  it('flags an app importing another app by path', async () => {
    const findings = await lint('apps/web/src/lib/fixture.ts', "export { buildSchema } from '../../../api/src/modules/index.ts';\n");
    expectFinding(findings, 'apps never import each other');
  });

  it('flags an app importing another app by package name', async () => {
    const findings = await lint('apps/worker/src/fixture.ts', "import { readEnv } from '@probity/api';\nexport const x = readEnv;\n");
    expectFinding(findings, 'nothing imports it');
  });

  it('lets an app import packages and its own files', async () => {
    const code = [
      "import { createDatabase } from '@probity/db';",
      "import { ensureDatabase } from '@probity/db/server';",
      "import { signServiceToken } from '@probity/auth';",
      "import { readEnv } from '../env.ts';",
      'export const all = [createDatabase, ensureDatabase, signServiceToken, readEnv];',
    ].join('\n');
    expect(await rulesAt('apps/api/src/server/fixture.ts', code)).toEqual([]);
  });
});

describe('no package imports an app', () => {
  it.each(['db', 'logging', 'ml'])('flags packages/%s importing an app', async (pkg) => {
    const findings = await lint(`packages/${pkg}/src/fixture.ts`, "export { env } from '../../../apps/web/src/env.ts';\n");
    expectFinding(findings, 'packages never import an app', { alone: false });
  });

  it('lets a package import a lower package', async () => {
    expect(await rulesAt('packages/db/src/fixture.ts', "export { hashPassword } from '@probity/auth';\n")).toEqual([]);
  });
});

describe('packages/ml, packages/auth and packages/risk import no database, HTTP or framework module', () => {
  const forbidden = [
    'pg',
    'pg-boss',
    '@prisma/client',
    'next',
    'next/navigation',
    'react',
    '@apollo/server',
    'graphql',
    'dataloader',
    'node:http',
    'https',
    'node:net',
    '@probity/db',
  ];
  for (const pkg of ['ml', 'auth', 'risk']) {
    it.each(forbidden)(`flags packages/${pkg} importing %s`, async (module) => {
      const findings = await lint(`packages/${pkg}/src/fixture.ts`, `import * as m from '${module}';\nexport { m };\n`);
      // (a namespace import of @probity/db also trips the Prisma rule: it would bring the Prisma export along)
      expectFinding(findings, /stay pure|Prisma client/, { alone: false });
    });
  }

  it('lets them use files, maths and their own dependencies', async () => {
    const code = "import { readFile } from 'node:fs/promises';\nimport * as tf from '@tensorflow/tfjs';\nexport { readFile, tf };\n";
    expect(await rulesAt('packages/ml/src/fixture.ts', code)).toEqual([]);
    expect(await rulesAt('packages/auth/src/fixture.ts', "export { randomBytes } from 'node:crypto';\n")).toEqual([]);
  });

  it('keeps the same modules open to the apps', async () => {
    expect(
      await rulesAt(
        'apps/api/src/fixture.ts',
        "import pg from 'pg';\nimport { createServer } from 'node:http';\nexport { pg, createServer };\n",
      ),
    ).toEqual([]);
  });
});

describe('only src/env.ts of an app reads process.env', () => {
  it('flags process.env anywhere else in an app, however it is reached', async () => {
    const code = [
      'export const a = process.env.PORT;',
      'const { env } = process;',
      "export const b = env['PORT'];",
      "import { env as processEnv } from 'node:process';",
      'export const c = processEnv;',
    ].join('\n');
    const findings = await lint('apps/web/src/lib/fixture.ts', code);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['no-restricted-properties', 1],
      ['no-restricted-properties', 2],
      ['no-restricted-imports', 4],
    ]);
  });

  it.each(['apps/web/src/lib', 'apps/api/test', 'apps/api/bench', 'apps/worker/src/jobs'])('flags it in %s', async (dir) => {
    expect(await rulesAt(`${dir}/fixture.ts`, 'export const port = process.env.PORT;\n')).toEqual(['no-restricted-properties']);
  });

  it('allows it in src/env.ts of each app', async () => {
    for (const app of ['web', 'api', 'worker']) {
      expect(await rulesAt(`apps/${app}/src/env.ts`, 'export const port = process.env.PORT;\n')).toEqual([]);
    }
  });

  it('flags it in library code and allows it in a package env.ts, the launcher and e2e env modules', async () => {
    expect(await rulesAt('packages/db/src/repositories/fixture.ts', 'export const url = process.env.DATABASE_URL;\n')).toEqual([
      'no-restricted-properties',
    ]);
    expect(await rulesAt('scripts/start/main-fixture.ts', 'export const url = process.env.DATABASE_URL;\n')).toEqual([
      'no-restricted-properties',
    ]);
    for (const file of ['packages/ml/src/backend/env.ts', 'packages/db/src/testing/env.ts', 'scripts/start/env.ts', 'e2e/support/env.ts']) {
      expect(await rulesAt(file, 'export const url = process.env.DATABASE_URL;\n')).toEqual([]);
    }
  });
});

describe('nothing outside packages/db touches the Prisma client', () => {
  it.each([
    'apps/api/src/fixture.ts',
    'apps/web/src/fixture.ts',
    'packages/ml/src/fixture.ts',
    'e2e/support/fixture.ts',
    'scripts/start/fixture.ts',
  ])('flags @prisma/client and the generated client in %s', async (file) => {
    const code = [
      "import { PrismaClient } from '@prisma/client';",
      `import type { Prisma } from '${'../'.repeat(file.split('/').length - 1)}packages/db/src/generated/prisma/client.ts';`,
      'export type Both = [PrismaClient, Prisma.Decimal];',
    ].join('\n');
    const findings = await lint(file, code);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      [BOUNDARIES, 1],
      [BOUNDARIES, 2],
    ]);
    expect(findings.every((f) => f.message.includes('only packages/db touches the Prisma client'))).toBe(true);
  });

  it('flags the client leaking through @probity/db: a Prisma import or a .prisma property', async () => {
    const code = [
      "import { createDatabase, Prisma } from '@probity/db';",
      "const db = createDatabase({ connectionString: 'postgresql://x' });",
      'export const ping = () => db.prisma.$queryRaw`SELECT 1`;',
      'export const zero = new Prisma.Decimal(0);',
    ].join('\n');
    const findings = await lint('apps/api/src/server/fixture.ts', code);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['@typescript-eslint/no-restricted-imports', 1],
      ['no-restricted-syntax', 3],
    ]);
  });

  it('lets packages/db use its client', async () => {
    const code =
      "import { PrismaClient } from './generated/prisma/client.ts';\nimport { PrismaPg } from '@prisma/adapter-pg';\nexport const make = (a: PrismaPg) => new PrismaClient({ adapter: a });\nexport const p = (db: { prisma: unknown }) => db.prisma;\n";
    expect(await rulesAt('packages/db/src/fixture.ts', code)).toEqual([]);
  });
});
