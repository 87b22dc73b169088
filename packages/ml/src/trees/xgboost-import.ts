/**
 * Reads a binary-logistic XGBoost model in XGBoost's own JSON format (Booster.save_model) into
 * Probity's tree arrays, so XGBoost's margins and pred_contribs can be checked against our
 * evaluator and TreeSHAP. Only numerical splits; XGBoost compares float32 values with float32
 * thresholds, so thresholds are rounded to float32 here.
 */
import type { TreeArrays } from './types.ts';

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  sum_hessian: number[];
  split_type?: number[];
}

export interface ImportedXgboost {
  trees: TreeArrays[];
  baseScore: number;
  features: number;
}

export function treesFromXgboost(json: unknown): ImportedXgboost {
  const learner = (json as { learner?: Record<string, unknown> }).learner;
  if (!learner) throw new Error('not an XGBoost JSON model: no "learner"');
  const param = learner.learner_model_param as { base_score: string; num_feature: string };
  const objective = (learner.objective as { name?: string } | undefined)?.name;
  if (objective !== 'binary:logistic') throw new Error(`only binary:logistic models are read, got ${objective}`);
  const booster = learner.gradient_booster as { name: string; model: { trees: XgbTree[] } };
  if (booster.name !== 'gbtree') throw new Error(`only gbtree boosters are read, got ${booster.name}`);
  const p = Number(param.base_score);
  const trees = booster.model.trees.map((t, index): TreeArrays => {
    if (t.split_type?.some((s) => s !== 0)) throw new Error(`tree ${index} has categorical splits, which are not read`);
    const n = t.left_children.length;
    const leaf = (i: number) => t.left_children[i] === -1;
    return {
      feature: Array.from({ length: n }, (_, i) => (leaf(i) ? -1 : t.split_indices[i]!)),
      threshold: Array.from({ length: n }, (_, i) => (leaf(i) ? 0 : Math.fround(t.split_conditions[i]!))),
      missingLeft: Array.from({ length: n }, (_, i) => (t.default_left[i] ? 1 : 0)),
      left: [...t.left_children],
      right: [...t.right_children],
      // A leaf's value is stored in split_conditions.
      value: Array.from({ length: n }, (_, i) => (leaf(i) ? Math.fround(t.split_conditions[i]!) : 0)),
      cover: [...t.sum_hessian],
    };
  });
  return { trees, baseScore: Math.log(p / (1 - p)), features: Number(param.num_feature) };
}
