// The executable schema: each module contributes its SDL (schema.graphql) and resolvers.
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { commonResolvers } from './common/resolvers.ts';
import { identityResolvers } from './identity/resolvers.ts';
import { portfolioResolvers } from './portfolio/resolvers/index.ts';
import { snapshotResolvers } from './snapshot/resolvers.ts';
import { apiKeyResolvers } from './api-key/resolvers.ts';
import { auditResolvers } from './audit/resolvers.ts';
import { modelResolvers } from './model/resolvers/index.ts';
import { featureResolvers } from './feature/resolvers.ts';
import { scoringResolvers } from './scoring/resolvers.ts';
import { riskResolvers } from './risk/resolvers.ts';
import { monitoringResolvers } from './monitoring/resolvers.ts';
import { whatIfResolvers } from './what-if/resolvers.ts';
import { typeDefs } from './type-defs.ts';

const resolvers: Resolvers[] = [
  commonResolvers,
  identityResolvers,
  portfolioResolvers,
  snapshotResolvers,
  apiKeyResolvers,
  auditResolvers,
  modelResolvers,
  featureResolvers,
  scoringResolvers,
  riskResolvers,
  monitoringResolvers,
  whatIfResolvers,
];

export function buildSchema() {
  return makeExecutableSchema({ typeDefs, resolvers: resolvers as never[] });
}
