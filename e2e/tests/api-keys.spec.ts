// An admin creates an API key in the dashboard; a plain HTTP client reads the portfolio with it through
// GraphQL; after the admin revokes it in the dashboard, the same request is refused. A key follows the
// person who created it: once they are disabled, it is refused and the list shows it suspended, where it
// can still be revoked for good.
import { expect, signInAs, test } from '../support/fixtures.ts';
import { firstSignIn, freshPage, inviteFromMembersPage } from '../support/members.ts';

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

test('a key is suspended while the admin who created it is disabled, can be revoked then, and works again once they are enabled', async ({
  page,
  browser,
  request,
  stack,
}) => {
  const email = `e2e.key.owner.${Date.now()}@demo-bank.example`;
  await signInAs(page, 'ADMIN');
  await inviteFromMembersPage(page, email, 'Kim Keyholder', 'ADMIN');
  const temporary = ((await page.getByTestId('temporary-password').textContent()) ?? '').trim();
  const owner = await freshPage(browser);
  await firstSignIn(owner, email, temporary, 'Kim-own-password-2026');
  // Kim creates two keys: one to keep, one revoked while suspended.
  const createKey = async (name: string) => {
    await owner.goto('/settings/api-keys');
    await owner.getByLabel('Name').fill(name);
    await owner.getByRole('button', { name: 'Create key' }).click();
    const secret = ((await owner.getByTestId('api-key-secret').textContent()) ?? '').trim();
    const status = async () =>
      (
        await request.post(stack.apiUrl, {
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          data: { query: PORTFOLIOS },
        })
      ).status();
    expect(await status()).toBe(200);
    return { row: page.getByTestId('api-key-table').getByRole('row', { name: new RegExp(name) }), status };
  };
  const keyName = `E2E Kim's export ${Date.now()}`;
  const key = await createKey(keyName);
  const droppedName = `E2E Kim's old job ${Date.now()}`;
  const dropped = await createKey(droppedName);

  const member = page.getByTestId('member-table').locator(`tr[data-member-email="${email}"]`);
  // On the Members page: Disable or Enable Kim, and wait for the status that follows.
  const setKim = async (button: 'Disable' | 'Enable') => {
    await page.goto('/settings/members');
    await member.getByRole('button', { name: `${button} Kim Keyholder` }).click();
    await expect(member.getByTestId('member-status')).toHaveText(button === 'Disable' ? 'Disabled' : 'Active');
  };
  await setKim('Disable');
  await expect.poll(key.status).toBe(401);
  await expect.poll(dropped.status).toBe(401);
  await page.goto('/settings/api-keys');
  await expect(key.row).toContainText('Suspended');
  await expect(key.row).toContainText('its creator is disabled or no longer a member');

  // A suspended key can be revoked for good: enabling Kim again does not bring it back.
  await expect(dropped.row).toContainText('Suspended');
  await dropped.row.getByRole('button', { name: `Revoke ${droppedName}` }).click();
  await dropped.row.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(dropped.row).toContainText('Revoked');

  await setKim('Enable');
  await expect.poll(key.status).toBe(200);
  expect(await dropped.status()).toBe(401);
  await page.goto('/settings/api-keys');
  await expect(key.row).toContainText('Active');
  await expect(dropped.row).toContainText('Revoked');

  // Leave Demo Bank with one enabled admin, as the other specs expect.
  await key.row.getByRole('button', { name: `Revoke ${keyName}` }).click();
  await key.row.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(key.row).toContainText('Revoked');
  await setKim('Disable');
});
