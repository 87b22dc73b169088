export * from './values.ts';
export type * from './entities.ts';
export type * from './portfolio-figures.ts';
export type * from './features.ts';
export { FEATURE_LEVELS } from './features.ts';
export type * from './models.ts';
export type * from './scoring.ts';
export * from './risk.ts';
export type * from './risk-result.ts';
