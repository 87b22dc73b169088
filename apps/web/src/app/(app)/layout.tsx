import type { ReactNode } from 'react';
import { viewer } from '../../api/load.ts';
import { AppShell } from '../../components/shell/app-shell.tsx';
import { requireSession } from '../../auth/session.ts';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const [session, me] = await Promise.all([requireSession(), viewer()]);
  return (
    <AppShell viewer={me} organizations={session.organizations}>
      {children}
    </AppShell>
  );
}
