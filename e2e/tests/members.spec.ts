// Members in the dashboard: an admin invites a person (temporary password shown once, replaced at
// first sign-in), changes their role, cannot demote the last admin, and disables them, which ends their
// session. Signing out ends the session on the server: a copied cookie no longer works (L1). A user in
// two organizations switches between them in the header.
import type { Page } from '@playwright/test';
import { demoAccount, OTHER_ORG } from '../support/accounts.ts';
import { expect, signIn, test } from '../support/fixtures.ts';
import { freshPage, inviteFromMembersPage } from '../support/members.ts';

// The first page after sign-in computes portfolio summaries over 30,000 exposures: on a busy machine
// (or a cold API) that can take longer than the default expectation timeout.
test.setTimeout(150_000);

async function signInAs(page: Page, role: 'ADMIN' | 'VIEWER') {
  const account = demoAccount(role);
  await signIn(page, account.email, account.password);
  await expect(page.getByTestId('user-name')).toHaveText(account.name, { timeout: 60_000 });
}

test('an admin invites a person, who must replace the temporary password; role change, last-admin refusal, disabling ends their session', async ({
  page,
  browser,
}) => {
  const email = `e2e.member.${Date.now()}@demo-bank.example`;
  await signInAs(page, 'ADMIN');
  await inviteFromMembersPage(page, email, 'Erin Member', 'VIEWER');
  const temporary = ((await page.getByTestId('temporary-password').textContent()) ?? '').trim();
  expect(temporary).toMatch(/^[A-Za-z0-9_-]{24}$/);
  await page.reload();
  await expect(page.getByTestId('temporary-password')).toHaveCount(0);

  const member = await freshPage(browser);
  await signIn(member, email, temporary);
  await expect(member).toHaveURL(/\/settings\/password\?required=1$/);
  await expect(member.getByTestId('password-required')).toBeVisible();
  await member.goto('/portfolios');
  await expect(member).toHaveURL(/\/settings\/password\?required=1$/);
  await member.getByLabel('Current password').fill(temporary);
  await member.locator('input[name="newPassword"]').fill('Erin-own-password-2026');
  await member.locator('input[name="confirmPassword"]').fill('Erin-own-password-2026');
  await member.getByRole('button', { name: 'Change password' }).click();
  await expect(member).toHaveURL(/\/portfolios$/);
  await expect(member.getByTestId('role-badge')).toHaveText('Viewer');

  const row = page.getByTestId('member-table').locator(`tr[data-member-email="${email}"]`);
  await row.getByLabel('Role of Erin Member').selectOption('ANALYST');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(row.getByTestId('role-badge')).toHaveText('Analyst');
  await member.reload();
  await expect(member.getByTestId('role-badge')).toHaveText('Analyst');

  // Demo Bank has one admin: demoting them is refused, with the reason.
  const admin = demoAccount('ADMIN');
  const adminRow = page.getByTestId('member-table').locator(`tr[data-member-email="${admin.email}"]`);
  await adminRow.getByLabel(`Role of ${admin.name}`).selectOption('VIEWER');
  await adminRow.getByRole('button', { name: 'Save role' }).click();
  await expect(adminRow.getByTestId('member-error')).toContainText('last admin');
  await page.reload();
  await expect(adminRow.getByTestId('role-badge')).toHaveText('Admin');

  await row.getByRole('button', { name: 'Disable Erin Member' }).click();
  await expect(row.getByTestId('member-status')).toHaveText('Disabled');
  await member.goto('/portfolios');
  await expect(member).toHaveURL(/\/signin/);
  await signIn(member, email, 'Erin-own-password-2026');
  await expect(member.getByText('Sign-in failed')).toBeVisible();

  await page.goto('/audit');
  await expect(page.locator('body')).toContainText('member.invite');
  await expect(page.locator('body')).toContainText('member.disable');
});

test('signing out ends the session on the server: a copy of the cookie stops working', async ({ page, context, browser }) => {
  await signInAs(page, 'VIEWER');
  const cookies = await context.cookies();
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const thief = await copy.newPage();
  await thief.goto('/portfolios');
  await expect(thief.getByTestId('user-name')).toHaveText(demoAccount('VIEWER').name);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin\?reason=signed-out/);
  await thief.goto('/portfolios');
  await expect(thief).toHaveURL(/\/signin/);
  await copy.close();
});

test('a user with two organizations switches between them in the header', async ({ page, browser }) => {
  await signInAs(page, 'ADMIN');
  await inviteFromMembersPage(page, OTHER_ORG.user.email, OTHER_ORG.user.name, 'VIEWER');
  await expect(page.getByTestId('member-invited')).toContainText('already have an account');

  const hana = await freshPage(browser);
  await signIn(hana, OTHER_ORG.user.email, OTHER_ORG.user.password);
  const switcher = hana.getByTestId('org-switcher');
  await expect(switcher.locator('option:checked')).toHaveText(OTHER_ORG.organization.name);
  await expect(hana.locator('main')).toContainText(OTHER_ORG.portfolio.name);
  await switcher.selectOption({ label: 'Demo Bank' });
  await expect(hana.getByTestId('org-switcher').locator('option:checked')).toHaveText('Demo Bank');
  await expect(hana.getByTestId('role-badge')).toHaveText('Viewer');
  await expect(hana.locator('main')).not.toContainText(OTHER_ORG.portfolio.name);

  // Removing the membership ends what that session could do there; leave Demo Bank as it was.
  await page.goto('/settings/members');
  const row = page.getByTestId('member-table').locator(`tr[data-member-email="${OTHER_ORG.user.email}"]`);
  await row.getByRole('button', { name: `Remove ${OTHER_ORG.user.name}` }).click();
  await row.getByRole('button', { name: 'Confirm remove' }).click();
  await expect(page.getByTestId('member-table').locator(`tr[data-member-email="${OTHER_ORG.user.email}"]`)).toHaveCount(0);
  await hana.goto('/portfolios');
  await expect(hana).toHaveURL(/\/signin/);
});
