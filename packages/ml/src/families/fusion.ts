/**
 * The fusion family: members of other families trained on the same rows, stacked on the validation
 * rows (../fusion/select.ts says which members are kept). Explanations stay additive: each member's contributions times its weight.
 */
import type { Table } from '../data/table.ts';
import { selectStack } from '../fusion/select.ts';
import type { PipelineState } from '../pipeline/types.ts';
import type { RowSelection } from '../pipeline/row-selection.ts';
import { familyMetrics } from './metrics.ts';
import type {
  BackendInfo,
  BatchExplanation,
  CompileOptions,
  CompiledModel,
  FamilyKind,
  FamilyReports,
  FamilyStates,
  FusionState,
  MemberModel,
  ModelFamily,
  SubmittedBatch,
} from './types.ts';

/** The families a fusion can use, each with its own options type. */
export type MemberFamilies<Options extends Record<FamilyKind, unknown>> = {
  [K in FamilyKind]: ModelFamily<K, FamilyStates[K], Options[K]>;
};

export type FusionOptions<Options extends Record<FamilyKind, unknown>> = {
  /** Members to train and stack, in this order. */
  members: FamilyKind[];
} & { [K in FamilyKind]?: Options[K] };

/** Scores a member with the family of its kind (the one cast the union needs). */
function compileMember<Options extends Record<FamilyKind, unknown>>(
  families: MemberFamilies<Options>,
  member: MemberModel,
  pipeline: PipelineState,
  options?: CompileOptions,
): CompiledModel {
  const family = families[member.kind] as unknown as ModelFamily<FamilyKind, MemberModel['state'], unknown>;
  return family.compile(member.state, pipeline, options);
}

function compileFusion<Options extends Record<FamilyKind, unknown>>(
  families: MemberFamilies<Options>,
  state: FusionState,
  pipeline: PipelineState,
  options?: CompileOptions,
): CompiledModel<unknown[]> {
  const members = state.members.map((m) => ({
    weight: m.weight,
    kind: m.model.kind,
    compiled: compileMember(families, m.model, pipeline, options),
  }));
  const fuse = (logits: Float64Array[], n: number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = state.intercept;
      members.forEach((m, j) => (z += m.weight * logits[j]![i]!));
      out[i] = z;
    }
    return out;
  };
  const size = (batches: unknown[]) => members[0]!.compiled.size(batches[0]);
  return {
    kind: 'fusion',
    encode: (table: Table, rows?: RowSelection) => members.map((m) => m.compiled.encode(table, rows)),
    size,
    logits(batches) {
      const parts: Partial<Record<FamilyKind, Float64Array>> = {};
      const logits = members.map((m, j) => {
        const raw = m.compiled.logits(batches[j]).raw;
        parts[m.kind] = raw;
        return raw;
      });
      return { raw: fuse(logits, size(batches)), parts };
    },
    explain(batches, options) {
      return stack(members.map((m, j) => m.compiled.explain(batches[j], options)));
    },
    async submit(batches, options) {
      // Members with worker threads run there; the others (cheap) here, meanwhile.
      const submitted = await Promise.all(
        members.map(async (m, j): Promise<SubmittedBatch> => {
          if (m.compiled.submit) return m.compiled.submit(batches[j], options);
          const { raw, parts } = m.compiled.logits(batches[j]);
          return { raw, parts, explanation: options.explain ? m.compiled.explain(batches[j], options) : null };
        }),
      );
      const parts: Partial<Record<FamilyKind, Float64Array>> = {};
      members.forEach((m, j) => (parts[m.kind] = submitted[j]!.raw));
      return {
        raw: fuse(
          submitted.map((s) => s.raw),
          size(batches),
        ),
        parts,
        explanation: options.explain ? stack(submitted.map((s) => s.explanation!)) : null,
      };
    },
    async close() {
      await Promise.all(members.map((m) => m.compiled.close?.() ?? Promise.resolve()));
    },
  };

  /** The members' explanations combined with the stacking weights. */
  function stack(explained: BatchExplanation[]): BatchExplanation {
    const n = explained[0]!.raw.length;
    const k = pipeline.units.length;
    const contributions = new Float64Array(n * k);
    for (let c = 0; c < n * k; c++) {
      let sum = 0;
      members.forEach((m, j) => (sum += m.weight * explained[j]!.contributions[c]!));
      contributions[c] = sum;
    }
    let baseline = state.intercept;
    members.forEach((m, j) => (baseline += m.weight * explained[j]!.baseline));
    const methods = Array.from({ length: n }, (_, i) => `stacking weights applied to ${explained.map((e) => e.methods[i]).join(' and ')}`);
    return {
      contributions,
      raw: fuse(
        explained.map((e) => e.raw),
        n,
      ),
      baseline,
      baselineDescription: [...new Set(explained.map((e) => e.baselineDescription))].join('; '),
      methods,
    };
  }
}

export function createFusionFamily<Options extends Record<FamilyKind, unknown>>(
  families: MemberFamilies<Options>,
  stateSchema: ModelFamily<'fusion', FusionState, FusionOptions<Options>>['stateSchema'],
): ModelFamily<'fusion', FusionState, FusionOptions<Options>> {
  return {
    kind: 'fusion',
    title: 'fusion (stacking)',
    selfCalibrated: true,
    stateSchema,

    check(state, pipeline) {
      if (state.members.length === 0) return { path: 'members', message: 'a fusion needs at least one member' };
      for (const [i, member] of state.members.entries()) {
        const family = families[member.model.kind] as unknown as ModelFamily<FamilyKind, MemberModel['state'], unknown>;
        const problem = family.check(member.model.state, pipeline);
        if (problem) return { path: `members[${i}].model.state${problem.path ? `.${problem.path}` : ''}`, message: problem.message };
      }
      return null;
    },

    async fit(context, options) {
      const fitted: {
        kind: FamilyKind;
        model: MemberModel;
        validationLogits: Float64Array;
        refitOnValidation: boolean;
        backend: BackendInfo;
      }[] = [];
      let reports: FamilyReports = {};
      for (const kind of options.members) {
        const family = families[kind] as unknown as ModelFamily<FamilyKind, MemberModel['state'], unknown>;
        const result = await family.fit(context, options[kind] ?? {});
        fitted.push({
          kind,
          model: { kind, state: result.state } as MemberModel,
          validationLogits: result.validationLogits,
          refitOnValidation: result.refitOnValidation === true,
          backend: result.backend,
        });
        reports = { ...reports, ...result.reports };
      }
      context.stage('stacking the members');
      context.signal?.throwIfAborted();
      const selection = selectStack(
        fitted.map((f) => f.validationLogits),
        context.validation.labels,
      );
      const chosen = selection.chosen;
      const names = (members: number[]) => members.map((j) => fitted[j]!.kind).join(', ');
      const dropped = fitted
        .map((f, j) => ({ f, j }))
        .filter(({ j }) => !chosen.members.includes(j))
        .map(({ f, j }) => {
          const step = selection.dropped.find((d) => d.member === j);
          const reason = step
            ? `weight 0: stacked with ${names(step.with)} its weight would be ${step.weight.toFixed(3)} (a member may only add)`
            : `weight 0: the stacking of the other members gives negative weights; ${names(chosen.members)} alone has the lowest held-out log loss (${chosen.crossValidatedLogLoss.toFixed(5)})`;
          return { kind: f.kind, reason };
        });
      const state: FusionState = {
        intercept: chosen.fit.intercept,
        members: chosen.members.map((j, i) => ({ weight: chosen.fit.weights[i]!, model: fitted[j]!.model })),
        dropped,
      };
      context.log(
        `fusion weights: ${state.members.map((m) => `${m.model.kind} ${m.weight.toFixed(4)}`).join(', ')}, intercept ${state.intercept.toFixed(4)}${dropped.map((d) => `; ${d.kind} ${d.reason}`).join('')}`,
      );
      for (const d of dropped) context.note(`fusion: ${d.kind} left out, ${d.reason}`);
      // Fused validation log-odds from the members' held-out ones: a member refit on the validation
      // rows (the trees) would be in-sample there.
      const heldOut = new Float64Array(context.validation.rows.length).fill(state.intercept);
      chosen.members.forEach((j, i) => {
        const w = chosen.fit.weights[i]!;
        const z = fitted[j]!.validationLogits;
        for (let r = 0; r < heldOut.length; r++) heldOut[r]! += w * z[r]!;
      });
      const metrics = familyMetrics(compileFusion(families, state, context.pipeline), context, heldOut);
      // The deep member names the backend (as before fusions had trees); otherwise the first member's.
      const lead = fitted.find((f) => f.kind === 'deep') ?? fitted[0]!;
      return {
        state,
        validationLogits: metrics.validationLogits,
        refitOnValidation: chosen.members.some((j) => fitted[j]!.refitOnValidation),
        memberValidationLogits: Object.fromEntries(fitted.map((f) => [f.kind, f.validationLogits])),
        backend: { name: lead.backend.name, detail: fitted.map((f) => `${f.kind}: ${f.backend.detail}`).join('; ') },
        reports: {
          ...reports,
          fusion: {
            intercept: state.intercept,
            weights: Object.fromEntries([
              ...dropped.map((d): [FamilyKind, number] => [d.kind, 0]),
              ...state.members.map((m): [FamilyKind, number] => [m.model.kind, m.weight]),
            ]),
            dropped: state.dropped,
            candidates: selection.trials.map((t) => ({
              members: t.members.map((j) => fitted[j]!.kind),
              weights: t.fit.weights,
              intercept: t.fit.intercept,
              crossValidatedLogLoss: t.crossValidatedLogLoss,
              admissible: t.admissible,
            })),
            tolerance: selection.tolerance,
            bestKeptSingle: {
              member: fitted[selection.bestSingle.members[0]!]!.kind,
              crossValidatedLogLoss: selection.bestSingle.crossValidatedLogLoss,
              margin: selection.singleMargin,
            },
            validation: metrics.validation,
            test: metrics.test,
          },
        },
      };
    },

    compile: (state, pipeline, options) => compileFusion(families, state, pipeline, options),

    describe(state) {
      const members = state.members.map((m) => `${m.model.kind} x ${m.weight.toFixed(3)}`).join(' + ');
      const dropped = state.dropped.length > 0 ? `; left out: ${state.dropped.map((d) => `${d.kind} (${d.reason})`).join(', ')}` : '';
      return `fusion: ${state.intercept.toFixed(3)} + ${members}${dropped}`;
    },
  };
}
