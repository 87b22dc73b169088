// An admin creates an API key in the dashboard; a plain HTTP client reads the portfolio with it through
// GraphQL; after the admin revokes it in the dashboard, the same request is refused.
import { expect, signInAs, test } from '../support/fixtures.ts';

const PORTFOLIOS = 'query { portfolios { totalCount nodes { id name } } }';

test('an API key created in the UI reads the API until it is revoked in the UI', async ({ page, request, stack }) => {
  await signInAs(page, 'ADMIN');
  await page.goto('/settings/api-keys');
  const keyName = `E2E export ${Date.now()}`;
  await page.getByLabel('Name').fill(keyName);
  await page.getByRole('button', { name: 'Create key' }).click();

  const secretBox = page.getByTestId('api-key-secret');
  await expect(secretBox).toBeVisible();
  const secret = (await secretBox.textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(20);
  const row = page.getByTestId('api-key-table').getByRole('row', { name: new RegExp(keyName) });
  await expect(row).toContainText('Active');
  // The table shows only the prefix, never the secret.
  await expect(page.getByTestId('api-key-table')).not.toContainText(secret);
  const prefix = (await row.locator('code').textContent())?.replace('…', '') ?? '';
  expect(secret.startsWith(prefix)).toBe(true);

  const call = () =>
    request.post(stack.apiUrl, {
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      data: { query: PORTFOLIOS },
    });
  const allowed = await call();
  expect(allowed.status()).toBe(200);
  const body = (await allowed.json()) as { data?: { portfolios: { nodes: { id: string; name: string }[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.portfolios.nodes.map((node) => node.id)).toContain(stack.demoPortfolioId);

  // The secret is gone after a reload: it was shown once.
  await page.reload();
  await expect(page.getByTestId('api-key-secret')).toHaveCount(0);

  const reloadedRow = page.getByTestId('api-key-table').getByRole('row', { name: new RegExp(keyName) });
  await reloadedRow.getByRole('button', { name: `Revoke ${keyName}` }).click();
  await expect(reloadedRow).toContainText('Revoke this key?');
  await reloadedRow.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(reloadedRow).toContainText('Revoked');

  const refused = await call();
  const refusedBody = (await refused.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  expect(refusedBody.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(refusedBody.data ?? null).toBeNull();
});
