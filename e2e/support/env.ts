// The only e2e module that reads the environment: what the global setup started, handed to the tests
// through environment variables (Playwright passes globalSetup's process.env to its workers).

export interface E2eStack {
  baseUrl: string;
  apiUrl: string;
  /** A first-organization (Demo Bank) portfolio, obligor and exposure, for cross-tenant checks. */
  demoPortfolioId: string;
  demoObligorId: string;
  demoExposureId: string;
  /** The Demo Bank's retail cards, scored by a small model through the real worker (setup/scored-portfolio.ts). */
  retailPortfolioId: string;
  /** The second organization's sign-in. */
  otherOrgEmail: string;
  otherOrgPassword: string;
  otherOrgName: string;
  otherOrgPortfolioName: string;
  /** The test database (owner role): for specs that prepare data no API creates, such as a model version. */
  databaseUrl: string;
  /** An obligor of the what-if organization (WHAT_IF_ORG), scored twice by a small real model. */
  whatIfObligorId: string;
}

export const STACK_ENV = 'PROBITY_E2E_STACK';

export function stack(): E2eStack {
  const raw = process.env[STACK_ENV];
  if (!raw) throw new Error(`${STACK_ENV} is not set: run the tests with \`npm test -w @probity/e2e\` so the global setup starts the apps`);
  return JSON.parse(raw) as E2eStack;
}

export function publishStack(value: E2eStack): void {
  process.env[STACK_ENV] = JSON.stringify(value);
}

/** Extra diagnostics from the child processes when PROBITY_E2E_VERBOSE=1. */
export const verbose = process.env.PROBITY_E2E_VERBOSE === '1';

/** Where the screenshot tour writes its images, when set. */
export const screenshotDir = process.env.PROBITY_E2E_SCREENSHOTS;

/** The environment the apps inherit (PATH, HOME, locale), without any DATABASE_URL or secrets of the caller's. */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER'];
  return Object.fromEntries(keep.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]]));
}
