export { selectBackend, selectBackendWith, backendNames, type BackendChoice, type BackendName, type BackendLoader } from './select.ts';
export { backendPreference } from './env.ts';
