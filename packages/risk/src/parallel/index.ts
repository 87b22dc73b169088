/** `@probity/risk/parallel`: the Monte Carlo on worker threads (Node.js only). */
export { runSimulationParallel, type ParallelRunOptions } from './run-parallel.ts';
export { SimulationPool } from './pool.ts';
