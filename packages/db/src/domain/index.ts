export * from './values.ts';
export type * from './entities.ts';
export type * from './portfolio-figures.ts';
export type * from './features.ts';
export { FEATURE_LEVELS } from './features.ts';
export type * from './models.ts';
