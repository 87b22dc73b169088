// Loading model data from the portfolio page: the CSV goes through the dashboard to the API's
// POST /portfolios/<id>/features with a progress bar; a file naming an unknown exposure is refused with
// the problem listed and nothing stored, a good one reports what it loaded.
import { expect, signInAs, test } from '../support/fixtures.ts';

test('an analyst loads a feature file on the portfolio page', async ({ page, stack }) => {
  await signInAs(page, 'ANALYST');
  await page.goto(`/portfolios/${stack.demoPortfolioId}/exposures?size=10`);
  const externalId = (await page.getByTestId('exposure-table').locator('tbody tr td .cell-title').first().textContent())!.trim();
  expect(externalId.length).toBeGreaterThan(0);

  await page.goto(`/portfolios/${stack.demoPortfolioId}`);
  await expect(page.getByRole('heading', { name: 'Load model data' })).toBeVisible();
  // An old day: the demo's scores keep reading their own, later, features.
  await page.getByTestId('features-as-of').fill('2020-01-31');
  const file = page.getByTestId('features-file');
  const result = page.getByTestId('upload-result');

  await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('external_id,e2e_ratio\nNO-SUCH-EXPOSURE,1.5\n') });
  await expect(result).toContainText('nothing was stored');
  await expect(result).toContainText('NO-SUCH-EXPOSURE');

  await file.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(`external_id,e2e_ratio\n${externalId},1.5\n`) });
  await expect(result).toContainText('Loaded 1 exposures with 1 feature(s): e2e_ratio.');
});
