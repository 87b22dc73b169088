// Worker thread entry: registers tsx (this repository runs TypeScript sources without a build
// step) and loads the TypeScript worker. Plain JavaScript so that Node can start it as is.
import { register } from 'tsx/esm/api';

register();
await import('./simulation-worker.ts');
