import type { ReactNode } from 'react';
import { requirePermission } from '../../../../api/load.ts';

// Checked here, above the page's loading boundary, so a refusal is a real HTTP 403.
export default async function MembersLayout({ children }: { children: ReactNode }) {
  await requirePermission('user:manage');
  return children;
}
