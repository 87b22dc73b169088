// The test object every spec uses: baseURL points at the dashboard the global setup started, and
// signIn() goes through the real sign-in form.
import { test as base, expect, type Page } from '@playwright/test';
import { stack, type E2eStack } from './env.ts';
import { demoAccount, type RoleName } from './accounts.ts';

export const SIGN_IN_FAILED = 'Sign-in failed. Check your email and password and try again.';

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAs(page: Page, role: RoleName): Promise<void> {
  const account = demoAccount(role);
  await signIn(page, account.email, account.password);
  await expect(page.getByTestId('user-name')).toHaveText(account.name);
}

export const test = base.extend<{ stack: E2eStack; browserProblems: string[] }>({
  baseURL: async ({}, use) => {
    await use(stack().baseUrl);
  },
  // Every test fails on a Content-Security-Policy violation or an uncaught script error in the page:
  // a strict CSP that silently blocks the app's own scripts or styles would otherwise go unnoticed.
  browserProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      // Chromium's own CSP console messages do not reach Playwright; the DOM event does.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(
            `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile || 'page'}`,
          );
        });
      });
      page.on('console', (message) => {
        if (message.text().startsWith('CSP violation')) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await use(problems);
      expect(problems, 'CSP violations or script errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
  stack: async ({}, use) => {
    await use(stack());
  },
});

export { expect };
