'use server';
import { redirect } from 'next/navigation';
import { TEXT_LIMITS } from '@probity/db/limits';
import { callFromAction } from '../../../../api/load.ts';
import { CREATE_PORTFOLIO } from '../../../../api/documents/portfolios.ts';
import { fieldFromApi, fieldMessage, formValues, type FormState } from '../../../../lib/form-state.ts';

const FIELDS = ['name', 'description', 'baseCurrency'] as const;

export async function createPortfolioAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, FIELDS);
  const name = values.name?.trim() ?? '';
  const description = values.description?.trim() ?? '';
  const baseCurrency = (values.baseCurrency?.trim() ?? '').toUpperCase();
  const fieldErrors: Record<string, string> = {};
  if (!name) fieldErrors.name = 'Enter a name.';
  else if (name.length > TEXT_LIMITS.portfolioName) fieldErrors.name = `Use at most ${TEXT_LIMITS.portfolioName} characters.`;
  if (description.length > TEXT_LIMITS.portfolioDescription)
    fieldErrors.description = `Use at most ${TEXT_LIMITS.portfolioDescription.toLocaleString('en')} characters.`;
  if (baseCurrency && !/^[A-Z]{3}$/.test(baseCurrency)) fieldErrors.baseCurrency = 'Use a three-letter ISO 4217 code, e.g. EUR.';
  if (Object.keys(fieldErrors).length > 0) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors, values };

  const result = await callFromAction(CREATE_PORTFOLIO, {
    input: { name, description: description || null, baseCurrency: baseCurrency || null },
  });
  if (!result.ok) {
    const field = fieldFromApi(result.field) ?? (result.code === 'CONFLICT' ? 'name' : undefined);
    return {
      status: 'error',
      message: result.message,
      fieldErrors: field ? { [field]: fieldMessage(result.message, result.field) } : {},
      values,
    };
  }
  redirect(`/portfolios/${result.data.createPortfolio.id}`);
}
