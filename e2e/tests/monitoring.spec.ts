// Monitoring as a risk officer uses it: the watchlist (nav entry) lists obligors over the threshold with
// links to their pages, its threshold is edited (a bad one refused, naming the field; one based on
// settings saved over since refused, showing the stored ones); the runs page of a portfolio shows the
// history, re-scores on demand with live progress (the real worker, the page polling), a challenger is
// designated on the model's page and scores in shadow, and a run's page shows PSI and CSI traffic
// lights, the grade migration and the champion-challenger comparison, exported as CSV and PNG; under
// another portfolio's URL a run's page is not found.
import { readFile } from 'node:fs/promises';
import { expect, signInAs, test } from '../support/fixtures.ts';
import { MONITORING_BOOK, prepareMonitoringBook } from '../support/monitoring-book.ts';

let book: { portfolioId: string; runId: string; exposures: number; modelId: string };
const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ stack }) => {
  test.setTimeout(180_000);
  book = await prepareMonitoringBook(stack.databaseUrl, stack.demoPortfolioId);
});

test('the watchlist lists obligors over the threshold with links, and a risk officer sets the threshold', async ({ page }) => {
  await signInAs(page, 'RISK_OFFICER');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Watchlist' }).click();
  await expect(page).toHaveURL(/\/watchlist$/);
  await expect(page.getByRole('heading', { name: 'Watchlist' })).toBeVisible();
  // This book only (the demo's own portfolios may be scored meanwhile).
  await page.goto(`/watchlist?portfolio=${book.portfolioId}`);
  const rows = page.getByTestId('watchlist-row');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  await expect(rows.first()).toContainText(MONITORING_BOOK);
  // Highest PD first, each at least the 5% default threshold (a first run: no previous PD).
  const pds = (await page.getByTestId('watchlist-pd').allTextContents()).map((t) => Number(t.replace('%', '')));
  expect(pds).toEqual([...pds].sort((a, b) => b - a));
  for (const pd of pds) expect(pd).toBeGreaterThanOrEqual(5);

  // A bad threshold is refused beside its field; nothing changes.
  const form = page.getByTestId('watchlist-settings');
  await form.getByLabel('PD threshold (%)').fill('150');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('alert').first()).toBeVisible();
  await expect(form.locator('[data-field-error="watchlistPdThreshold"]')).toHaveText('Must be above 0% and below 100%');
  await expect(rows).toHaveCount(count);

  // A higher threshold keeps only the obligors above it. The shown PDs are rounded to 0.01%, so the cut
  // lies halfway between two shown values: a cut at a shown value could fall either side of the real PD.
  const shown = [...new Set(pds)];
  expect(shown.length).toBeGreaterThan(1);
  const k = Math.floor(shown.length / 2);
  const cut = (shown[k - 1]! + shown[k]!) / 2;
  await form.getByLabel('PD threshold (%)').fill(String(cut));
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toContainText('Watchlist settings saved');
  await expect(rows).toHaveCount(pds.filter((pd) => pd > cut).length);

  // Each name links to the obligor's page.
  const first = rows.first().getByRole('link').first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^\/obligors\/[0-9a-f-]{36}$/);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});

test('a watchlist settings save based on older settings is refused; the form shows the stored ones', async ({ page, browser }) => {
  await signInAs(page, 'RISK_OFFICER');
  await page.goto('/watchlist');
  const form = page.getByTestId('watchlist-settings');
  const threshold = await form.getByLabel('PD threshold (%)').inputValue();
  await expect(form.getByLabel('Grade drop')).toHaveValue('2');

  // An admin changes the grade drop from another session.
  const setDropAsAdmin = async (drop: string) => {
    const other = await browser.newPage();
    await signInAs(other, 'ADMIN');
    await other.goto('/watchlist');
    await other.getByTestId('watchlist-settings').getByLabel('Grade drop').fill(drop);
    await other.getByTestId('watchlist-settings').getByRole('button', { name: 'Save settings' }).click();
    await expect(other.getByTestId('watchlist-settings').getByRole('status')).toContainText('Watchlist settings saved');
    await other.close();
  };
  await setDropAsAdmin('3');

  // The officer's threshold change, from the page opened before, would put the grade drop back to 2.
  await form.getByLabel('PD threshold (%)').fill('7');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('alert')).toContainText('after you opened them. Nothing was saved');
  await expect(form.getByLabel('Grade drop')).toHaveValue('3');
  await expect(form.getByLabel('PD threshold (%)')).toHaveValue(threshold);

  // Applied again on the stored settings, it saves and keeps the admin's grade drop.
  await form.getByLabel('PD threshold (%)').fill('7');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toContainText('Watchlist settings saved');
  await page.reload();
  await expect(form.getByLabel('PD threshold (%)')).toHaveValue('7');
  await expect(form.getByLabel('Grade drop')).toHaveValue('3');

  // The demo organization's settings as they were.
  await form.getByLabel('PD threshold (%)').fill(threshold);
  await form.getByLabel('Grade drop').fill('2');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toContainText('Watchlist settings saved');
});

test("a run's page answers under its own portfolio only", async ({ page, stack }) => {
  await signInAs(page, 'VIEWER');
  await page.goto(`/portfolios/${book.portfolioId}/runs/${book.runId}`);
  await expect(page.getByTestId('run-detail')).toBeVisible();
  // The same run under another portfolio of the organization: not found, none of its figures.
  await page.goto(`/portfolios/${stack.demoPortfolioId}/runs/${book.runId}`);
  await expect(page.getByText('Not found', { exact: true })).toBeVisible();
  await expect(page.getByTestId('run-detail')).toHaveCount(0);
});

test('the runs page shows the history, re-scores live, and a run shows PSI, CSI and the grade migration with exports', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, 'RISK_OFFICER');
  // On the model's page, the approved second version becomes the challenger: it scores in shadow from the next run.
  await page.goto(`/models/${book.modelId}`);
  const approved = page.locator('[data-testid="version-row"][data-status="APPROVED"]');
  await approved.getByRole('button', { name: 'Make challenger' }).click();
  await expect(approved.getByTestId('challenger-badge')).toBeVisible();
  await expect(approved.getByRole('button', { name: 'Stop shadow scoring' })).toBeVisible();

  await page.goto(`/portfolios/${book.portfolioId}`);
  await page.getByRole('navigation', { name: 'Portfolio views' }).getByRole('link', { name: 'Scoring runs' }).click();
  await expect(page).toHaveURL(/\/runs$/);
  const runs = page.getByTestId('run-row');
  await expect(runs).toHaveCount(1);
  await expect(runs.first().getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED');
  expect(digits(await runs.first().getByTestId('run-scored').textContent())).toBe(book.exposures);

  // Re-score now: the real worker runs it; the page follows it without a reload.
  await page.getByRole('button', { name: 'Re-score now' }).click();
  await expect(runs).toHaveCount(2);
  await expect(runs.first().getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 180_000 });
  expect(digits(await runs.first().getByTestId('run-scored').textContent())).toBe(book.exposures);

  // The new run: PSI and CSI lights against the training population, and the migration from the first run.
  await runs.first().getByRole('link').first().click();
  const detail = page.getByTestId('run-detail');
  await expect(detail).toHaveAttribute('data-status', 'SUCCEEDED');
  const psi = page.getByTestId('psi-card');
  await expect(psi.locator('[data-light]')).toHaveAttribute('data-light', /GREEN|AMBER|RED/);
  await expect(page.getByTestId('csi-table').locator('tbody tr')).toHaveCount(64);
  const matrix = page.getByTestId('migration-matrix');
  await expect(matrix).toBeVisible();
  // Same model, same data: every company keeps its grade (only the diagonal is filled).
  await expect(page.getByTestId('migration-card')).toContainText(`0 up, ${book.exposures.toLocaleString('en-US')} stable, 0 down`);

  // The re-scored run had the challenger scoring in shadow: the comparison is on the page.
  await expect(page.getByTestId('challenger-summary')).toContainText('Spearman rank correlation');
  await expect(page.getByTestId('challenger-migration')).toBeVisible();

  const [csv] = await Promise.all([page.waitForEvent('download'), psi.getByRole('button', { name: 'CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/-psi\.csv$/);
  const text = await readFile(await csv.path(), 'utf8');
  expect(text.split('\n')[0]).toBe('bin,training share,run share,contribution');
  const [png] = await Promise.all([page.waitForEvent('download'), psi.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/-psi\.png$/);
  expect((await readFile(await png.path())).subarray(1, 4).toString()).toBe('PNG');
  const [migrationCsv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('migration-card').getByRole('button', { name: 'CSV' }).click(),
  ]);
  const rows = (await readFile(await migrationCsv.path(), 'utf8')).trim().split('\n');
  expect(rows[0]!.startsWith('from \\ to,')).toBe(true);

  // Back-testing: the run's PDs against the defaults that follow (none yet in this fresh book), here and
  // on the model version's page.
  await expect(page.getByTestId('backtest-summary')).toContainText(`0 defaults among`);
  await page
    .getByRole('link', { name: /^[0-9a-f]{8}$/ })
    .first()
    .click(); // the champion version (the challenger's comes later)
  await expect(page).toHaveURL(/\/model-versions\//);
  await expect(page.getByTestId('version-backtests')).toContainText('Back-testing by run');

  // Nothing moved between the two runs, so nobody crossed the threshold since the previous run.
  await page.goto(`/watchlist?portfolio=${book.portfolioId}`);
  await expect(page.getByText('Nobody on the watchlist')).toBeVisible();
});
