// Your own activation on the page: typed, checked by the engine as you type,
// drawn with its derived f', refused with a position when wrong, trained.
import test from 'node:test';
import assert from 'node:assert/strict';

import { openPage, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

test('type a formula: f and f\' drawn; a typo is refused with its position and Train stays off; then it trains', async () => {
  const page = await openPage(env.browser, `${env.server.url}#activation=custom&epochs=1&units=64`);
  const input = page.getByLabel('Your formula f(x)');
  assert.equal(await input.inputValue(), 'x * sigmoid(x)');
  await page.waitForFunction(() => document.querySelector('#chart-curve').dataset.activation === 'custom');
  // A typo: the engine's message and where.
  await input.fill('x * sigmod(x)');
  const error = page.getByTestId('formula-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /unknown function 'sigmod' at 4 — did you mean sigmoid\?/);
  assert.equal(await error.getAttribute('data-position'), '4');
  assert.equal(await page.getByRole('button', { name: 'Train' }).isDisabled(), true);
  await input.fill('x * (1 + x');
  await page.waitForFunction(() => /'\)' expected at 10/.test(document.querySelector('[data-testid=formula-error]').textContent));
  // A good one: drawn, typeset with its derivative, in the URL.
  await input.fill('x * tanh(softplus(x))');
  await error.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => /formula=x/.test(location.hash));
  assert.match(decodeURIComponent(page.url()), /formula=x \* tanh\(softplus\(x\)\)|formula=x\+\*\+tanh/);
  assert.match(await page.getByTestId('formula').textContent(), /tanh/);
  assert.match(await page.locator('#derivative').textContent(), /f′|f'/);
  assert.equal(await page.getByRole('button', { name: 'Train' }).isEnabled(), true);
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
  assert.ok(parseFloat(await page.getByTestId('val-accuracy').textContent()) > 80);
  assert.match(await page.getByTestId('status').textContent(), /Finished 1 epochs/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
