// A screenshot of every main page, for people reviewing the look (PROBITY_E2E_SCREENSHOTS=/some/dir).
// Skipped in normal runs; asserts only that each page rendered its main element.
import path from 'node:path';
import { expect, signInAs, test } from '../support/fixtures.ts';
import { screenshotDir } from '../support/env.ts';

test('screenshot tour', async ({ page, stack }) => {
  test.skip(!screenshotDir, 'set PROBITY_E2E_SCREENSHOTS to a folder to take the tour');
  const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir ?? '.', `${name}.png`), fullPage: true });

  await page.goto('/signin');
  await shot('01-sign-in');
  await signInAs(page, 'ADMIN');
  await shot('02-portfolios');
  await page.getByRole('link', { name: 'Retail credit cards (Taiwan)' }).click();
  await expect(page.getByTestId('kpi-total-ead')).toBeVisible();
  await page.waitForTimeout(500);
  await shot('03-overview-retail');
  await page.goto(`/portfolios/${stack.demoPortfolioId}`);
  await expect(page.getByTestId('kpi-total-ead')).toBeVisible();
  await page.waitForTimeout(500);
  await shot('04-overview-corporate');
  await page.goto(`/portfolios/${stack.demoPortfolioId}/exposures?segment=CORPORATE&sort=DAYS_PAST_DUE`);
  await expect(page.getByTestId('exposure-table')).toBeVisible();
  await shot('05-exposures');
  await page.goto(`/obligors/${stack.demoObligorId}`);
  await expect(page.getByTestId('obligor-exposures')).toBeVisible();
  await shot('06-obligor');
  await page.goto(`/exposures/${stack.demoExposureId}`);
  await expect(page.getByTestId('edit-exposure-form')).toBeVisible();
  await shot('07-exposure-edit');
  await page.goto('/settings/api-keys');
  await page.getByLabel('Name').fill('Tour key');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('api-key-secret')).toBeVisible();
  await shot('08-api-keys');
  await page.goto('/audit');
  await expect(page.getByTestId('audit-table')).toBeVisible();
  await shot('09-audit');
  await page.goto('/portfolios/00000000-0000-4000-8000-000000000000');
  await shot('10-not-found');
  await signInAs(page, 'VIEWER');
  await page.goto('/settings/api-keys');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await shot('11-forbidden');
});
