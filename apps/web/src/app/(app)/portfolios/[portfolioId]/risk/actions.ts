'use server';
// The risk page's forms: run a simulation, save or delete a stress scenario, set or delete a limit. Each sends one
// GraphQL mutation; the API checks everything and names the field at fault.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { callFromAction } from '../../../../../api/load.ts';
import {
  CREATE_STRESS_SCENARIO,
  DELETE_RISK_LIMIT,
  DELETE_STRESS_SCENARIO,
  RUN_SIMULATION,
  SET_RISK_LIMIT,
  UPDATE_STRESS_SCENARIO,
} from '../../../../../api/documents/risk.ts';
import { fieldFromApi, fieldMessage, formSnapshot, formText, type FormState } from '../../../../../lib/form-state.ts';
import { formVersion, isStaleVersion } from '../../../../../lib/stale-version.ts';

const SEGMENTS = ['RETAIL', 'SME', 'CORPORATE'] as const;

type Parsed = { ok: true; values: Record<string, number | null> } | { ok: false; errors: Record<string, string> };

/** Optional numbers: empty is null; anything else must be a number. */
function numbers(formData: FormData, names: string[]): Parsed {
  const values: Record<string, number | null> = {};
  const errors: Record<string, string> = {};
  for (const name of names) {
    const text = formText(formData, name).trim();
    if (text === '') values[name] = null;
    else if (Number.isFinite(Number(text))) values[name] = Number(text);
    else errors[name] = 'Must be a number';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}

function apiError(result: { message: string; field?: string }, values: Record<string, string>, fieldOf = fieldFromApi): FormState {
  const field = fieldOf(result.field);
  return {
    status: 'error',
    message: field ? `${result.message}` : result.message,
    fieldErrors: field ? { [field]: fieldMessage(result.message, result.field) } : {},
    values,
  };
}

export async function runSimulationAction(portfolioId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const values = formSnapshot(formData);
  const parsed = numbers(formData, ['flatPd', 'pdRETAIL', 'pdSME', 'pdCORPORATE', 'targetRelativeError', 'seed']);
  if (!parsed.ok) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors: parsed.errors, values };
  const v = parsed.values;
  const bySegment = SEGMENTS.flatMap((segment) => (v[`pd${segment}`] == null ? [] : [{ key: segment, pd: v[`pd${segment}`]! }]));
  const scenarioId = formText(formData, 'scenarioId') || null;
  const asOf = formText(formData, 'asOf') || null;
  const result = await callFromAction(RUN_SIMULATION, {
    input: {
      portfolioId,
      asOf,
      scenarioId,
      pd: { flat: v.flatPd ?? null, bySegment },
      targetRelativeError: v.targetRelativeError ?? null,
      seed: v.seed ?? null,
    },
  });
  if (!result.ok) {
    // pd.bySegment[1].pd -> the segment's own input
    return apiError(result, values, (field) => {
      const segment = /^pd\.bySegment\[(\d+)\]/.exec(field ?? '');
      if (segment) return `pd${bySegment[Number(segment[1])]?.key ?? ''}`;
      if (field === 'pd.flat') return 'flatPd';
      return field?.startsWith('input.') ? fieldFromApi(field) : undefined;
    });
  }
  revalidatePath(`/portfolios/${portfolioId}/risk`);
  redirect(`/portfolios/${portfolioId}/risk?run=${result.data.runPortfolioSimulation.id}`);
}

export async function saveScenarioAction(
  context: { portfolioId: string; scenarioId: string | null; sectors: string[] },
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = formSnapshot(formData);
  const shockNames = context.sectors.map((_, i) => `shock${i}`);
  const parsed = numbers(formData, [...shockNames, 'pdAll', ...SEGMENTS.map((s) => `pd${s}`), 'lgdAll']);
  if (!parsed.ok) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors: parsed.errors, values };
  const v = parsed.values;
  const input = {
    name: formText(formData, 'name'),
    description: formText(formData, 'description') || null,
    propagate: formData.get('propagate') === 'on',
    factorShocks: context.sectors.flatMap((sector, i) => (v[`shock${i}`] == null ? [] : [{ key: sector, value: v[`shock${i}`]! }])),
    pdMultipliers: {
      all: v.pdAll ?? null,
      bySegment: SEGMENTS.flatMap((segment) => (v[`pd${segment}`] == null ? [] : [{ key: segment, value: v[`pd${segment}`]! }])),
    },
    lgdAddOns: { all: v.lgdAll ?? null },
  };
  const expectedVersion = formVersion(formData);
  const result = context.scenarioId
    ? await callFromAction(UPDATE_STRESS_SCENARIO, { id: context.scenarioId, input, expectedVersion })
    : await callFromAction(CREATE_STRESS_SCENARIO, { input });
  if (!result.ok) {
    if (context.scenarioId && isStaleVersion(result)) {
      // Saved by someone else after this editor opened: show the stored scenario, and say nothing was saved.
      revalidatePath(`/portfolios/${context.portfolioId}/risk`);
      redirect(`/portfolios/${context.portfolioId}/risk?scenario=${context.scenarioId}&stale=${expectedVersion}#scenarios`);
    }
    return apiError(result, values, (field) => {
      if (!field) return undefined;
      const shock = /factorShocks\.(.+)$/.exec(field);
      if (shock) return `shock${context.sectors.indexOf(shock[1]!)}`;
      if (/pdMultipliers\.all/.test(field)) return 'pdAll';
      if (/lgdAddOns\.all/.test(field)) return 'lgdAll';
      if (field === 'name' || field.endsWith('.name')) return 'name';
      return undefined;
    });
  }
  const id = 'createStressScenario' in result.data ? result.data.createStressScenario.id : result.data.updateStressScenario.id;
  revalidatePath(`/portfolios/${context.portfolioId}/risk`);
  redirect(`/portfolios/${context.portfolioId}/risk?scenario=${id}#scenarios`);
}

export async function setLimitAction(
  context: { portfolioId: string; limitId: string | null },
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const { portfolioId, limitId } = context;
  const values = formSnapshot(formData);
  const kind = formText(formData, 'kind') === 'SECTOR' ? 'SECTOR' : 'SINGLE_NAME';
  const key = formText(formData, 'key');
  const maxShare = formText(formData, 'maxShare').trim() || null;
  const maxEad = formText(formData, 'maxEad').trim() || null;
  const expectedVersion = formVersion(formData);
  const result = await callFromAction(SET_RISK_LIMIT, { input: { kind, key, maxShare, maxEad }, expectedVersion });
  if (!result.ok) {
    if (isStaleVersion(result)) {
      // Changed, created or deleted by someone else since this form showed it: nothing was saved, and the
      // page shows what is stored now (no values kept, so an edited limit's form shows its stored amounts).
      revalidatePath(`/portfolios/${portfolioId}/risk`);
      if (limitId) {
        const message = result.message.includes('was deleted')
          ? `This limit was deleted after you opened version ${expectedVersion}. Nothing was saved: set it again as a new limit if you still mean to.`
          : `Someone changed this limit after you opened version ${expectedVersion}. Nothing was saved: the form shows the stored limit; apply your change again.`;
        return { status: 'error', message, fieldErrors: {}, values: {} };
      }
      const message = `A ${kind === 'SECTOR' ? 'sector' : 'single-name'} limit for "${key.trim()}" exists already. Nothing was saved: edit it in the table.`;
      return { status: 'error', message, fieldErrors: { key: 'This limit exists already' }, values };
    }
    return apiError(result, values);
  }
  revalidatePath(`/portfolios/${portfolioId}/risk`);
  return { status: 'success', message: 'Limit saved. It applies to the next simulation.', fieldErrors: {}, values: {} };
}

export interface DeleteState {
  error?: string;
}

export async function deleteScenarioAction(
  context: { portfolioId: string; scenarioId: string; runId: string | null; version: number },
  _previous: DeleteState,
  _formData: FormData,
): Promise<DeleteState> {
  const { portfolioId, scenarioId, runId, version } = context;
  const result = await callFromAction(DELETE_STRESS_SCENARIO, { id: scenarioId, expectedVersion: version });
  if (!result.ok) {
    if (isStaleVersion(result)) {
      // Saved by someone else since the page showed it: show what would be deleted, and delete nothing.
      revalidatePath(`/portfolios/${portfolioId}/risk`);
      redirect(`/portfolios/${portfolioId}/risk?scenario=${scenarioId}&stale=${version}&refused=delete#scenarios`);
    }
    return { error: result.message };
  }
  revalidatePath(`/portfolios/${portfolioId}/risk`);
  // The editor showed the deleted scenario; leave it for a new one.
  redirect(`/portfolios/${portfolioId}/risk${runId ? `?run=${runId}` : ''}#scenarios`);
}

export async function deleteLimitAction(
  context: { portfolioId: string; limitId: string; version: number },
  _previous: DeleteState,
  _formData: FormData,
): Promise<DeleteState> {
  const { portfolioId, limitId, version } = context;
  const result = await callFromAction(DELETE_RISK_LIMIT, { id: limitId, expectedVersion: version });
  revalidatePath(`/portfolios/${portfolioId}/risk`);
  if (!result.ok) {
    if (isStaleVersion(result)) {
      return {
        error:
          'Someone changed this limit after the page showed it. Nothing was deleted: the row shows it now; confirm again if you still mean to.',
      };
    }
    return { error: result.message };
  }
  return {};
}
