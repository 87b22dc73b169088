// Who signs in during the tests: the demo seed's accounts (one per role) and a second organization.
import { DEMO_ACCOUNTS, type DemoAccount } from '@probity/db/seed';

export type RoleName = DemoAccount['role'];

export function demoAccount(role: RoleName): DemoAccount {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for role ${role}`);
  return account;
}

export const OTHER_ORG = {
  organization: { name: 'Harbour Credit Union', slug: 'harbour-credit-union' },
  user: { email: 'risk@harbour-credit.example', name: 'Hana Harbour', password: 'Harbour-e2e-password-1' },
  portfolio: { name: 'Harbour SME book', description: 'Second tenant: must never see Demo Bank data.', baseCurrency: 'GBP' },
} as const;

/** A third organization whose small book is scored by a small real model (what-if tests). */
export const WHAT_IF_ORG = {
  organization: { name: 'Ledger Lane Bank', slug: 'ledger-lane-bank' },
  user: { email: 'risk@ledger-lane.example', name: 'Lena Ledger', password: 'Ledger-e2e-password-1' },
  portfolio: { name: 'Ledger Lane cards', description: 'Scored by a small logistic model for the what-if tests.', baseCurrency: 'EUR' },
} as const;
