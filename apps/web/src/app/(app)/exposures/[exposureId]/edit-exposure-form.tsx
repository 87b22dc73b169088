'use client';
import { TEXT_LIMITS } from '@probity/db/limits';
import { useActionState } from 'react';
import type { ExposureDetail } from '../../../../api/documents/exposures.ts';
import { EXPOSURE_STATUSES } from '../../../../api/documents/common.ts';
import { initialFormState } from '../../../../lib/form-state.ts';
import { exposureFormValues, type ExposureFormField } from '../../../../lib/exposure-edit.ts';
import { humanise } from '../../../../lib/format.ts';
import { TextField } from '../../../../components/ui/fields.tsx';
import { updateExposureAction } from './actions.ts';
import { FormMessage } from '../../../../components/ui/form-message.tsx';

export function EditExposureForm({ exposure }: { exposure: ExposureDetail }) {
  const [state, action, pending] = useActionState(updateExposureAction.bind(null, exposure.id), initialFormState);
  // After an error, show what was typed (or, after a conflict, what is stored now); otherwise the stored values.
  const stored = exposureFormValues(exposure);
  const value = (field: ExposureFormField): string => (state.status === 'error' ? (state.values[field] ?? '') : stored[field]);
  const errors = state.fieldErrors;
  return (
    <form action={action} noValidate data-testid="edit-exposure-form">
      <FormMessage state={state} />
      {/* The version this form shows: a save is refused if someone changed the exposure since. */}
      <input type="hidden" name="expectedUpdatedAt" value={exposure.updatedAt} />
      <div className="form-grid form-grid--spaced">
        <TextField
          className="span-2"
          label="Product"
          name="product"
          defaultValue={value('product')}
          error={errors.product}
          maxLength={TEXT_LIMITS.exposureProduct}
          key={`product-${state.status}-${exposure.product}`}
        />
        <TextField
          label={`EAD (${exposure.currency})`}
          name="ead"
          numeric
          inputMode="decimal"
          defaultValue={value('ead')}
          error={errors.ead}
          key={`ead-${state.status}-${exposure.ead}`}
        />
        <TextField
          label={`Limit (${exposure.currency})`}
          name="limit"
          numeric
          inputMode="decimal"
          defaultValue={value('limit')}
          error={errors.limit}
          key={`limit-${state.status}-${exposure.limit}`}
        />
        <TextField
          label="LGD"
          name="lgd"
          numeric
          inputMode="decimal"
          defaultValue={value('lgd')}
          error={errors.lgd}
          hint="Loss given default as a fraction, 0 to 1 (0.45 = 45%)."
          key={`lgd-${state.status}-${exposure.lgd}`}
        />
        <TextField
          label={`Collateral value (${exposure.currency})`}
          name="collateralValue"
          numeric
          inputMode="decimal"
          defaultValue={value('collateralValue')}
          error={errors.collateralValue}
          hint="Leave empty for unsecured."
          key={`coll-${state.status}-${exposure.collateralValue}`}
        />
        <TextField
          label="Days past due"
          name="daysPastDue"
          numeric
          inputMode="numeric"
          defaultValue={value('daysPastDue')}
          error={errors.daysPastDue}
          key={`dpd-${state.status}-${exposure.daysPastDue}`}
        />
        <label className="field">
          <span className="field__label">Status</span>
          <select
            className="select"
            name="status"
            defaultValue={value('status')}
            aria-invalid={errors.status ? true : undefined}
            key={`status-${state.status}-${exposure.status}`}
          >
            {EXPOSURE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {humanise(status)}
              </option>
            ))}
          </select>
          {errors.status ? (
            <span className="field__error" data-field-error="status">
              {errors.status}
            </span>
          ) : null}
        </label>
        <TextField
          label="Maturity date"
          name="maturityDate"
          type="date"
          defaultValue={value('maturityDate')}
          error={errors.maturityDate}
          key={`mat-${state.status}-${exposure.maturityDate}`}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save changes'}
        </button>
        <span className="cell-sub">Every change is recorded in the audit log with your name.</span>
      </div>
    </form>
  );
}
