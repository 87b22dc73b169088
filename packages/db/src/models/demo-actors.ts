// Who plays which part in the demo's model lifecycle (system lookup by the demo's fixed e-mails).
import type { Database } from '../client.ts';
import { prismaOf } from '../client.ts';

export interface DemoActors {
  organizationId: string;
  /** Asks for training. */
  analystId: string;
  /** Validates and submits, then promotes. */
  officerId: string;
  /** Approves (four-eyes: not the submitter). */
  secondOfficerId: string;
  /** Whether the organization has any model yet (the demo trains only on a first start). */
  hasModels: boolean;
  /** The organization's portfolios by name (the demo links each champion to its portfolio). */
  portfolioIds: Record<string, string>;
}

export async function demoActors(
  db: Database,
  slug: string,
  emails: { analyst: string; officer: string; secondOfficer: string },
): Promise<DemoActors | null> {
  const prisma = prismaOf(db);
  const org = await prisma.organization.findUnique({ where: { slug }, select: { id: true } });
  if (!org) return null;
  const users = await prisma.user.findMany({
    where: { email: { in: [emails.analyst, emails.officer, emails.secondOfficer] } },
    select: { id: true, email: true },
  });
  const idOf = (email: string) => users.find((u) => u.email === email)?.id;
  const [analystId, officerId, secondOfficerId] = [idOf(emails.analyst), idOf(emails.officer), idOf(emails.secondOfficer)];
  if (!analystId || !officerId || !secondOfficerId) return null;
  const hasModels = (await prisma.model.count({ where: { organizationId: org.id } })) > 0;
  const portfolios = await prisma.portfolio.findMany({ where: { organizationId: org.id }, select: { id: true, name: true } });
  const portfolioIds = Object.fromEntries(portfolios.map((p) => [p.name, p.id]));
  return { organizationId: org.id, analystId, officerId, secondOfficerId, hasModels, portfolioIds };
}
