/**
 * `--model auto`: every family is trained as a member of a fusion. Stacked on out-of-fold log-odds
 * (../fusion/out-of-fold.ts), auto keeps the simplest candidate (logistic, then the other single
 * members, then the fusion) whose nested held-out log loss over every development row is within two
 * standard errors (SIMPLER_MARGIN) of the lowest (or the fusion when a validation-row member such as
 * the deep network joined it): a more complex model must win by a significant margin. Stacked on the
 * validation rows alone (older path: large or augmented data), it keeps the fusion when it keeps two
 * or more members: on a validation slice a pick by loss was the noisier choice, by up to 0.07 test
 * AUC on 1,000 Polish rows. Either way it says which won, by how much and why.
 */
import { familyMetrics } from '../families/metrics.ts';
import { compileModel } from '../families/registry.ts';
import type { FamilyKind, FitContext, FitResult, FusionCandidate, FusionState, ModelKind } from '../families/types.ts';
import { SIMPLER_MARGIN } from '../fusion/out-of-fold.ts';

export interface AutoChoice {
  chosen: ModelKind;
  reason: string;
  /** Held-out (5-fold on validation rows) stacking log loss of the kept model and of the runner-up. */
  logLoss: number;
  runnerUp: { model: string; logLoss: number } | null;
}

export function chooseAuto(
  fitted: FitResult<FusionState>,
  context: FitContext,
): { kind: ModelKind; fitted: FitResult<unknown>; choice: AutoChoice } {
  const report = fitted.reports.fusion!;
  const kept = fitted.state.members.map((m) => m.model.kind);
  const keptTrial = report.candidates.find((c) => c.members.join() === kept.join());
  const singles = report.candidates.filter((c) => c.members.length === 1).sort((a, b) => a.crossValidatedLogLoss - b.crossValidatedLogLoss);
  const bestSingle = singles[0]!;
  const alone = report.bestKeptSingle;
  if (report.stacking.rows === 'out-of-fold') return chooseOutOfFold(fitted, context, bestSingle);
  if (kept.length > 1 && keptTrial) {
    const by = bestSingle.crossValidatedLogLoss - keptTrial.crossValidatedLogLoss;
    return fusionChosen(
      fitted,
      bestSingle,
      keptTrial.crossValidatedLogLoss,
      by >= 0
        ? `the fusion of ${kept.join(', ')} has held-out log loss ${keptTrial.crossValidatedLogLoss.toFixed(5)}, ${by.toFixed(5)} lower than the best single model (${bestSingle.members[0]}, ${bestSingle.crossValidatedLogLoss.toFixed(5)})`
        : `the fusion of ${kept.join(', ')} has held-out log loss ${keptTrial.crossValidatedLogLoss.toFixed(5)}, ${(-by).toFixed(5)} above the best single model (${bestSingle.members[0]}, ${bestSingle.crossValidatedLogLoss.toFixed(5)}) (one standard error of the difference to ${alone.member} alone: ${alone.margin.toFixed(5)}): on validation rows this few a blend of every member with a positive weight is steadier than a pick`,
    );
  }
  const kind = kept[0]!;
  const own = singles.find((c) => c.members[0] === kind)!;
  const blends = report.candidates.filter((c) => c.members.length > 1 && c.admissible);
  const bestBlend = blends.sort((a, b) => a.crossValidatedLogLoss - b.crossValidatedLogLoss)[0];
  return singleChosen(
    fitted,
    context,
    kind,
    own.crossValidatedLogLoss,
    bestBlend
      ? `${kind} alone has held-out log loss ${own.crossValidatedLogLoss.toFixed(5)}; stacked with it, every other member gets a weight of 0 or less (best blend with positive weights ${bestBlend.members.join(', ')}: ${bestBlend.crossValidatedLogLoss.toFixed(5)})`
      : `${kind} alone has held-out log loss ${own.crossValidatedLogLoss.toFixed(5)}; no blend keeps every weight positive`,
    bestBlend ? { model: `fusion of ${bestBlend.members.join(', ')}`, logLoss: bestBlend.crossValidatedLogLoss } : null,
  );
}

type Chosen = { kind: ModelKind; fitted: FitResult<unknown>; choice: AutoChoice };

/** The fusion kept, the best single member as the runner-up. */
function fusionChosen(fitted: FitResult<FusionState>, bestSingle: FusionCandidate, logLoss: number, reason: string): Chosen {
  return {
    kind: 'fusion',
    fitted,
    choice: { chosen: 'fusion', reason, logLoss, runnerUp: { model: bestSingle.members[0]!, logLoss: bestSingle.crossValidatedLogLoss } },
  };
}

/** One member kept alone. */
function singleChosen(
  fitted: FitResult<FusionState>,
  context: FitContext,
  kind: FamilyKind,
  logLoss: number,
  reason: string,
  runnerUp: AutoChoice['runnerUp'],
): Chosen {
  return { kind, fitted: single(fitted, context, kind), choice: { chosen: kind, reason, logLoss, runnerUp } };
}

/** The fitted result of one member alone, measured on its own held-out validation log-odds. */
function single(fitted: FitResult<FusionState>, context: FitContext, kind: FamilyKind): FitResult<unknown> {
  const member = fitted.memberModels?.[kind] ?? fitted.state.members.find((m) => m.model.kind === kind)!.model;
  // The member's own held-out validation log-odds (a refit member scored there would be in-sample).
  const heldOut = fitted.memberValidationLogits?.[kind];
  const metrics = familyMetrics(compileModel(member, context.pipeline), context, heldOut);
  return {
    ...fitted,
    state: member.state,
    validationLogits: metrics.validationLogits,
    refitOnValidation: kind === 'gbdt' && fitted.reports.gbdt?.refit != null,
  };
}

function chooseOutOfFold(fitted: FitResult<FusionState>, context: FitContext, bestSingle: FusionCandidate): Chosen {
  const report = fitted.reports.fusion!;
  const { stacking, bestKeptSingle: alone } = report;
  const kept = fitted.state.members.map((m) => m.model.kind);
  const where = `held-out log loss of ${stacking.count} out-of-fold training and validation rows (${stacking.defaults} defaults)`;
  const lateMembers = stacking.validationMembers.filter((v) => v.kept);
  const late = lateMembers
    .map(
      (v) =>
        `; on the validation rows ${v.kind} lowers it further, from ${v.logLossWithout.toFixed(5)} to ${v.logLossWith.toFixed(5)} (one standard error ${v.margin.toFixed(5)})`,
    )
    .join('');
  // The out-of-fold subset the fusion kept (a validation-row member joined on top of it).
  const stacked = kept.filter((k) => !lateMembers.some((v) => v.kind === k));
  const trial = report.candidates.find((c) => c.members.join() === stacked.join());
  const fusionLoss = trial?.crossValidatedLogLoss ?? alone.crossValidatedLogLoss;
  if (stacking.fusionWins && kept.length > 1) {
    const by = bestSingle.crossValidatedLogLoss - fusionLoss;
    return fusionChosen(
      fitted,
      bestSingle,
      fusionLoss,
      (lateMembers.length === 0 || by > SIMPLER_MARGIN * alone.margin
        ? `the fusion of ${kept.join(', ')} has, on ${where}, ${fusionLoss.toFixed(5)}, ${by.toFixed(5)} lower than the best single model (${bestSingle.members[0]}, ${bestSingle.crossValidatedLogLoss.toFixed(5)}); every single model is more than ${SIMPLER_MARGIN} standard errors above the lowest (one standard error of the difference to ${alone.member}: ${alone.margin.toFixed(5)})`
        : `the fusion of ${kept.join(', ')} has, on ${where}, ${fusionLoss.toFixed(5)} (best single model ${bestSingle.members[0]}, ${bestSingle.crossValidatedLogLoss.toFixed(5)})`) +
        late,
    );
  }
  const kind = alone.member;
  const lowest = Math.min(bestSingle.crossValidatedLogLoss, ...(trial && kept.length > 1 ? [fusionLoss] : []));
  const above = alone.crossValidatedLogLoss - lowest;
  const why =
    above > 0
      ? `, ${above.toFixed(5)} above the lowest (${bestSingle.crossValidatedLogLoss <= lowest ? bestSingle.members[0] : 'the fusion'}, ${lowest.toFixed(5)}) but within ${SIMPLER_MARGIN} standard errors, so the simpler model is kept`
      : kept.length > 1
        ? `, the lowest; the fusion of ${kept.join(', ')} (${fusionLoss.toFixed(5)}) does not beat it`
        : '; stacked with it, every other member gets a weight of 0';
  return singleChosen(
    fitted,
    context,
    kind,
    alone.crossValidatedLogLoss,
    `${kind} alone has, on ${where}, ${alone.crossValidatedLogLoss.toFixed(5)}${why}`,
    trial && kept.length > 1
      ? { model: `fusion of ${kept.join(', ')}`, logLoss: fusionLoss }
      : kind !== bestSingle.members[0]
        ? { model: bestSingle.members[0]!, logLoss: bestSingle.crossValidatedLogLoss }
        : null,
  );
}
