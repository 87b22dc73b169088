// The API process's scorers: one parsed model file and ModelScorer per version, shared by every request
// (versions are immutable; which version a request may use is decided per request, tenant-scoped).
import { ScorerCache } from '@probity/scoring';

export const scorers = new ScorerCache();
