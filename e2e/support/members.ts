// Steps several specs share: a second person's browser, inviting a member, and their first sign-in.
import type { Browser, Page } from '@playwright/test';
import { expect, signIn } from './fixtures.ts';

/** A page in a new browser context: a second person, with cookies of their own. */
export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Invites a person on the Members page; the temporary password is on the page afterwards. */
export async function inviteFromMembersPage(page: Page, email: string, name: string, role: string): Promise<void> {
  await page.goto('/settings/members');
  const form = page.getByTestId('invite-member-form');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId('member-invited')).toContainText(email);
}

/** The invited person's first sign-in: the temporary password must be replaced before anything else. */
export async function firstSignIn(page: Page, email: string, temporary: string, password: string): Promise<void> {
  await signIn(page, email, temporary);
  await expect(page).toHaveURL(/\/settings\/password\?required=1$/);
  await page.getByLabel('Current password').fill(temporary);
  await page.locator('input[name="newPassword"]').fill(password);
  await page.locator('input[name="confirmPassword"]').fill(password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/portfolios$/);
}
