// A user of a second organization sees none of Demo Bank's data: not in lists, not by direct URL.
import { expect, signIn, test } from '../support/fixtures.ts';

test("a second organization sees only its own portfolios and gets not-found for the first one's ids", async ({ page, stack }) => {
  await signIn(page, stack.otherOrgEmail, stack.otherOrgPassword);
  await expect(page.getByTestId('org-name')).toHaveText(stack.otherOrgName);

  const table = page.getByTestId('portfolio-table');
  await expect(table).toContainText(stack.otherOrgPortfolioName);
  await expect(table).not.toContainText('Retail credit cards');
  await expect(table).not.toContainText('Corporate & SME lending');
  await expect(page.getByTestId('total-count')).toHaveText('Showing 1 of 1 portfolio');

  for (const url of [
    `/portfolios/${stack.demoPortfolioId}`,
    `/portfolios/${stack.demoPortfolioId}/exposures`,
    `/obligors/${stack.demoObligorId}`,
    `/exposures/${stack.demoExposureId}`,
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByText('Not found', { exact: true })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Corporate & SME lending');
  }

  // Its own data is all there.
  await page.goto('/portfolios');
  await page.getByRole('link', { name: stack.otherOrgPortfolioName }).click();
  await expect(page.getByTestId('kpi-exposures')).toContainText('2');
  await page.getByRole('link', { name: 'Exposures', exact: true }).click();
  await expect(page.getByTestId('exposure-table')).toContainText('Tidewater Logistics Ltd');
  await expect(page.getByTestId('total-count')).toHaveText('Showing 2 of 2 exposures');
});
