// The organization's risk factor model as a risk officer edits it: a matrix that is not positive
// semi-definite (or an entry outside [-1, 1]) is refused naming the sectors or the entry, and nothing
// is saved; a good edit saves the next version, who saved it shown. A save from an older version than
// the one in force is refused, for the model, a stress scenario (and its delete) and a limit (its edit,
// a new limit whose key is taken, and its delete).
// Viewers see it read-only. On the risk page, stress scenarios and limits can be deleted after a
// confirmation.
import { demoAccount } from '../support/accounts.ts';
import type { Page } from '@playwright/test';
import { expect, signInAs, test } from '../support/fixtures.ts';

async function shownVersion(page: Page): Promise<number> {
  return Number(await page.getByTestId('risk-model').getAttribute('data-version'));
}

/** Signs in as a risk officer and creates a scenario (PD × 1.5) on the portfolio's risk page. */
async function createScenario(page: Page, portfolioId: string, name: string) {
  await signInAs(page, 'RISK_OFFICER');
  await page.goto(`/portfolios/${portfolioId}/risk`);
  const scenarios = page.getByTestId('scenarios');
  const editor = page.getByTestId('scenario-editor');
  await editor.getByLabel('Name').fill(name);
  await editor.getByLabel('PD × (all)').fill('1.5');
  await editor.getByRole('button', { name: 'Create scenario' }).click();
  await expect(scenarios.getByRole('link', { name: new RegExp(`${name} v1`) })).toBeVisible();
  return { scenarios, editor };
}

test('a risk officer edits a correlation and saves a new version; a bad matrix is refused, nothing saved', async ({ page }) => {
  await signInAs(page, 'RISK_OFFICER');
  await page.goto('/risk-model');
  const editor = page.getByTestId('risk-model-editor');
  await expect(editor).toBeVisible();
  const before = await shownVersion(page);
  const versionRows = page.getByTestId('risk-model-versions').locator('tbody tr');
  const rowsBefore = await versionRows.count();
  const sectors = await page.getByTestId('correlation-matrix').locator('thead th.num').allTextContents();
  expect(sectors.length).toBeGreaterThanOrEqual(3);
  const cell = (i: number, j: number) => editor.locator(`input[name="c_${i}_${j}"]`);

  // Sectors 0 and 1 move together, 1 and 2 together, but 0 and 2 against each other: impossible.
  await cell(0, 1).fill('0.9');
  await cell(1, 2).fill('0.9');
  await cell(0, 2).fill('-0.9');
  await editor.getByRole('button', { name: `Save as version ${before + 1}` }).click();
  const matrixError = editor.locator('[data-field-error="correlation"]');
  await expect(matrixError).toContainText('The matrix is not positive semi-definite');
  await expect(matrixError).toContainText(`"${sectors[0]}"`);
  await expect(cell(0, 2)).toHaveValue('-0.9');
  await page.reload();
  expect(await shownVersion(page)).toBe(before);
  await expect(versionRows).toHaveCount(rowsBefore);

  // An entry outside [-1, 1] is named by its input.
  await cell(0, 1).fill('1.5');
  await editor.getByRole('button', { name: `Save as version ${before + 1}` }).click();
  await expect(editor.locator('[data-field-error="c_0_1"]')).toHaveText('Must be in [-1, 1], got 1.5');
  await page.reload();
  expect(await shownVersion(page)).toBe(before);

  // A good edit: the mirrored entry and the loading follow as the officer types; saving makes v+1.
  await cell(0, 1).fill('0.35');
  await expect(page.getByTestId('correlation-matrix').locator('[data-cell="1-0"]')).toHaveText('0.35');
  await editor.getByLabel(`Asset correlation ${sectors[0]}`).fill('0.16');
  await expect(page.getByTestId('sector-loadings').locator('tbody tr').first()).toContainText('0.4000');
  await editor.getByLabel('Note').fill('Closer link between the first two sectors');
  await editor.getByRole('button', { name: `Save as version ${before + 1}` }).click();
  await expect(page).toHaveURL(new RegExp(`saved=${before + 1}`));
  await expect(page.getByRole('status')).toContainText(`Version ${before + 1} saved`);
  expect(await shownVersion(page)).toBe(before + 1);
  await expect(cell(0, 1)).toHaveValue('0.35');
  await expect(editor.getByLabel(`Asset correlation ${sectors[0]}`)).toHaveValue('0.16');
  const officer = demoAccount('RISK_OFFICER').name;
  await expect(page.getByTestId('risk-model-saved')).toContainText(`by ${officer}`);
  await expect(versionRows).toHaveCount(rowsBefore + 1);
  await expect(versionRows.first()).toContainText(`v${before + 1}`);
  await expect(versionRows.first()).toContainText(officer);
  await expect(versionRows.first()).toContainText('Closer link between the first two sectors');
});

test('a save from an older version of the factor model is refused; the editor shows the newer one', async ({ page, browser }) => {
  await signInAs(page, 'RISK_OFFICER');
  await page.goto('/risk-model');
  const editor = page.getByTestId('risk-model-editor');
  const opened = await shownVersion(page);
  const cell = editor.locator('input[name="c_0_1"]');

  // An admin saves a version from another session after the officer opened the page.
  const other = await browser.newPage();
  await signInAs(other, 'ADMIN');
  await other.goto('/risk-model');
  const otherEditor = other.getByTestId('risk-model-editor');
  await otherEditor.locator('input[name="c_0_1"]').fill('0.41');
  await otherEditor.getByRole('button', { name: `Save as version ${opened + 1}` }).click();
  await expect(other).toHaveURL(new RegExp(`saved=${opened + 1}`));
  await other.close();

  // The officer's edit, based on the older version, would undo the admin's: refused, nothing saved.
  await cell.fill('0.2');
  await editor.getByRole('button', { name: `Save as version ${opened + 1}` }).click();
  await expect(page).toHaveURL(new RegExp(`stale=${opened}`));
  await expect(page.getByTestId('risk-model-stale')).toContainText(`Version ${opened + 1} was saved by ${demoAccount('ADMIN').name} at`);
  await expect(page.getByTestId('risk-model-stale')).toContainText(`after you opened version ${opened}. Nothing was saved`);
  expect(await shownVersion(page)).toBe(opened + 1);
  await expect(cell).toHaveValue('0.41');
  await expect(page.getByTestId('risk-model-versions').locator('tbody tr')).toHaveCount(opened + 1);

  // Applied again on the version in force, it saves.
  await cell.fill('0.2');
  await editor.getByRole('button', { name: `Save as version ${opened + 2}` }).click();
  await expect(page).toHaveURL(new RegExp(`saved=${opened + 2}`));
  await expect(page.getByTestId('risk-model-stale')).toHaveCount(0);
  await expect(cell).toHaveValue('0.2');
});

test('a stress scenario saved or deleted from an older version is refused; the editor shows the stored one', async ({
  page,
  browser,
  stack,
}) => {
  const { scenarios, editor } = await createScenario(page, stack.demoPortfolioId, 'Contested scenario');
  await expect(page).toHaveURL(/scenario=/);

  // An admin changes the PD multiplier from another session.
  const saveAsAdmin = async (pdAll: string, version: number) => {
    const other = await browser.newPage();
    await signInAs(other, 'ADMIN');
    await other.goto(page.url().replace(/[?&](stale|refused)=[^&#]*/g, ''));
    await other.getByTestId('scenario-editor').getByLabel('PD × (all)').fill(pdAll);
    await other.getByTestId('scenario-editor').getByRole('button', { name: 'Save changes' }).click();
    await expect(other.getByTestId('scenarios').getByRole('link', { name: new RegExp(`Contested scenario v${version}`) })).toBeVisible();
    await other.close();
  };
  await saveAsAdmin('2', 2);

  // The officer adds an LGD add-on to version 1: saving it would put the multiplier back to 1.5.
  await editor.getByLabel('LGD add-on (all)').fill('0.05');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('scenario-stale')).toContainText('after you opened version 1; it is now at version 2. Nothing was saved');
  await expect(editor.getByLabel('PD × (all)')).toHaveValue('2');
  await expect(editor.getByLabel('LGD add-on (all)')).toHaveValue('');

  // Applied again on the stored version, it saves, and the admin's multiplier stays.
  await editor.getByLabel('LGD add-on (all)').fill('0.05');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await expect(scenarios.getByRole('link', { name: /Contested scenario v3/ })).toBeVisible();
  await expect(page.getByTestId('scenario-stale')).toHaveCount(0);
  await expect(editor.getByLabel('PD × (all)')).toHaveValue('2');
  await expect(editor.getByLabel('LGD add-on (all)')).toHaveValue('0.05');

  // A delete from version 3, after the admin saved version 4, deletes nothing and shows version 4.
  await saveAsAdmin('2.5', 4);
  await scenarios.getByRole('button', { name: 'Delete scenario Contested scenario' }).click();
  await scenarios.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByTestId('scenario-stale')).toContainText('after you opened version 3; it is now at version 4. Nothing was deleted');
  await expect(scenarios.getByRole('link', { name: /Contested scenario v4/ })).toBeVisible();
  await expect(editor.getByLabel('PD × (all)')).toHaveValue('2.5');

  // Deleted again, knowingly; this also leaves the demo organization's scenarios as they were.
  await scenarios.getByRole('button', { name: 'Delete scenario Contested scenario' }).click();
  await scenarios.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(scenarios.getByRole('link', { name: /Contested scenario/ })).toHaveCount(0);
  await expect(page.getByTestId('scenario-stale')).toHaveCount(0);
});

test('a limit edited or deleted from an older version is refused; the form shows the stored one', async ({ page, browser, stack }) => {
  await signInAs(page, 'RISK_OFFICER');
  await page.goto(`/portfolios/${stack.demoPortfolioId}/risk`);
  const limits = page.getByTestId('limits');
  const form = page.getByTestId('limit-form');
  const row = limits.getByRole('row', { name: /E2E-CONTESTED/ });
  await form.getByLabel('Kind').selectOption('SINGLE_NAME');
  await form.getByLabel('Sector or obligor id').fill('E2E-CONTESTED');
  await form.getByLabel('Max share of EAD').fill('0.3');
  await form.getByRole('button', { name: 'Set limit' }).click();
  await expect(row).toContainText('30.00%');

  // The officer opens it; an admin changes its share from another session.
  await limits.getByRole('link', { name: 'Edit limit E2E-CONTESTED' }).click();
  await expect(form.getByTestId('limit-editing')).toContainText('E2E-CONTESTED v1');
  await expect(form.getByLabel('Max share of EAD')).toHaveValue('0.3');
  const editAsAdmin = async (maxShare: string, version: number) => {
    const other = await browser.newPage();
    await signInAs(other, 'ADMIN');
    await other.goto(`/portfolios/${stack.demoPortfolioId}/risk`);
    await other.getByTestId('limits').getByRole('link', { name: 'Edit limit E2E-CONTESTED' }).click();
    await other.getByTestId('limit-form').getByLabel('Max share of EAD').fill(maxShare);
    await other.getByTestId('limit-form').getByRole('button', { name: 'Save limit' }).click();
    await expect(other.getByTestId('limit-editing')).toContainText(`E2E-CONTESTED v${version}`);
    await other.close();
  };
  await editAsAdmin('0.25', 2);

  // The officer adds an EAD cap to version 1: saving it would put the share back to 30%.
  await form.getByLabel('Max EAD').fill('1000');
  await form.getByRole('button', { name: 'Save limit' }).click();
  await expect(form.getByRole('alert')).toContainText('after you opened version 1. Nothing was saved');
  await expect(form.getByTestId('limit-editing')).toContainText('E2E-CONTESTED v2');
  await expect(form.getByLabel('Max share of EAD')).toHaveValue('0.25');
  await expect(form.getByLabel('Max EAD')).toHaveValue('');
  await expect(row).toContainText('25.00%');

  // Applied again on the stored version, it saves, and the admin's share stays.
  await form.getByLabel('Max EAD').fill('1000');
  await form.getByRole('button', { name: 'Save limit' }).click();
  await expect(form.getByTestId('limit-editing')).toContainText('E2E-CONTESTED v3');
  await expect(form.getByLabel('Max share of EAD')).toHaveValue('0.25');
  await expect(form.getByLabel('Max EAD')).toHaveValue('1000');
  await expect(row).toContainText('1000.00');

  // A new limit for a taken key does not replace it.
  await form.getByRole('link', { name: 'New limit instead' }).click();
  await form.getByLabel('Kind').selectOption('SINGLE_NAME');
  await form.getByLabel('Sector or obligor id').fill('E2E-CONTESTED');
  await form.getByLabel('Max share of EAD').fill('0.9');
  await form.getByRole('button', { name: 'Set limit' }).click();
  await expect(form.getByRole('alert')).toContainText('exists already');
  await expect(row).toContainText('25.00%');

  // A delete from version 3, after the admin saved version 4, deletes nothing; confirmed again, it deletes
  // version 4 (this also leaves the demo organization's limits as they were).
  await editAsAdmin('0.2', 4);
  await limits.getByRole('button', { name: 'Delete limit E2E-CONTESTED' }).click();
  await limits.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(row.getByRole('alert')).toContainText('Someone changed this limit after the page showed it. Nothing was deleted');
  await expect(row).toContainText('20.00%');
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(row).toHaveCount(0);
});

test('a viewer sees the factor model read-only', async ({ page }) => {
  await signInAs(page, 'VIEWER');
  await page.goto('/risk-model');
  await expect(page.getByTestId('risk-model-view')).toBeVisible();
  await expect(page.getByTestId('correlation-matrix').locator('[data-cell="0-0"]')).toHaveText('1');
  await expect(page.getByTestId('risk-model-editor')).toHaveCount(0);
  await expect(page.locator('input[name^="c_"]')).toHaveCount(0);
});

test('a risk officer deletes a stress scenario and a limit after confirming', async ({ page, stack }) => {
  const { scenarios } = await createScenario(page, stack.demoPortfolioId, 'Short-lived scenario');

  // Cancel first: nothing happens.
  await scenarios.getByRole('button', { name: 'Delete scenario Short-lived scenario' }).click();
  await scenarios.getByRole('button', { name: 'Cancel' }).click();
  await expect(scenarios.getByRole('link', { name: /Short-lived scenario v1/ })).toBeVisible();
  await scenarios.getByRole('button', { name: 'Delete scenario Short-lived scenario' }).click();
  await expect(scenarios).toContainText('Delete "Short-lived scenario"?');
  await scenarios.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page).not.toHaveURL(/scenario=/);
  await expect(scenarios.getByRole('link', { name: /Short-lived scenario/ })).toHaveCount(0);
  await page.reload();
  await expect(scenarios.getByRole('link', { name: /Short-lived scenario/ })).toHaveCount(0);

  // A limit, set then deleted.
  const limits = page.getByTestId('limits');
  const form = page.getByTestId('limit-form');
  const rowsBefore = await limits.locator('tbody tr').count();
  await form.getByLabel('Kind').selectOption('SINGLE_NAME');
  await form.getByLabel('Sector or obligor id').fill('E2E-DELETE-ME');
  await form.getByLabel('Max share of EAD').fill('0.5');
  await form.getByRole('button', { name: 'Set limit' }).click();
  await expect(limits.locator('tbody tr')).toHaveCount(rowsBefore + 1);
  await limits.getByRole('button', { name: 'Delete limit E2E-DELETE-ME' }).click();
  await limits.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(limits.locator('tbody tr')).toHaveCount(rowsBefore);
  await page.reload();
  await expect(limits.locator('tbody tr')).toHaveCount(rowsBefore);
});

test('a viewer gets no delete buttons', async ({ page, stack }) => {
  await signInAs(page, 'VIEWER');
  await page.goto(`/portfolios/${stack.demoPortfolioId}/risk`);
  await expect(page.getByRole('heading', { name: 'Limits' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
});
