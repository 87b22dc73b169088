'use server';
// Switching organization changes the server-side session (the cookie only names it), after checking
// that the user is an enabled member there; then every page and API call acts for the new one.
import { switchSessionOrganization } from '@probity/db/sign-in';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireSession } from '../../auth/session.ts';
import { database } from '../../server/database.ts';

export async function switchOrganizationAction(formData: FormData): Promise<void> {
  const session = await requireSession();
  const organizationId = formData.get('organizationId');
  if (typeof organizationId === 'string' && organizationId !== session.organizationId) {
    await switchSessionOrganization(database(), session.sessionId, organizationId);
  }
  // Every layout (the header names the organization) must render again, not only the page.
  revalidatePath('/', 'layout');
  redirect('/portfolios');
}
