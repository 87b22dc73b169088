// The obligor page's scoring: PD and grade history over two runs, the explanation waterfall with reason
// codes, a what-if that changes a feature and shows the new PD and a counterfactual, and a saved
// scenario listed on the page. The obligor's book is scored by a small real model (setup/what-if-tenant.ts).
import { expect, signIn, test } from '../support/fixtures.ts';
import { WHAT_IF_ORG } from '../support/accounts.ts';

test('an obligor page shows the PD history, the explanation waterfall, a what-if with its counterfactual, and saves it', async ({
  page,
  stack,
}) => {
  await signIn(page, WHAT_IF_ORG.user.email, WHAT_IF_ORG.user.password);
  await expect(page.getByTestId('user-name')).toHaveText(WHAT_IF_ORG.user.name);
  await page.goto(`/obligors/${stack.whatIfObligorId}`);

  const history = page.getByTestId('score-history');
  await expect(history.getByRole('img', { name: 'PD and grade per scoring run' })).toBeVisible();
  await expect(history.locator('.recharts-line-dot')).toHaveCount(2); // two runs
  const download = page.waitForEvent('download');
  await history.getByRole('button', { name: 'CSV' }).click();
  expect((await download).suggestedFilename()).toBe('obligor-LL-1-pd-history.csv');

  const explanation = page.getByTestId('score-explanation');
  await expect(explanation.getByRole('img', { name: /Explanation waterfall/ })).toBeVisible();
  await expect(explanation.locator('.recharts-bar-rectangle').first()).toBeVisible();
  // LL-1's latest month: PAY_0 = 3, the largest reason.
  await expect(page.getByTestId('reason-codes').locator('li').first()).toHaveText(/^months in arrears = 3 raises the risk/);

  const whatIf = page.getByTestId('what-if');
  await whatIf.getByTestId('what-if-input-PAY_0').fill('-1');
  await whatIf.getByRole('button', { name: 'Run what-if' }).click();
  const current = await page.getByTestId('what-if-current-pd').textContent();
  await expect(page.getByTestId('what-if-scenario-pd')).toBeVisible();
  await expect(page.getByTestId('what-if-scenario-pd')).not.toHaveText(current ?? '');
  await expect(page.getByTestId('what-if-scenario').getByRole('img', { name: /What-if: explanation/ })).toBeVisible();
  await expect(page.getByTestId('what-if-counterfactual')).toContainText(
    /would move this obligor to grade|Already in the best grade|reaches grade/,
  );

  // A counterfactual against the current data: undo the change and ask again.
  await whatIf.getByTestId('what-if-input-PAY_0').fill('3');
  await whatIf.getByTestId('what-if-input-BILL_AMT1').fill('13000');
  await whatIf.getByRole('button', { name: 'Run what-if' }).click();
  await expect(page.getByTestId('what-if-counterfactual')).toContainText(/PAY_0 at -?\d+ would move this obligor to grade \S+/);

  await whatIf.getByTestId('what-if-input-PAY_0').fill('-1');
  await whatIf.getByRole('button', { name: 'Run what-if' }).click();
  await expect(page.getByTestId('what-if-scenario-pd')).not.toHaveText(current ?? '');
  await whatIf.getByLabel('Scenario name').fill('Arrears cleared');
  await whatIf.getByRole('button', { name: 'Save as scenario' }).click();
  await expect(whatIf.getByRole('status')).toHaveText('Saved as "Arrears cleared".');
  const saved = page.getByTestId('what-if-scenarios');
  await expect(saved.getByRole('row', { name: /Arrears cleared/ })).toContainText('PAY_0 = -1');
});
