// The model lifecycle in the dashboard, on the real stack (API, worker, PostgreSQL): an analyst uploads
// the Taiwan file (progress bar, validation report) and trains logistic, gradient-boosted trees and
// fusion versions while the page shows their progress; a risk officer validates; a second officer
// approves with a comment and promotes; the challenger is compared with the champion. Refusals: a
// training option (the form comes back as sent), an officer approving what they submitted (the comment
// kept), promoting a version that is no longer approved, and a file with errors (the report names rows
// and columns; nothing is stored).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '@probity/db/seed';
import { expect, signIn, signInAs, test } from '../support/fixtures.ts';
import { freshPage } from '../support/members.ts';

const TAIWAN = fileURLToPath(new URL('../../data/taiwan-credit-default.csv', import.meta.url));
const DATASET = 'Taiwan cards e2e';
const MODEL = 'Retail cards e2e';
const secondOfficer = DEMO_ACCOUNTS.find((account) => account.email.startsWith('second.officer@'))!;

/** A 40-row file whose default flag is "maybe" on row 9 and empty on row 12. */
function brokenFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'probity-e2e-')), 'broken.csv');
  const lines = ['ID,LIMIT_BAL,AGE,DEFAULT_NEXT_MONTH'];
  for (let i = 1; i <= 40; i++) lines.push(`${i},${i * 1000},${20 + i},${i === 9 ? 'maybe' : i === 12 ? '' : i % 2}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function train(page: Page, kind: string, options: { trees?: number; epochs?: number } = {}): Promise<void> {
  const form = page.getByTestId('train-form');
  await form.getByTestId('train-dataset').selectOption({ label: `${DATASET} (target DEFAULT_NEXT_MONTH)` });
  await form.getByTestId('train-kind').selectOption(kind);
  // Folded away unless the form came back from a refusal with advanced options filled in.
  if (!(await form.locator('details').evaluate((details) => (details as HTMLDetailsElement).open))) {
    await form.getByText('Advanced options').click();
  }
  await form.getByLabel('Split (mod5 or random:SEED:FRACTION)').fill('mod5');
  await form.getByLabel('Id column').fill('ID');
  if (options.trees) await form.locator('input[name="trees"]').fill(String(options.trees));
  if (options.epochs) await form.locator('input[name="epochs"]').fill(String(options.epochs));
  const jobs = page.getByTestId('training-jobs').locator('tbody tr');
  const before = await jobs.count();
  await form.getByTestId('train-submit').click();
  await expect(page).toHaveURL(/\/models\/[0-9a-f-]{36}$/);
  // The model page again, with this job listed (newest first): only then is its form fresh for the next.
  await expect(jobs).toHaveCount(before + 1);
  await expect(jobs.first().locator('td').nth(1)).toHaveText(kind);
}

async function act(page: Page, action: string, comment?: string): Promise<void> {
  if (comment !== undefined) await page.getByTestId('governance-comment').fill(comment);
  await page.getByTestId('governance-form').getByRole('button', { name: action, exact: true }).click();
}

test('upload, train three kinds, four-eyes approval and promotion, compare; with the refusals', async ({ page, browser }) => {
  test.setTimeout(360_000); // ~2.5 min on an idle 2-core machine; headroom for a loaded one
  await signInAs(page, 'ANALYST');
  await page.goto('/datasets');

  // A file with errors: the report names the column and the rows, and nothing is stored.
  await page.getByTestId('dataset-name').fill('Broken e2e');
  await page.getByTestId('dataset-file').setInputFiles(brokenFile());
  const refused = page.getByTestId('upload-result');
  await expect(refused).toContainText('The file has errors: nothing was stored.');
  await expect(refused).toContainText('[column DEFAULT_NEXT_MONTH]');
  await expect(refused).toContainText(/row 9(?!\d)/);
  await expect(refused).toContainText(/row 12(?!\d)/);

  // The Taiwan file, with the upload slowed to ~1 MB/s so the progress bar can be seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
  await page.getByTestId('dataset-name').fill(DATASET);
  await page.getByTestId('dataset-file').setInputFiles(TAIWAN);
  const progress = page.getByTestId('upload-progress');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('upload-result')).toContainText(`Stored "${DATASET}": 30,000 rows.`, { timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await page.reload();
  const datasets = page.getByTestId('dataset-table');
  await expect(datasets).toContainText(DATASET);
  await expect(datasets).not.toContainText('Broken e2e');
  await datasets.getByRole('link', { name: DATASET }).click();
  await expect(page.getByText('30,000 rows · 25 columns · default rate 22.12%')).toBeVisible();
  // The report's only remark: the ID column is recognised as an identifier, not a feature.
  await expect(page.getByTestId('dataset-issues')).toContainText('warning [column ID]');
  await expect(page.getByTestId('dataset-issues')).not.toContainText('error');
  await expect(page.getByRole('row', { name: /LIMIT_BAL numeric/ })).toBeVisible();

  // Three versions of one model; the worker trains them one after the other while the page refreshes.
  await page.goto('/models');
  await page.getByTestId('new-model-name').fill(MODEL);
  // A refused option is named, and the form comes back as it was sent.
  const trainForm = page.getByTestId('train-form');
  await trainForm.getByTestId('train-kind').selectOption('gbdt');
  await trainForm.getByText('Advanced options').click();
  await trainForm.getByLabel('Split (mod5 or random:SEED:FRACTION)').fill('mod7');
  await trainForm.getByTestId('train-submit').click();
  await expect(trainForm.getByRole('alert')).toContainText('options.split: must be "mod5" or "random:<seed>:<test fraction>"');
  await expect(page.getByTestId('new-model-name')).toHaveValue(MODEL);
  await expect(trainForm.getByTestId('train-kind')).toHaveValue('gbdt');
  await expect(trainForm.getByLabel('Split (mod5 or random:SEED:FRACTION)')).toHaveValue('mod7');
  await train(page, 'logistic');
  await train(page, 'gbdt', { trees: 40 });
  await train(page, 'fusion', { trees: 40, epochs: 2 });
  const jobs = page.getByTestId('training-jobs');
  const running = jobs.locator('tr[data-status="RUNNING"]');
  await expect(running).toHaveCount(1, { timeout: 60_000 });
  await expect(running.locator('td').nth(3)).toContainText(/reading|validating|fitting|training|calibrating|measuring|tree|epoch/i);
  await expect(jobs.locator('tr[data-status="SUCCEEDED"]')).toHaveCount(3, { timeout: 180_000 });
  await page.reload();
  const versions = page.getByTestId('version-table');
  await expect(versions.locator('tr[data-status="DRAFT"]')).toHaveCount(3);
  const hrefOf = async (version: number) => (await versions.getByRole('link', { name: `v${version}`, exact: true }).getAttribute('href'))!;
  const [logistic, trees, fusion] = [await hrefOf(1), await hrefOf(2), await hrefOf(3)];
  await expect(versions.getByRole('row', { name: /^v1 DRAFT logistic/ })).toBeVisible();
  await expect(versions.getByRole('row', { name: /^v3 DRAFT fusion/ })).toBeVisible();

  // The first officer validates (and so submits) two versions, and may not approve what they submitted.
  const officer = await freshPage(browser);
  await signInAs(officer, 'RISK_OFFICER');
  for (const href of [logistic, trees]) {
    await officer.goto(href);
    await act(officer, 'Validate');
    await expect(officer.getByTestId('version-status')).toHaveText('VALIDATED');
  }
  await officer.goto(logistic);
  await act(officer, 'Approve', 'Looks fine to me');
  await expect(officer.getByTestId('governance-error')).toContainText(
    'four-eyes: you submitted this version for approval, so someone else must approve it',
  );
  await expect(officer.getByTestId('governance-comment')).toHaveValue('Looks fine to me');
  await officer.reload();
  await expect(officer.getByTestId('version-status')).toHaveText('VALIDATED');

  // The second officer approves with a comment (none is refused) and promotes.
  const second = await freshPage(browser);
  await signIn(second, secondOfficer.email, secondOfficer.password);
  await expect(second.getByTestId('user-name')).toHaveText(secondOfficer.name);
  await second.goto(logistic);
  await act(second, 'Approve');
  await expect(second.getByTestId('governance-error')).toContainText('needs a comment');
  await act(second, 'Approve', 'AUC and calibration within appetite');
  await expect(second.getByTestId('version-status')).toHaveText('APPROVED');
  await expect(second.getByRole('row', { name: /Approved Sofia Second .* AUC and calibration within appetite/ })).toBeVisible();
  await act(second, 'Promote');
  await expect(second.getByTestId('version-status')).toHaveText('CHAMPION');

  // Promoting a version that is no longer approved: the second officer's page still offers Promote
  // while the first officer rejects the version; the API refuses the promotion.
  await second.goto(trees);
  await act(second, 'Approve', 'Trees look fine');
  await expect(second.getByTestId('version-status')).toHaveText('APPROVED');
  await officer.goto(trees);
  await act(officer, 'Reject', 'Too few trees for production');
  await expect(officer.getByTestId('version-status')).toHaveText('REJECTED');
  await act(second, 'Promote');
  await expect(second.getByTestId('governance-error')).toContainText(
    'cannot promote a REJECTED version: only APPROVED versions can be promoted',
  );
  await second.goto(fusion);
  await expect(second.getByTestId('governance-form').getByRole('button', { name: 'Promote' })).toHaveCount(0);

  // The challenger beside the champion, in one click from the model's page.
  await page.reload();
  await expect(versions.getByRole('row', { name: /^v1 CHAMPION logistic/ })).toBeVisible();
  await expect(versions.getByRole('row', { name: /^v2 REJECTED gbdt/ })).toBeVisible();
  await versions
    .getByRole('row', { name: /^v3 DRAFT fusion/ })
    .getByRole('link', { name: 'Compare with champion' })
    .click();
  const compare = page.getByTestId('compare-table');
  await expect(compare.getByRole('columnheader')).toContainText([`${MODEL} v1`, `${MODEL} v3`]);
  await expect(compare.getByRole('row', { name: /^Kind logistic fusion$/ })).toBeVisible();
  await expect(compare.getByRole('row', { name: /^Test AUC 0\.\d{3} 0\.\d{3}$/ })).toBeVisible();
});
