import type { Metadata } from 'next';
import { requireSession } from '../../../../auth/session.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';

export const metadata: Metadata = { title: 'Password' };

export default async function PasswordPage() {
  const session = await requireSession('/settings/password');
  return (
    <>
      <PageHeader title="Password" crumbs={[{ label: 'Account' }, { label: 'Password' }]} description={`Signed in as ${session.email}.`} />
      <ChangePasswordForm required={session.mustChangePassword} />
    </>
  );
}
