// Turns the exposure edit form into an UpdateExposureInput holding only what changed. Formats are
// checked here (is it a number, a date); business rules (LGD within 0..1, amounts not negative) are
// the API's, and its field errors are shown next to the same inputs.
import { TEXT_LIMITS } from '@probity/db/limits';
import { EXPOSURE_STATUSES } from '../api/documents/common.ts';
import type { ExposureDetail, UpdateExposureInput } from '../api/documents/exposures.ts';

export const EXPOSURE_FORM_FIELDS = ['product', 'ead', 'limit', 'lgd', 'collateralValue', 'daysPastDue', 'status', 'maturityDate'] as const;
export type ExposureFormField = (typeof EXPOSURE_FORM_FIELDS)[number];

const DECIMAL = /^-?\d{1,18}(\.\d{1,10})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type EditResult = { ok: true; input: UpdateExposureInput } | { ok: false; fieldErrors: Partial<Record<ExposureFormField, string>> };

/** "1,250,000.50" or "1 250 000.50" -> "1250000.50"; undefined when it is not a plain decimal. */
export function parseDecimal(raw: string): string | undefined {
  const cleaned = raw.trim().replace(/[\s,_]/g, '');
  return DECIMAL.test(cleaned) ? cleaned : undefined;
}

function sameDecimal(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Number(a) === Number(b);
}

function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The form's text for each field of a stored exposure (what the form shows when it opens). */
export function exposureFormValues(exposure: ExposureDetail): Record<ExposureFormField, string> {
  const text = (value: string | number | null) => (value === null ? '' : String(value));
  return Object.fromEntries(EXPOSURE_FORM_FIELDS.map((field) => [field, text(exposure[field])])) as Record<ExposureFormField, string>;
}

export function exposureChanges(current: ExposureDetail, values: Record<string, string>): EditResult {
  const fieldErrors: Partial<Record<ExposureFormField, string>> = {};
  const input: UpdateExposureInput = {};

  const product = (values.product ?? '').trim();
  if (!product) fieldErrors.product = 'Enter a product.';
  else if (product.length > TEXT_LIMITS.exposureProduct) fieldErrors.product = `Use at most ${TEXT_LIMITS.exposureProduct} characters.`;
  else if (product !== current.product) input.product = product;

  for (const field of ['ead', 'limit', 'lgd'] as const) {
    const raw = (values[field] ?? '').trim();
    const parsed = parseDecimal(raw);
    if (!raw) fieldErrors[field] = 'Enter a value.';
    else if (parsed === undefined) fieldErrors[field] = 'Enter a number, e.g. 1250000.00.';
    else if (!sameDecimal(parsed, current[field])) input[field] = parsed;
  }

  const collateralRaw = (values.collateralValue ?? '').trim();
  const collateral = collateralRaw ? parseDecimal(collateralRaw) : null;
  if (collateral === undefined) fieldErrors.collateralValue = 'Enter a number, or leave empty for none.';
  else if (!sameDecimal(collateral, current.collateralValue)) input.collateralValue = collateral;

  const dpdRaw = (values.daysPastDue ?? '').trim();
  const dpd = Number(dpdRaw);
  if (!dpdRaw || !Number.isInteger(dpd)) fieldErrors.daysPastDue = 'Enter a whole number of days.';
  else if (dpd !== current.daysPastDue) input.daysPastDue = dpd;

  const status = EXPOSURE_STATUSES.find((candidate) => candidate === values.status);
  if (!status) fieldErrors.status = 'Choose a status.';
  else if (status !== current.status) input.status = status;

  const maturityRaw = (values.maturityDate ?? '').trim();
  if (maturityRaw && !isValidDate(maturityRaw)) fieldErrors.maturityDate = 'Enter a date as YYYY-MM-DD.';
  else if ((maturityRaw || null) !== current.maturityDate) input.maturityDate = maturityRaw || null;

  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, input };
}
