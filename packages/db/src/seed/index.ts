export { seedDemo, RETAIL_PORTFOLIO, CORPORATE_PORTFOLIO, type SeedSummary } from './seed-demo.ts';
export { DEMO_ACCOUNTS, DEMO_ORGANIZATION, type DemoAccount } from './demo-accounts.ts';
export { ensureOrganization, ensureUser, ensureMembership, ensurePortfolio } from './tenants.ts';
export { loadPortfolio, type ObligorRow, type ExposureRow } from './bulk-load.ts';
export { loadSyntheticPortfolio, type SyntheticLoad } from './synthetic-load.ts';
export { syntheticRows, syntheticObligors, syntheticExposures, type SyntheticRow } from './synthetic-portfolio.ts';
export { type TimedStep } from './timed-steps.ts';
