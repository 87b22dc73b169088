// The demo's sign-ins, one per role. Printed at start-up and documented in the README; for evaluation
// only (set PROBITY_DEMO=0 in any real installation).
import type { Role } from '@probity/auth';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export const DEMO_ORGANIZATION = { name: 'Demo Bank', slug: 'demo-bank' } as const;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo-bank.example', name: 'Ada Admin', role: 'ADMIN', password: 'Probity-admin-demo' },
  { email: 'risk.officer@demo-bank.example', name: 'Rafael Risk', role: 'RISK_OFFICER', password: 'Probity-risk-demo' },
  // The second officer approves what the first submits: model approval is four-eyes.
  { email: 'second.officer@demo-bank.example', name: 'Sofia Second', role: 'RISK_OFFICER', password: 'Probity-second-demo' },
  { email: 'analyst@demo-bank.example', name: 'Ana Analyst', role: 'ANALYST', password: 'Probity-analyst-demo' },
  { email: 'viewer@demo-bank.example', name: 'Victor Viewer', role: 'VIEWER', password: 'Probity-viewer-demo' },
];
