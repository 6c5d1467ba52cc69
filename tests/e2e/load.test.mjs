// The first view loads only what it needs (issue: open fast anywhere): one
// engine build, the compact default model, no training data before the first
// prediction; compressed responses; a bad model file leaves a usable page.
import test from 'node:test';
import assert from 'node:assert/strict';

import { DIGIT_STROKES, drawStrokes, openPage, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

test('before the first prediction: one engine build, the model, no training data; the data follows quietly', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r));
  const wasm = [];
  page.on('response', (r) => r.url().endsWith('.wasm') && wasm.push(r.headers()));
  await page.goto(env.server.url);
  await page.waitForSelector('#pad[data-ready]', { state: 'visible' });
  await drawStrokes(page, DIGIT_STROKES[7]); // at once, before the model is in
  // Predictions of the stroke so far may land first: wait for the finished 7's.
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '7', null, { timeout: 30000 });
  // When the page first showed a prediction, on the clock requests are timed with.
  const firstPrediction = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('first-prediction')[0].startTime);
  // A request's timing is known once its response has begun: wait for those under way (a prefetch may just have started).
  await Promise.all(requests.map((r) => r.response().catch(() => null)));
  const early = requests.filter((r) => r.timing().startTime < firstPrediction).map((r) => new URL(r.url()).pathname);
  const when = (re) => `${requests.filter((r) => re.test(r.url())).map((r) => (r.timing().startTime - firstPrediction).toFixed(1)).join(', ')} ms after the first prediction`;
  assert.ok(early.some((p) => /engine-simd-.*\.wasm$/.test(p)), early.join(' '));
  assert.ok(early.some((p) => p.endsWith('/models/default.apw')));
  for (const p of early) {
    assert.doesNotMatch(p, /engine-scalar/, 'the other engine build is never fetched');
    assert.doesNotMatch(p, /\/data\//, `no training data before the first prediction (requested ${when(/\/data\//)})`);
    assert.doesNotMatch(p, /katex|\.woff2?$|\.ttf$/, 'no KaTeX runtime or fonts: the formulas come as MathML');
  }
  // The wasm comes compressed, with its type.
  assert.equal(wasm[0]['content-type'], 'application/wasm');
  assert.match(wasm[0]['content-encoding'] ?? '', /^(br|gzip)$/);
  // The training data then downloads in the background, without a word on the status line.
  for (let i = 0; i < 300 && !requests.some((r) => /\/data\/mnist\/train-images/.test(r.url())); i++) await page.waitForTimeout(100);
  assert.ok(requests.some((r) => /\/data\/mnist\/train-images/.test(r.url())), 'the data is prefetched after the first prediction');
  assert.match(await page.getByTestId('status').textContent(), /Default model loaded/);
  assert.ok(!requests.some((r) => /engine-scalar|\/data\/fashion\//.test(r.url())));
  await context.close();
});

test('Train pressed before the data is in shows its progress, then trains', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  // A slow link for the data only.
  await page.route('**/data/mnist/train-images*', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(`${env.server.url}#units=32&epochs=1`);
  await page.waitForSelector('body[data-ready="1"]');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => /Loading MNIST/.test(document.querySelector('[data-testid=status]').textContent));
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
  assert.match(await page.getByTestId('val-accuracy').textContent(), /%$/);
  await context.close();
});

for (const [what, damage, message] of [
  ['truncated', (b) => b.subarray(0, b.length - 1000), /Could not load the weights: .*truncated/],
  ['corrupt', (b) => Object.assign(Buffer.from(b), { [b.length - 500]: b[b.length - 500] ^ 0xff }), /Could not load the weights: .*checksum/],
]) {
  test(`a ${what} default model gives a clear error and the page stays usable`, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.route('**/models/default.apw', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: damage(await res.body()) });
    });
    await page.goto(`${env.server.url}#units=32&epochs=1`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    assert.match(await page.getByTestId('error').textContent(), message);
    // Train a network instead; it answers the drawing.
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
    await drawStrokes(page, DIGIT_STROKES[1]);
    await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
    await context.close();
  });
}
