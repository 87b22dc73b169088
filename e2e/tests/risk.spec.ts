// The risk page as a risk officer uses it: build a stress scenario (audited), set limits (a refused one
// keeps its kind), see a bad PD refused with nothing stored and the scenario kept, run a simulation with the scenario on the real worker (progress while
// it runs), then every view: EL/UL/VaR/ES with standard errors, the loss distribution (log scale),
// contributions by sector and obligor, IRB, concentration, IFRS 9, limit breaches, base versus
// stressed; the chart exports (CSV and PNG); and the run not shown on another portfolio's page.
import { readFile } from 'node:fs/promises';
import { expect, signInAs, test } from '../support/fixtures.ts';

test('a risk officer builds a stress scenario, runs a simulation and sees every risk view', async ({ page, stack }) => {
  test.setTimeout(240_000);
  await signInAs(page, 'RISK_OFFICER');
  await page.goto(`/portfolios/${stack.demoPortfolioId}/risk`);
  await expect(page.getByRole('heading', { name: 'Run a simulation' })).toBeVisible();

  // A stress scenario: energy factor two standard deviations down, PDs x1.2, LGD +5 points.
  const editor = page.getByTestId('scenario-editor');
  await editor.getByLabel('Name').fill('Energy downturn');
  await editor.getByLabel('Energy', { exact: true }).fill('-2');
  await editor.getByLabel('PD × (all)').fill('1.2');
  await editor.getByLabel('LGD add-on (all)').fill('0.05');
  await editor.getByRole('button', { name: 'Create scenario' }).click();
  await expect(page).toHaveURL(/scenario=/);
  await expect(page.getByTestId('scenarios').getByRole('link', { name: /Energy downturn v1/ })).toBeVisible();
  await expect(page.getByTestId('scenario-history')).toContainText('create by');

  // Edit it: the version goes up and the history records the change.
  await editor.getByLabel('PD × (all)').fill('1.3');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('scenarios').getByRole('link', { name: /Energy downturn v2/ })).toBeVisible();
  await expect(page.getByTestId('scenario-history')).toContainText('update by');

  // Limits: Energy at most 5% of EAD, every single name at most 2%.
  // A refused limit comes back as sent, its kind included, so fixing the share does not make it a single name.
  const limits = page.getByTestId('limit-form');
  await limits.getByLabel('Kind').selectOption('SECTOR');
  await limits.getByLabel('Sector or obligor id').fill('Energy');
  await limits.getByLabel('Max share of EAD').fill('2');
  await limits.getByRole('button', { name: 'Set limit' }).click();
  await expect(limits.getByRole('alert')).toContainText('must be at most 1');
  await expect(limits.getByLabel('Kind')).toHaveValue('SECTOR');
  await expect(limits.getByLabel('Sector or obligor id')).toHaveValue('Energy');
  await limits.getByLabel('Max share of EAD').fill('0.05');
  await limits.getByRole('button', { name: 'Set limit' }).click();
  await expect(limits.getByRole('status')).toContainText('Limit saved');
  await limits.getByLabel('Kind').selectOption('SINGLE_NAME');
  await limits.getByLabel('Sector or obligor id').fill('*');
  await limits.getByLabel('Max share of EAD').fill('0.02');
  await limits.getByRole('button', { name: 'Set limit' }).click();
  await expect(page.getByTestId('limits').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('limits').getByRole('row', { name: /Energy/ })).toContainText(/sector/i);

  // A PD outside [0, 1] is refused, naming the field; nothing is stored, and the form keeps the scenario.
  const run = page.getByTestId('run-simulation-form');
  await run.getByLabel('Flat PD').fill('1.5');
  await run.getByLabel('Stress scenario').selectOption({ label: 'Energy downturn' });
  await run.getByRole('button', { name: 'Run simulation' }).click();
  await expect(run.locator('[data-field-error="flatPd"]')).toHaveText('Must be in [0, 1], got 1.5');
  await expect(page.getByText('No simulation yet')).toBeVisible();
  await expect(run.getByLabel('Stress scenario').locator('option:checked')).toHaveText('Energy downturn');

  // A good run with the scenario: queued, progress, then the results.
  await run.getByLabel('Flat PD').fill('0.02');
  await run.getByLabel('PD SME').fill('0.035');
  await run.getByLabel('Target relative error').fill('0.02');
  await run.getByRole('button', { name: 'Run simulation' }).click();
  await expect(page).toHaveURL(/run=/);
  const runId = new URL(page.url()).searchParams.get('run');
  const selected = page.getByTestId('selected-simulation');
  await expect(selected).toHaveAttribute('data-status', 'COMPLETED', { timeout: 180_000 });
  await expect(page.getByTestId('lineage')).toContainText('flat 2.00%, sme 3.50%');
  await expect(page.getByTestId('lineage')).toContainText('scenario "Energy downturn" v2');

  for (const id of ['kpi-el', 'kpi-ul', 'kpi-var-0.99', 'kpi-es-0.99', 'kpi-var-0.999', 'kpi-es-0.999']) {
    await expect(page.getByTestId(id)).toContainText('±');
  }
  const histogram = page.getByTestId('chart-histogram');
  await expect(histogram.locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(histogram).toContainText('VaR');
  await histogram.getByTestId('histogram-log').check();
  await expect(histogram.getByRole('img')).toHaveAttribute('aria-label', /log scale/);
  await expect(page.getByTestId('chart-sector-contributions').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('chart-obligor-contributions')).toContainText('Top 20 obligors');
  await expect(page.getByTestId('irb-table')).toContainText('Total');
  await expect(page.getByTestId('concentration')).toContainText('Single-name HHI');
  await expect(page.getByTestId('ifrs9')).toContainText('Stage 3');
  await expect(page.getByTestId('limit-breaches').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('limit-breaches')).toContainText('Energy');
  const stress = page.getByTestId('stress-comparison');
  await expect(stress).toContainText('Stressed');
  await expect(stress).toContainText('ES 99.9%');
  await expect(page.getByTestId('chart-stress-sectors').locator('.recharts-wrapper > svg.recharts-surface')).toBeVisible();

  // Exports for a report: the histogram's data as CSV and its drawing as PNG.
  const [csv] = await Promise.all([page.waitForEvent('download'), histogram.getByRole('button', { name: 'CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/loss-distribution\.csv$/);
  const csvText = await readFile(await csv.path(), 'utf8');
  expect(csvText.split('\n')[0]).toBe('loss_from,loss_to,probability,standard_error,p_loss_above_from');
  expect(csvText.trim().split('\n').length).toBe(61);
  const [png] = await Promise.all([page.waitForEvent('download'), histogram.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/loss-distribution\.png$/);
  const bytes = await readFile(await png.path());
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5000);

  // The run is this portfolio's: named on another portfolio's risk page, it is not shown there.
  await page.goto(`/portfolios/${stack.retailPortfolioId}/risk?run=${runId}`);
  await expect(page.getByRole('heading', { name: 'Simulations' })).toBeVisible();
  await expect(page.getByTestId('selected-simulation')).toHaveCount(0);
  await expect(page.getByTestId('risk-results')).toHaveCount(0);
});

test('a viewer sees the results but no forms', async ({ page, stack }) => {
  await signInAs(page, 'VIEWER');
  await page.goto(`/portfolios/${stack.demoPortfolioId}/risk`);
  await expect(page.getByRole('heading', { name: 'Simulations' })).toBeVisible();
  await expect(page.getByTestId('run-simulation-form')).toHaveCount(0);
  await expect(page.getByTestId('scenario-editor')).toHaveCount(0);
  await expect(page.getByTestId('risk-results')).toBeVisible();
});
