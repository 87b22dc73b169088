// One render of a portfolio's overview asks the API for the portfolio's header once: the layout (page
// header) and the page title (generateMetadata) share it through React's cache. Counted on the API's
// own /metrics, around a plain GET of the page (no script runs, so no link prefetch adds renders).
import { expect, signInAs, test } from '../support/fixtures.ts';

const OPERATION_COUNT = /^probity_graphql_operation_duration_seconds_count\{([^}]*)\} (\d+)$/;

async function operationCount(apiUrl: string, operation: string): Promise<number> {
  // The setup's API has no metrics token (it inherits only inheritedEnvironment()'s variables).
  const response = await fetch(new URL('/metrics', apiUrl));
  expect(response.status, 'GET /metrics').toBe(200);
  let count = 0;
  for (const line of (await response.text()).split('\n')) {
    const match = OPERATION_COUNT.exec(line);
    if (match && match[1]!.includes(`operation="${operation}"`)) count += Number(match[2]);
  }
  return count;
}

test("an overview render asks for the portfolio's header once, and shows it as the title and the heading", async ({ page, stack }) => {
  await signInAs(page, 'VIEWER');
  // The portfolio list's links are prefetched after sign-in; let them finish before counting.
  await page.waitForLoadState('networkidle');
  await page.goto('about:blank');

  const before = await operationCount(stack.apiUrl, 'PortfolioHeader');
  const response = await page.request.get(`/portfolios/${stack.retailPortfolioId}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  const after = await operationCount(stack.apiUrl, 'PortfolioHeader');

  const title = /<title>(.+?) · Probity<\/title>/.exec(html)?.[1];
  expect(title, 'the page title').toBeTruthy();
  expect(title).not.toBe('Portfolio');
  expect(html).toContain(`<h1>${title}</h1>`);
  expect(after - before, 'PortfolioHeader operations for one render').toBe(1);
});
