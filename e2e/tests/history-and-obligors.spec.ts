// The overview's trend comes from the latest snapshots (newest first from the API, ordered for the
// chart), and an obligor page counts every exposure of the obligor, not only the page it shows.
import { expect, signInAs, test } from '../support/fixtures.ts';

test('the retail overview draws its snapshot trend', async ({ page }) => {
  await signInAs(page, 'VIEWER');
  await page.getByRole('link', { name: 'Retail credit cards (Taiwan)' }).click();
  await expect(page.getByRole('heading', { name: 'Portfolio trend' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Total EAD and limit per snapshot/ })).toBeVisible();
  await expect(page.getByText('No snapshots yet')).toHaveCount(0);
});

test('an obligor page pages its exposures and counts all of them', async ({ page, stack }) => {
  await signInAs(page, 'VIEWER');
  await page.goto(`/obligors/${stack.demoObligorId}`);
  await expect(page.getByTestId('obligor-exposures')).toBeVisible();
  const count = (await page.getByTestId('obligor-exposure-count').locator('.kpi__value').textContent())?.trim() ?? '';
  expect(Number(count.replace(/,/g, ''))).toBeGreaterThan(0);
  const rows = await page.getByTestId('obligor-exposures').locator('tbody tr').count();
  await expect(page.getByTestId('total-count')).toHaveText(new RegExp(`^Showing ${rows} of ${count} exposures?$`));
});
