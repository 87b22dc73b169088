import { SIGN_IN_FAILED, expect, signIn, signInAs, test } from '../support/fixtures.ts';
import { demoAccount } from '../support/accounts.ts';

test.describe('sign-in', () => {
  test('a wrong password and an unknown account get the same generic message', async ({ page }) => {
    const admin = demoAccount('ADMIN');
    await signIn(page, admin.email, 'not-the-password');
    await expect(page.getByTestId('signin-error')).toHaveText(SIGN_IN_FAILED);
    await expect(page).toHaveURL(/\/signin/);

    await signIn(page, 'nobody@demo-bank.example', 'whatever-it-is');
    await expect(page.getByTestId('signin-error')).toHaveText(SIGN_IN_FAILED);

    // No session was created: protected pages still send us to the sign-in page.
    await page.goto('/portfolios');
    await expect(page).toHaveURL(/\/signin$/);
  });

  test('a protected page sends an anonymous visitor to sign in and back again', async ({ page, stack }) => {
    await page.goto(`/portfolios/${stack.demoPortfolioId}/exposures?segment=SME`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    const analyst = demoAccount('ANALYST');
    await page.getByLabel('Email').fill(analyst.email);
    await page.getByLabel('Password').fill(analyst.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(new RegExp(`/portfolios/${stack.demoPortfolioId}/exposures\\?segment=SME$`));
    await expect(page.getByTestId('exposure-table')).toBeVisible();
  });

  test('the session cookie is httpOnly and SameSite, and signing out ends the session', async ({ page, context }) => {
    await signInAs(page, 'VIEWER');
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith('next-auth.session-token'));
    expect(session, 'session cookie').toBeDefined();
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    // The token is encrypted (JWE, five parts), so the browser cannot read the role or ids from it.
    expect(session?.value.split('.')).toHaveLength(5);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin\?reason=signed-out/);
    await page.goto('/portfolios');
    await expect(page).toHaveURL(/\/signin$/);
  });
});

test('every response carries the security headers, with a fresh CSP nonce each time', async ({ request }) => {
  const first = await request.get('/signin');
  const second = await request.get('/signin');
  const headers = first.headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['x-powered-by']).toBeUndefined();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()['content-security-policy']).not.toContain(nonce);
  // Next.js stamps the nonce on its own scripts; an inline script without it would be blocked.
  expect(await first.text()).toContain(`nonce="${nonce}"`);
});
