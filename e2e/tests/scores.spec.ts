// PDs on the dashboard: the retail cards, scored by the real worker (setup/scored-portfolio.ts), show
// their EAD-weighted PD, expected loss, grade distribution and PD trend on the overview (charts export
// CSV and PNG), and the exposure table shows PD and grade, sorts by PD and filters by grade and PD.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, signInAs, test } from '../support/fixtures.ts';

const percent = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, '')) / 100;

/** After a client-side navigation: the first row has changed from `before`, so the new page is shown. */
async function pdColumnAfter(table: Locator, before: number[]): Promise<number[]> {
  await expect(table.locator('tbody tr td[data-pd]').first()).not.toHaveAttribute('data-pd', String(before[0]));
  return pdColumn(table);
}

async function pdColumn(table: Locator): Promise<number[]> {
  return table.locator('tbody tr td[data-pd]').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-pd'))));
}

/** The run is queued before the apps start; on a busy machine it may still be scoring 30,000 cards. */
async function openScoredOverview(page: Page, portfolioId: string): Promise<void> {
  await page.goto(`/portfolios/${portfolioId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('kpi-ead-weighted-pd')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 150_000, intervals: [2_000, 5_000] });
}

test('the overview shows EAD-weighted PD, expected loss, grades and the PD trend, exportable', async ({ page, stack }) => {
  test.setTimeout(240_000);
  await signInAs(page, 'ANALYST');
  await openScoredOverview(page, stack.retailPortfolioId);

  const pd = page.getByTestId('kpi-ead-weighted-pd');
  await expect(pd).toContainText('30,000 exposures scored');
  const weighted = percent(await pd.locator('.kpi__value').textContent());
  // The Taiwan cards default at about 22 %; a model of their payment history lands near that.
  expect(weighted).toBeGreaterThan(0.05);
  expect(weighted).toBeLessThan(0.6);
  await expect(page.getByTestId('kpi-expected-loss')).toContainText('PD x LGD x EAD');
  await expect(page.getByTestId('kpi-expected-loss').locator('.kpi__value')).not.toHaveText('—');

  const grades = page.getByTestId('chart-grade-distribution');
  await expect(grades.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('chart-pd-trend').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();

  // The grade distribution's CSV: one row per grade, the counts adding up to the scored exposures,
  // and the EAD-weighted PD of the KPI recomputed from the rows.
  const [csv] = await Promise.all([page.waitForEvent('download'), grades.getByRole('button', { name: 'CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/-grades\.csv$/);
  const [header, ...rows] = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  expect(header).toBe('grade,exposures,ead,share_of_ead,ead_weighted_pd,expected_loss,min_pd,max_pd');
  expect(rows.length).toBeGreaterThan(1);
  const cells = rows.map((row) => row.split(','));
  expect(cells.reduce((n, c) => n + Number(c[1]), 0)).toBe(30_000);
  const ead = cells.reduce((sum, c) => sum + Number(c[2]), 0);
  const pdEad = cells.reduce((sum, c) => sum + Number(c[4]) * Number(c[2]), 0);
  expect(pdEad / ead).toBeCloseTo(weighted, 4);
  const [png] = await Promise.all([page.waitForEvent('download'), grades.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/-grades\.png$/);
  expect((await readFile(await png.path())).subarray(1, 4).toString('latin1')).toBe('PNG');

  const [trend] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-pd-trend').getByRole('button', { name: 'CSV' }).click(),
  ]);
  const trendRows = (await readFile(await trend.path(), 'utf8')).trim().split('\n');
  expect(trendRows[0]).toBe('run_id,finished_at,data_as_of,exposures_scored,ead,ead_weighted_pd,expected_loss');
  expect(Number(trendRows.at(-1)!.split(',')[5])).toBeCloseTo(weighted, 4);
});

test('the exposure table shows PD and grade, sorts by PD and filters by grade and PD range', async ({ page, stack }) => {
  test.setTimeout(240_000);
  await signInAs(page, 'ANALYST');
  await openScoredOverview(page, stack.retailPortfolioId);
  await page.goto(`/portfolios/${stack.retailPortfolioId}/exposures`);
  const table = page.getByTestId('exposure-table');
  await expect(table.locator('tbody tr td[data-grade]').first()).toBeVisible();

  // Highest PD first, then lowest first: the order of the PDs shown.
  const byEad = await pdColumn(table);
  await table.getByRole('link', { name: 'PD', exact: true }).click();
  await expect(page).toHaveURL(/sort=PD/);
  const descending = await pdColumnAfter(table, byEad);
  expect(descending.length).toBe(25);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await table.getByRole('link', { name: 'PD', exact: true }).click();
  await expect(page).toHaveURL(/sort=PD.*dir=asc/);
  const ascending = await pdColumnAfter(table, descending);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  expect(ascending[0]!).toBeLessThan(descending[0]!);
  // The next page continues the order.
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(/after=/);
  const next = await pdColumnAfter(table, ascending);
  expect(next[0]!).toBeGreaterThanOrEqual(ascending.at(-1)!);

  // One grade only, still sorted by PD.
  const grade = await table.locator('tbody tr td[data-grade]').first().getAttribute('data-grade');
  expect(grade).toBeTruthy();
  await page.getByLabel('Grade').selectOption(grade);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`grade=${encodeURIComponent(grade!)}`));
  // The URL changes before the filtered rows replace the old ones (a CI run read an empty table in
  // between): wait until the rows shown are the filtered ones, some rows and that grade only.
  const shownGrades = () => table.locator('tbody tr td[data-grade]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-grade')));
  await expect.poll(async () => [...new Set(await shownGrades())]).toEqual([grade]);

  // A PD range in percent: every PD shown lies in it.
  await page.goto(`/portfolios/${stack.retailPortfolioId}/exposures?minPd=10&maxPd=30&sort=PD`);
  const ranged = await pdColumn(table);
  expect(ranged.length).toBeGreaterThan(0);
  for (const value of ranged) {
    expect(value).toBeGreaterThanOrEqual(0.1);
    expect(value).toBeLessThanOrEqual(0.3);
  }
});
