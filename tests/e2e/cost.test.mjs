// "Costs an exp", measured where the cost lives (the engine): the activation
// panel, the compare table's column, the step breakdown, and lessons 6 and 7,
// whose cost verdicts must not flip on a busy machine.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

import { openPage, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

test('the activation panel says what the chosen activation costs per element, against ReLU', async () => {
  const page = await openPage(env.browser, `${env.server.url}#activation=elu`);
  const cost = page.getByTestId('activation-cost');
  await page.waitForFunction(() => document.querySelector('[data-testid=activation-cost]').dataset.value);
  assert.match(await cost.textContent(), /^Per element: \d+(\.\d)?× ReLU \(f [\d.]+ ns, f′ [\d.]+ ns/);
  assert.ok(Number(await cost.getAttribute('data-value')) > 2);
  await page.getByLabel('Activation', { exact: true }).selectOption('relu');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=activation-cost]').dataset.value) < 2);
  await page.close();
});

test('the compare table has each run\'s activation cost; the diagnostics break a step down', async () => {
  const page = await openPage(env.browser, `${env.server.url}#compare=relu,sigmoid&epochs=1&units=64`);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.waitForFunction(() => document.body.dataset.compare === 'done', null, { timeout: 120000 });
  const costs = await page.$$eval('[data-testid=compare-results] tbody [data-metric=activation-cost]', (tds) => Object.fromEntries(tds.map((td) => [td.closest('tr').dataset.activation, Number(td.dataset.value)])));
  assert.ok(costs.sigmoid > 2 * costs.relu, JSON.stringify(costs));
  await page.locator('[data-testid=compare-results] tr[data-activation=sigmoid]').click();
  const bar = page.getByTestId('step-breakdown');
  await bar.locator('li[data-stage=gemm]').waitFor();
  const stages = await bar.locator('li').evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.dataset.stage, Number(li.dataset.value)])));
  assert.deepEqual(Object.keys(stages), ['gemm', 'activation', 'loss', 'optimizer', 'other']);
  assert.ok(Object.values(stages).every((v) => v >= 0));
  assert.ok(stages.gemm > stages.activation, JSON.stringify(stages));
  const widths = await bar.locator('.bar .seg').evaluateAll((s) => s.reduce((a, e) => a + parseFloat(e.style.width), 0));
  assert.ok(Math.abs(widths - 100) < 0.1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the runs of one worker advance step for step, so their times are taken at the same moments (lesson 7)', async () => {
  const page = await openPage(env.browser, `${env.server.url}#exercise=7`);
  await page.getByTestId('lesson-run').click();
  await page.waitForSelector('[data-testid=lesson-verdict][data-holds]', { timeout: 240000 });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download curves (CSV)' }).click()]);
  const text = await new Promise((resolve, reject) => {
    csv.createReadStream().then((s) => {
      let buf = '';
      s.on('data', (d) => (buf += d)).on('end', () => resolve(buf)).on('error', reject);
    }, reject);
  });
  // The per-step loss points of each run: where each chunk of steps ended.
  const xs = {};
  for (const line of text.trim().split('\n').slice(1)) {
    const [, activation, kind, x] = line.split(',');
    if (kind === 'train_loss_step') (xs[activation.replaceAll('"', '')] ??= []).push(Number(x));
  }
  assert.deepEqual(Object.keys(xs).sort(), ['maxout', 'relu']);
  assert.ok(xs.relu.length >= 3, `${xs.relu.length} chunks`);
  assert.deepEqual(xs.relu, xs.maxout, 'both runs ended their chunks at the same steps');
  await page.close();
});

test('lessons 6 and 7 give the same verdict 5 times out of 5 with one core kept busy', async () => {
  const spinner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
  try {
    for (const n of [6, 7]) {
      for (let i = 0; i < 5; i++) {
        const page = await openPage(env.browser, `${env.server.url}#exercise=${n}`);
        await page.getByTestId('lesson-run').click();
        await page.waitForSelector('[data-testid=lesson-verdict][data-holds]', { timeout: 240000 });
        const verdict = page.getByTestId('lesson-verdict');
        assert.equal(await verdict.getAttribute('data-holds'), 'true', `lesson ${n}, run ${i + 1}: ${await verdict.textContent()}`);
        await page.close();
      }
    }
  } finally {
    spinner.kill();
  }
});

test('the activations after the note are everywhere the seven are, off in the default comparison', async () => {
  const page = await openPage(env.browser, `${env.server.url}#activation=gelu&approximate=1`);
  const select = page.getByLabel('Activation', { exact: true });
  const names = await select.locator('option').allTextContents();
  for (const n of ['GELU', 'SiLU (Swish)', 'Mish', 'SELU', 'Softplus']) assert.ok(names.includes(n), n);
  assert.equal(await select.inputValue(), 'gelu');
  assert.equal(await page.getByLabel('Tanh approximation').inputValue(), '1');
  assert.match(await page.getByTestId('formula').textContent(), /Φ|erf/);
  const picked = await page.$$eval('#compare-picks input:checked', (els) => els.map((e) => e.value));
  assert.deepEqual(picked, ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'elu', 'maxout']);
  assert.equal(await page.locator('#compare-picks input[value=selu]').count(), 1);
  await select.selectOption('selu');
  await page.getByLabel('Weight initialiser').selectOption('lecun_normal');
  assert.match(page.url(), /activation=selu&init=lecun_normal/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
