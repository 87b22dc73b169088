import type { ReactNode } from 'react';
import { viewer } from '../../api/load.ts';
import { AppShell } from '../../components/shell/app-shell.tsx';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const me = await viewer();
  return <AppShell viewer={me}>{children}</AppShell>;
}
