// Each role sees the pages and controls it may use, and is shown the forbidden page for the rest.
import { expect, signInAs, test } from '../support/fixtures.ts';
import type { RoleName } from '../support/accounts.ts';

interface Expectation {
  role: RoleName;
  label: string;
  auditLog: boolean;
  apiKeys: boolean;
  createPortfolio: boolean;
  editExposure: boolean;
}

const MATRIX: Expectation[] = [
  { role: 'ADMIN', label: 'Admin', auditLog: true, apiKeys: true, createPortfolio: true, editExposure: true },
  { role: 'RISK_OFFICER', label: 'Risk officer', auditLog: true, apiKeys: false, createPortfolio: true, editExposure: true },
  { role: 'ANALYST', label: 'Analyst', auditLog: false, apiKeys: false, createPortfolio: false, editExposure: true },
  { role: 'VIEWER', label: 'Viewer', auditLog: false, apiKeys: false, createPortfolio: false, editExposure: false },
];

for (const expected of MATRIX) {
  test(`${expected.label}: sees the right pages and controls`, async ({ page, stack }) => {
    await signInAs(page, expected.role);
    await expect(page).toHaveURL(/\/portfolios$/);
    await expect(page.getByTestId('role-badge')).toHaveText(expected.label);
    await expect(page.getByTestId('org-name')).toHaveText('Demo Bank');
    await expect(page.getByTestId('portfolio-table')).toContainText('Retail credit cards (Taiwan)');

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Portfolios' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(expected.auditLog ? 1 : 0);
    await expect(page.getByRole('link', { name: 'API keys' })).toHaveCount(expected.apiKeys ? 1 : 0);
    await expect(page.getByRole('link', { name: 'New portfolio' })).toHaveCount(expected.createPortfolio ? 1 : 0);

    await page.goto(`/exposures/${stack.demoExposureId}`);
    if (expected.editExposure) {
      await expect(page.getByTestId('edit-exposure-form')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Save changes' })).toBeEnabled();
    } else {
      await expect(page.getByTestId('read-only-note')).toBeVisible();
      await expect(page.getByTestId('edit-exposure-form')).toHaveCount(0);
    }

    const keysResponse = await page.goto('/settings/api-keys');
    expect(keysResponse?.status()).toBe(expected.apiKeys ? 200 : 403);
    if (expected.apiKeys) {
      await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
      await expect(page.getByTestId('create-api-key-form')).toBeVisible();
    } else {
      await expect(page.getByTestId('forbidden')).toBeVisible();
      await expect(page.getByTestId('create-api-key-form')).toHaveCount(0);
      await expect(page.getByTestId('api-key-table')).toHaveCount(0);
    }

    const auditResponse = await page.goto('/audit');
    expect(auditResponse?.status()).toBe(expected.auditLog ? 200 : 403);
    if (expected.auditLog) await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    else await expect(page.getByTestId('forbidden')).toBeVisible();

    const newPortfolioResponse = await page.goto('/portfolios/new');
    expect(newPortfolioResponse?.status()).toBe(expected.createPortfolio ? 200 : 403);
    if (expected.createPortfolio) await expect(page.getByRole('button', { name: 'Create portfolio' })).toBeVisible();
    else await expect(page.getByTestId('forbidden')).toBeVisible();
  });
}
