export * from './models.ts';
export * from './governance.ts';
export * from './training-jobs.ts';
export * from './master-scales.ts';
export { requiredComment } from './identity.ts';
export * from './workers.ts';
export * from './demo-actors.ts';
