// The master scale as risk officers edit it: a mistake in a line is named and what was typed stays; a
// save from a version older than the one in force (someone saved in between) is refused, nothing is
// saved, and the form starts again from the version in force. The grades saved here are the ones in
// force, so the other tests' grades do not change.
import type { Page } from '@playwright/test';
import { demoAccount } from '../support/accounts.ts';
import { expect, signInAs, test } from '../support/fixtures.ts';

async function versionInForce(page: Page): Promise<number> {
  return Number(await page.getByTestId('scale-table').getAttribute('data-version'));
}

const historyEntry = (page: Page, version: number) => page.locator('li', { hasText: new RegExp(`^v${version},`) });

test('a mistake keeps what was typed; a save from an older version is refused and the form shows the newer one', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'RISK_OFFICER');
  await page.goto('/master-scale');
  const form = page.getByTestId('scale-form');
  const grades = form.getByLabel('Grades');
  const comment = form.getByPlaceholder('Why the change');
  const stored = await grades.inputValue();
  const opened = await versionInForce(page);
  const lines = stored.split('\n').length;

  // A line without its PD: named, nothing saved, the text and the comment kept for fixing.
  await grades.fill(`${stored}\nZZ`);
  await comment.fill('Same bands, re-confirmed');
  await form.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(form.getByRole('alert')).toContainText(`Line ${lines + 1}: write the grade, a space, then its highest PD`);
  await expect(grades).toHaveValue(`${stored}\nZZ`);
  await expect(comment).toHaveValue('Same bands, re-confirmed');
  expect(await versionInForce(page)).toBe(opened);

  // Meanwhile an admin saves a version from another session.
  const other = await browser.newPage();
  await signInAs(other, 'ADMIN');
  await other.goto('/master-scale');
  const otherForm = other.getByTestId('scale-form');
  await otherForm.getByPlaceholder('Why the change').fill('Annual review, no change');
  await otherForm.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(otherForm).toContainText(`Saved as version ${opened + 1}.`);
  await other.close();

  // The officer's save was based on the version opened before: refused, the table and form show the newer one.
  await grades.fill(stored);
  await form.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(form.getByRole('alert')).toContainText(`Someone saved a new version after you opened version ${opened}. Nothing was saved`);
  await expect(page.getByTestId('scale-table')).toHaveAttribute('data-version', String(opened + 1));
  await expect(historyEntry(page, opened + 1)).toContainText(`by ${demoAccount('ADMIN').name}: Annual review, no change`);
  await expect(grades).toHaveValue(stored);
  await expect(comment).toHaveValue('Same bands, re-confirmed');

  // Applied again on the version in force, it saves.
  await form.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(form).toContainText(`Saved as version ${opened + 2}.`);
  await expect(page.getByTestId('scale-table')).toHaveAttribute('data-version', String(opened + 2));
  await expect(historyEntry(page, opened + 2)).toContainText('Same bands, re-confirmed');
});
