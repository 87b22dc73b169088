'use server';
import { TEXT_LIMITS } from '@probity/db/limits';
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../../api/load.ts';
import {
  CHANGE_MEMBER_ROLE,
  INVITE_MEMBER,
  REMOVE_MEMBER,
  ROLE_OPTIONS,
  SET_MEMBER_DISABLED,
  type Role,
} from '../../../../api/documents/members.ts';
import { fieldFromApi, fieldMessage, formText, type FormState } from '../../../../lib/form-state.ts';

const PATH = '/settings/members';

export interface InviteState extends FormState {
  /** The one-time password of a new account, present only in this response: never shown again. */
  temporaryPassword?: string;
  invitedEmail?: string;
  /** The person already had an account: they sign in with their own password. */
  existingAccount?: boolean;
}

const isRole = (value: string): value is Role => (ROLE_OPTIONS as readonly string[]).includes(value);

export async function inviteMemberAction(_previous: InviteState, formData: FormData): Promise<InviteState> {
  const email = formText(formData, 'email').trim();
  const name = formText(formData, 'name').trim();
  const role = formText(formData, 'role');
  const values = { email, name, role };
  const fieldErrors: Record<string, string> = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > TEXT_LIMITS.email) fieldErrors.email = 'Enter an e-mail address.';
  if (!name) fieldErrors.name = 'Enter the person’s name.';
  else if (name.length > TEXT_LIMITS.personName) fieldErrors.name = `Use at most ${TEXT_LIMITS.personName} characters.`;
  if (!isRole(role)) fieldErrors.role = 'Choose a role.';
  if (Object.keys(fieldErrors).length > 0 || !isRole(role))
    return { status: 'error', message: 'Check the highlighted fields.', fieldErrors, values };

  const result = await callFromAction(INVITE_MEMBER, { input: { email, name, role } });
  if (!result.ok) {
    const field = fieldFromApi(result.field);
    return {
      status: 'error',
      message: result.message,
      fieldErrors: field ? { [field]: fieldMessage(result.message, result.field) } : {},
      values,
    };
  }
  revalidatePath(PATH);
  const { temporaryPassword, member } = result.data.inviteMember;
  return {
    status: 'success',
    fieldErrors: {},
    values: {},
    invitedEmail: member.user.email,
    ...(temporaryPassword ? { temporaryPassword } : { existingAccount: true }),
  };
}

export interface MemberActionState {
  error?: string;
}

export async function changeRoleAction(userId: string, _previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const role = formText(formData, 'role');
  if (!isRole(role)) return { error: 'Choose a role.' };
  const result = await callFromAction(CHANGE_MEMBER_ROLE, { userId, role });
  if (!result.ok) return { error: result.message };
  revalidatePath(PATH);
  return {};
}

export async function setDisabledAction(
  userId: string,
  disabled: boolean,
  _previous: MemberActionState,
  _formData: FormData,
): Promise<MemberActionState> {
  const result = await callFromAction(SET_MEMBER_DISABLED, { userId, disabled });
  if (!result.ok) return { error: result.message };
  revalidatePath(PATH);
  return {};
}

export async function removeMemberAction(userId: string, _previous: MemberActionState, _formData: FormData): Promise<MemberActionState> {
  const result = await callFromAction(REMOVE_MEMBER, { userId });
  if (!result.ok) return { error: result.message };
  revalidatePath(PATH);
  return {};
}
