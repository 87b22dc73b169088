// One ESLint configuration for the whole repository; its pieces live in tooling/eslint.
import { probity } from '@probity/eslint-config';

export default probity(import.meta.dirname);
