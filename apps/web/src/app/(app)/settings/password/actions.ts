'use server';
import { MIN_PASSWORD_LENGTH } from '@probity/auth';
import { TEXT_LIMITS } from '@probity/db/limits';
import { redirect } from 'next/navigation';
import { callFromAction } from '../../../../api/load.ts';
import { CHANGE_MY_PASSWORD } from '../../../../api/documents/members.ts';
import { fieldFromApi, fieldMessage, formText, type FormState } from '../../../../lib/form-state.ts';

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const currentPassword = formText(formData, 'currentPassword');
  const newPassword = formText(formData, 'newPassword');
  const confirmPassword = formText(formData, 'confirmPassword');
  const required = formText(formData, 'required') === '1';
  const fieldErrors: Record<string, string> = {};
  if (!currentPassword) fieldErrors.currentPassword = 'Enter your current password.';
  if (newPassword.length < MIN_PASSWORD_LENGTH || newPassword.length > TEXT_LIMITS.password)
    fieldErrors.newPassword = `Use ${MIN_PASSWORD_LENGTH} to ${TEXT_LIMITS.password} characters.`;
  else if (newPassword !== confirmPassword) fieldErrors.confirmPassword = 'The two new passwords differ.';
  // Passwords are never sent back to the form.
  if (Object.keys(fieldErrors).length > 0) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors, values: {} };

  const result = await callFromAction(CHANGE_MY_PASSWORD, { currentPassword, newPassword });
  if (!result.ok) {
    const field = fieldFromApi(result.field);
    return {
      status: 'error',
      message: result.message,
      fieldErrors: field ? { [field]: fieldMessage(result.message, result.field) } : {},
      values: {},
    };
  }
  if (required) redirect('/portfolios');
  return { status: 'success', message: 'Password changed. Your other sessions were signed out.', fieldErrors: {}, values: {} };
}
