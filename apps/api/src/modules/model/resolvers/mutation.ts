import {
  cancelTrainingJob,
  createModel,
  getDataset,
  InputError,
  requestTraining,
  setTrainingQueueJob,
  transitionModelVersion,
  updateMasterScale,
  type JsonValue,
  type VersionAction,
} from '@probity/db';
import { trainingOptionsSchema } from '@probity/jobs';
import { MODEL_KINDS } from '@probity/ml';
import type { ModelVersionAction, MutationResolvers } from '../../../generated/resolvers-types.ts';

const ACTIONS: Record<ModelVersionAction, VersionAction> = {
  VALIDATE: 'validate',
  APPROVE: 'approve',
  REJECT: 'reject',
  PROMOTE: 'promote',
  RETIRE: 'retire',
};

function checkedOptions(options: unknown): JsonValue {
  const parsed = trainingOptionsSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new InputError(`options${issue.path.length ? `.${issue.path.join('.')}` : ''}`, issue.message);
}

export const modelMutations: MutationResolvers = {
  createModel: (_root, { input }, ctx) => createModel(ctx.db, ctx.authorize('model:train'), input),
  trainModel: async (_root, { input }, ctx) => {
    const scope = ctx.authorize('model:train');
    if (!(MODEL_KINDS as readonly string[]).includes(input.kind)) throw new InputError('kind', `must be one of ${MODEL_KINDS.join(', ')}`);
    const options = checkedOptions(input.options);
    if (!input.modelId === !input.newModel) throw new InputError('modelId', 'give either modelId or newModel');
    const dataset = await getDataset(ctx.db, scope, input.datasetId).catch(() => {
      throw new InputError('datasetId', 'no such dataset');
    });
    const target = input.target ?? dataset.targetColumn;
    if (!target) throw new InputError('target', 'the dataset has no recognised default flag: name the target column');
    const modelId = input.modelId ?? (await createModel(ctx.db, scope, input.newModel!)).id;
    const job = await requestTraining(ctx.db, scope, { modelId, datasetId: dataset.id, kind: input.kind, target, options });
    const queueJobId = await ctx.jobs.enqueue('train-model', {
      trainingJobId: job.id,
      organizationId: scope.organizationId,
      kind: input.kind,
    });
    if (queueJobId) await setTrainingQueueJob(ctx.db, scope, job.id, queueJobId);
    return { ...job, queueJobId };
  },
  cancelTrainingJob: (_root, { id }, ctx) => cancelTrainingJob(ctx.db, ctx.authorize('model:train'), id),
  transitionModelVersion: (_root, { id, action, comment }, ctx) =>
    transitionModelVersion(ctx.db, ctx.authorize('model:govern'), id, ACTIONS[action], comment),
  updateMasterScale: (_root, { grades, comment, expectedVersion }, ctx) =>
    updateMasterScale(ctx.db, ctx.authorize('model:govern'), grades, comment, expectedVersion),
};
