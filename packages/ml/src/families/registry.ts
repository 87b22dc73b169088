/** Every model family by kind; the one place that dispatches on a model's kind. */
import type { PipelineState } from '../pipeline/types.ts';
import { deepFamily, type DeepFamilyOptions } from './deep.ts';
import { gbdtFamily, type GbdtOptions } from './gbdt.ts';
import { createFusionFamily, type FusionOptions } from './fusion.ts';
import { logisticFamily, type LogisticOptions } from './logistic.ts';
import { fusionStateSchema } from './state-schema.ts';
import type { CompileOptions, CompiledModel, FamilyKind, ModelFamily, ModelKind, ModelState } from './types.ts';

/** Training options of each single family. */
export interface MemberOptions {
  logistic: LogisticOptions;
  deep: DeepFamilyOptions;
  gbdt: GbdtOptions;
}

export const MEMBER_FAMILIES = { logistic: logisticFamily, deep: deepFamily, gbdt: gbdtFamily } as const;
export const fusionFamily = createFusionFamily<MemberOptions>(MEMBER_FAMILIES, fusionStateSchema);
export type FusionFamilyOptions = FusionOptions<MemberOptions>;

export const FAMILIES = { ...MEMBER_FAMILIES, fusion: fusionFamily } as const;

export const MODEL_KINDS = Object.keys(FAMILIES) as ModelKind[];
export const MEMBER_KINDS = Object.keys(MEMBER_FAMILIES) as FamilyKind[];

type AnyFamily = ModelFamily<ModelKind, ModelState['state'], unknown>;

/** The family of a model kind, untyped in its state (for code that handles any model). */
export function familyOf(kind: ModelKind): AnyFamily {
  return FAMILIES[kind];
}

export function compileModel(model: ModelState, pipeline: PipelineState, options?: CompileOptions): CompiledModel {
  return familyOf(model.kind).compile(model.state, pipeline, options);
}

export function describeModel(model: ModelState): string {
  return familyOf(model.kind).describe(model.state);
}
