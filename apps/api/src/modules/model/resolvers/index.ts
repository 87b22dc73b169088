import type { Resolvers } from '../../../generated/resolvers-types.ts';
import { connectionResolvers } from '../../common/connection.ts';
import { modelMutations } from './mutation.ts';
import { modelQueries } from './query.ts';
import { modelTypes } from './types.ts';

export const modelResolvers: Resolvers = {
  Query: modelQueries,
  Mutation: modelMutations,
  DatasetConnection: connectionResolvers,
  ModelConnection: connectionResolvers,
  ...modelTypes,
};
