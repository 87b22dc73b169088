// The exposure table's sorting, filtering and paging run on the server (state in the URL); edits go
// through the API, show its field errors, land in the audit log, and cannot undo a change saved after
// the form opened.
import { expect, signInAs, test } from '../support/fixtures.ts';
import type { Locator } from '@playwright/test';

async function columnNumbers(table: Locator, column: number): Promise<number[]> {
  const texts = await table.locator(`tbody tr td:nth-child(${column})`).allTextContents();
  return texts.map((text) => Number(text.replace(/[^0-9.-]/g, '')));
}

test('sorting, filtering and paging the exposure table', async ({ page, stack }) => {
  await signInAs(page, 'ANALYST');
  await page.goto(`/portfolios/${stack.demoPortfolioId}/exposures`);
  const table = page.getByTestId('exposure-table');
  const total = page.getByTestId('total-count');
  await expect(total).toHaveText('Showing 25 of 167 exposures');
  const eads = await columnNumbers(table, 3);
  expect(eads).toEqual([...eads].sort((a, b) => b - a));

  // Filter: SME only (a GET form, so the state is in the URL).
  await page.getByLabel('Segment').selectOption('SME');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/segment=SME/);
  const smeTotal = Number((await total.textContent())?.match(/of ([\d,]+)/)?.[1]?.replace(/,/g, ''));
  expect(smeTotal).toBeGreaterThan(0);
  expect(smeTotal).toBeLessThan(167);
  const segments = await table
    .locator('tbody tr [data-segment]')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-segment')));
  expect(segments.length).toBeGreaterThan(0);
  expect(new Set(segments)).toEqual(new Set(['SME']));

  // Sort by days past due, largest first, keeping the filter.
  await table.getByRole('link', { name: 'DPD' }).click();
  await expect(page).toHaveURL(/segment=SME.*sort=DAYS_PAST_DUE|sort=DAYS_PAST_DUE.*segment=SME/);
  const dpd = await columnNumbers(table, 7);
  expect(dpd).toEqual([...dpd].sort((a, b) => b - a));

  // Ten a page, next and previous with cursors.
  await page.goto(`/portfolios/${stack.demoPortfolioId}/exposures?size=10`);
  await expect(total).toHaveText('Showing 10 of 167 exposures');
  const firstPage = await table.locator('tbody tr td:first-child .cell-title').allTextContents();
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/after=/);
  const secondPage = await table.locator('tbody tr td:first-child .cell-title').allTextContents();
  expect(secondPage).toHaveLength(10);
  expect(secondPage.some((id) => firstPage.includes(id))).toBe(false);
  await page.getByRole('link', { name: 'Previous' }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(table.locator('tbody tr td:first-child .cell-title')).toHaveText(firstPage);

  // A search that matches nothing shows the empty state, not an empty table.
  await page.goto(`/portfolios/${stack.demoPortfolioId}/exposures?q=no-such-facility-anywhere`);
  await expect(page.getByText('No exposures match these filters')).toBeVisible();
});

test('an analyst edits an exposure: API field errors beside the field, then a saved change in the audit log', async ({
  page,
  browser,
  stack,
}) => {
  await signInAs(page, 'ANALYST');
  await page.goto(`/exposures/${stack.demoExposureId}`);
  const form = page.getByTestId('edit-exposure-form');

  // The API enforces LGD within 0..1; its BAD_USER_INPUT names the field.
  await form.getByLabel('LGD').fill('1.5');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.locator('[data-field-error="lgd"]')).toContainText(/at most 1/i);
  await expect(form.getByLabel('LGD')).toHaveValue('1.5');

  await form.getByLabel('LGD').fill('0.4');
  await form.getByLabel('Days past due').fill('47');
  await form.getByLabel('Status').selectOption('WATCHLIST');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status')).toHaveText('Changes saved.');
  await expect(page.locator('.dl')).toContainText('47');

  // A risk officer finds the change in the audit log, attributed to the analyst.
  const officer = await browser.newPage();
  await signInAs(officer, 'RISK_OFFICER');
  await officer.goto('/audit?action=exposure.update');
  const auditTable = officer.getByTestId('audit-table');
  const entry = auditTable.getByRole('row').filter({ hasText: 'Ana Analyst' }).first();
  await expect(entry).toContainText('exposure.update');
  await expect(entry).toContainText('daysPastDue');
  await expect(entry).toContainText('47');
  await officer.close();
});

test("two analysts edit the same exposure: the later save cannot undo the earlier one's change", async ({ page, browser, stack }) => {
  await signInAs(page, 'ANALYST');
  await page.goto(`/exposures/${stack.demoExposureId}`);
  const form = page.getByTestId('edit-exposure-form');
  const product = await form.getByLabel('Product').inputValue();
  const days = Number(await form.getByLabel('Days past due').inputValue());

  // A second analyst's session opens the same exposure and saves first.
  const other = await browser.newPage();
  await signInAs(other, 'ANALYST');
  await other.goto(`/exposures/${stack.demoExposureId}`);
  const otherForm = other.getByTestId('edit-exposure-form');
  await otherForm.getByLabel('Days past due').fill(String(days + 3));
  await otherForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(otherForm.getByRole('status')).toHaveText('Changes saved.');
  await other.close();

  // The first form still holds the old days past due: its save is refused, and it now shows the stored values.
  await form.getByLabel('Product').fill(`${product} (renewed)`);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('alert')).toContainText('Someone changed this exposure at');
  await expect(form.getByLabel('Days past due')).toHaveValue(String(days + 3));
  await expect(form.getByLabel('Product')).toHaveValue(product);

  // Applied again on the stored version, the change saves, and the other analyst's change stays.
  await form.getByLabel('Product').fill(`${product} (renewed)`);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status')).toHaveText('Changes saved.');
  await page.reload();
  await expect(form.getByLabel('Product')).toHaveValue(`${product} (renewed)`);
  await expect(form.getByLabel('Days past due')).toHaveValue(String(days + 3));
});

test('a risk officer creates a portfolio; a duplicate name is refused beside the field', async ({ page }) => {
  await signInAs(page, 'RISK_OFFICER');
  await page.getByRole('link', { name: 'New portfolio' }).click();
  const name = `E2E project finance ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Reporting currency').selectOption('USD');
  await page.getByRole('button', { name: 'Create portfolio' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByText('No exposures in this portfolio yet')).toBeVisible();

  await page.goto('/portfolios/new');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Reporting currency').selectOption('GBP');
  await page.getByRole('button', { name: 'Create portfolio' }).click();
  await expect(page.locator('[data-field-error="name"]')).toBeVisible();
  await expect(page).toHaveURL(/\/portfolios\/new$/);
  // The refused form keeps what was chosen, so renaming it does not create a portfolio in another currency.
  await expect(page.getByLabel('Reporting currency')).toHaveValue('GBP');
});
