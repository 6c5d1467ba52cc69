// The activation lab in headless Chromium: exercises (each observation must
// hold with its default seed), compare mode, embed, Korean, weights round trip.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { EXERCISES } from '../../web/src/lessons/exercises.js';
import { lessonText } from '../../web/src/i18n/lessons.js';
import { METRICS } from '../../web/src/lessons/metrics.js';
import { checkMetrics, evaluate } from '../../web/src/lessons/verdict.js';
import { DIGIT_STROKES, drawStrokes, openPage, screenshotPath, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

/** Reads the compare table: {activation: {metric: number|null}}. */
async function compareTable(page) {
  return page.$$eval('[data-testid=compare-results] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.dataset.activation,
        Object.fromEntries(
          [...tr.querySelectorAll('[data-metric]')].map((td) => [td.dataset.metric, td.dataset.value === undefined ? null : td.dataset.value]),
        ),
      ]),
    ),
  );
}

async function runComparison(page, timeout = 240000) {
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.waitForFunction(() => document.body.dataset.compare === 'done', null, { timeout });
}

// Every lesson, as a class would run it: open its link, press Run in the card,
// wait for the verdict. The expectation is the lesson's own declared check
// (evaluated in the page by verdict.js); here it must hold with the default seed,
// and the figures behind it must be the ones in the table.
for (const ex of EXERCISES.filter((e) => !e.view)) {
  test(`lesson ${ex.n}: ${lessonText(ex, 'en').title}`, async () => {
    const page = await openPage(env.browser, `${env.server.url}#exercise=${ex.n}`);
    const card = page.getByTestId('exercise-card');
    await card.getByRole('heading', { name: `${ex.n}. ${lessonText(ex, 'en').title}` }).waitFor();
    assert.equal(await page.getByTestId('exercise-expect').textContent(), lessonText(ex, 'en').expect);
    // #exercise=N alone sets the lesson up.
    assert.equal(await page.getByLabel('Epochs').inputValue(), new URLSearchParams(ex.hash.slice(1)).get('epochs'));
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    assert.equal(await page.getByTestId('lesson-run').isDisabled(), true);
    await page.waitForSelector('[data-testid=lesson-verdict][data-holds]', { timeout: 240000 });
    const verdict = page.getByTestId('lesson-verdict');
    const holds = await verdict.getAttribute('data-holds');
    const sentence = await verdict.textContent();
    assert.equal(holds, 'true', `lesson ${ex.n}: ${sentence}`);
    assert.match(sentence, /^The observation holds: .*✓/);
    // The observation shows the numbers, for every run of the lesson.
    const lines = await page.getByTestId('lesson-observation').locator('li').allTextContents();
    assert.equal(lines.length, checkMetrics(ex).length);
    for (const line of lines) assert.match(line, /\d/);
    // The figures the verdict read are the ones in the table.
    const figures = await page.evaluate(() => window.playgroundTest.compareFigures());
    const table = await compareTable(page);
    for (const [id, r] of Object.entries(figures)) {
      assert.ok(table[id], `row for ${id}`);
      assert.equal(Number(table[id]['dead-fraction']), r.deadFraction);
      assert.equal(Number(table[id]['inactive-fraction']), r.inactiveFraction);
      assert.equal(Number(table[id]['grad-norm-first']), r.gradNormFirst);
      assert.equal(Number(table[id]['val-accuracy']), r.valAccuracy);
    }
    // ...and the same verdict follows from them in node.
    assert.equal(evaluate(ex, figures).holds, true);
    // The columns the question is about are highlighted in the table.
    const highlighted = await page.$$eval('[data-testid=compare-results] thead th.highlight', (ths) => ths.map((th) => th.dataset.metric));
    assert.deepEqual(highlighted.sort(), [...new Set(checkMetrics(ex).map((m) => METRICS[m].column).filter(Boolean))].sort());
    if (ex.n === 4) {
      // Dead means no gradient: ReLU's units are, the fixes' are not, though many are inactive.
      assert.ok(figures.relu.deadFraction > 0.5);
      for (const id of ['leaky_relu', 'prelu', 'elu']) assert.equal(figures[id].deadFraction, 0, id);
      assert.ok(figures.leaky_relu.inactiveFraction > 0.5);
      assert.match(lines[0], /^dead units — ReLU 100\.0%, Leaky ReLU 0\.0%, ELU 0\.0%, PReLU 0\.0%$/);
      await page.screenshot({ path: screenshotPath('lesson-4-dying-relu.png'), fullPage: true });
    }
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

test('lessons: Previous/Next move between them, Stop stops, autorun=1 starts on open', async () => {
  const page = await openPage(env.browser, `${env.server.url}#exercise=1`);
  assert.equal(await page.getByTestId('lesson-previous').count(), 0);
  await page.getByTestId('lesson-next').click();
  await page.getByRole('heading', { name: `2. ${lessonText(EXERCISES[1], 'en').title}` }).waitFor();
  assert.equal(await page.getByLabel('Hidden layers').inputValue(), '6');
  await page.getByTestId('lesson-previous').click();
  await page.getByRole('heading', { name: `1. ${lessonText(EXERCISES[0], 'en').title}` }).waitFor();
  await page.getByTestId('lesson-run').click();
  await page.waitForFunction(() => document.body.dataset.compare === 'training');
  await page.getByTestId('lesson-stop').click();
  await page.waitForFunction(() => /Stopped after/.test(document.querySelector('.lesson-progress-text').textContent));
  assert.equal(await page.getByTestId('lesson-run').isEnabled(), true);
  assert.equal(await page.getByTestId('lesson-verdict').isHidden(), true);
  // A teacher's link that starts the lesson by itself.
  const auto = await openPage(env.browser, `${env.server.url}#exercise=5&autorun=1`);
  await auto.waitForSelector('[data-testid=lesson-verdict][data-holds=true]', { timeout: 120000 });
  assert.doesNotMatch(auto.url(), /autorun/);
  assert.deepEqual([...page.problems, ...auto.problems], []);
  await auto.close();
  await page.close();
});

test('compare mode: all seven by default, one series each, predictions for a drawn digit', async () => {
  const page = await openPage(env.browser, `${env.server.url}#epochs=1`);
  const picked = await page.$$eval('#compare-picks input:checked', (els) => els.map((e) => e.value));
  assert.deepEqual(picked, ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'elu', 'maxout']);
  await drawStrokes(page, DIGIT_STROKES[7]);
  await runComparison(page);
  const rows = await page.$$eval('[data-testid=compare-results] tbody tr', (trs) => trs.map((tr) => tr.dataset.activation));
  assert.deepEqual(rows, picked);
  const series = await page.evaluate(() => window.playgroundTest.chartSeries());
  assert.equal(series.compareVal, 7);
  assert.equal(series.compareLoss, 7);
  const legend = await page.locator('#chart-compare-val .chart-legend').textContent();
  for (const name of ['Sigmoid', 'Tanh', 'ReLU', 'Leaky ReLU', 'PReLU', 'ELU', 'Maxout']) assert.match(legend, new RegExp(name));
  // Predictions are refreshed after every epoch: wait for the final ones.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=compare-results] tbody [data-metric=prediction]')].every((td) => td.dataset.value !== undefined));
  const preds = await page.$$eval('[data-testid=compare-results] tbody [data-metric=prediction]', (tds) => tds.map((td) => td.textContent));
  assert.ok(preds.filter((p) => p === '7').length >= 5, `predictions ${preds}`);
  // Same initial weights wherever shapes agree: ReLU and Leaky ReLU (slope 0.01) start identically,
  // so after one epoch their accuracies are close.
  const table = await compareTable(page);
  assert.ok(Math.abs(Number(table.relu['val-accuracy']) - Number(table.leaky_relu['val-accuracy'])) < 0.01);
  assert.equal(Number(table.maxout.parameters), 784 * 1024 + 1024 + 5120 + 10);
  // Choosing a row shows that run's per-layer diagnostics.
  await page.locator('[data-testid=compare-results] tr[data-activation=maxout]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=diag-layers]').textContent.includes('pieces'));
  await page.screenshot({ path: screenshotPath('compare-mode.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('diagnostics panel: per-layer figures, weight grid, confusion matrix and gallery after training', async () => {
  const page = await openPage(env.browser, `${env.server.url}#layers=2&units=64&activation=prelu&epochs=1`);
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=diag-layers] tbody tr').length === 2);
  const grads = await page.$$eval('[data-testid=diag-layers] [data-metric=grad-norm]', (tds) => tds.map((td) => Number(td.dataset.value)));
  assert.ok(grads.every((g) => g > 0));
  assert.equal(await page.locator('#alpha-figure').isVisible(), true);
  await page.waitForFunction(() => document.querySelector('[data-testid=weight-grid]').width > 100);
  const cells = await page.$$eval('[data-testid=confusion] td', (tds) => tds.reduce((a, td) => a + Number(td.textContent || 0), 0));
  assert.equal(cells, 2000);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=gallery] figure').length > 0);
  await page.close();
});

test('an embed link renders within 800 px with only the chosen panels', async () => {
  const page = await openPage(env.browser, `${env.server.url}#embed=1&show=draw,activation&activation=elu`, { viewport: { width: 800, height: 900 } });
  const visible = await page.$$eval('main > section', (secs) => secs.filter((s) => !s.hidden).map((s) => s.id));
  assert.deepEqual(visible.sort(), ['panel-activation', 'panel-draw']);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 800, `scroll width ${width}`);
  await drawStrokes(page, DIGIT_STROKES[1]);
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent === '1');
  await page.screenshot({ path: screenshotPath('embed-view.png'), fullPage: true });
  // Inside an iframe of an 800 px blog column.
  const blog = await openBlog(page, `${env.server.url}#embed=1&hide=compare,diagnostics,exercises,share`);
  const frame = blog.frameLocator('iframe');
  await frame.locator('body[data-ready="1"]').waitFor({ timeout: 30000 });
  assert.equal(await frame.getByLabel('Activation', { exact: true }).isVisible(), true);
  assert.equal(await frame.locator('#panel-compare').isHidden(), true);
  await page.close();
});

async function openBlog(page, src) {
  const html = `<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0"><article style="width:800px">
    <h1>[DL] 활성화 함수</h1><iframe src="${src}" width="100%" height="900" style="border:0" title="Activation Playground"></iframe></article></body></html>`;
  await page.setContent(html);
  return page;
}

test('lang=ko shows the Korean interface, exercise texts included', async () => {
  const page = await openPage(env.browser, `${env.server.url}#lang=ko&exercise=4&compare=relu,leaky_relu`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
  assert.equal(await page.title(), '활성화 함수 놀이터');
  assert.equal(await page.locator('#draw-title').textContent(), '숫자 그리기');
  assert.equal(await page.getByRole('button', { name: '학습' }).count(), 1);
  assert.match(await page.getByTestId('exercise-card').textContent(), /죽은 ReLU/);
  assert.match(await page.getByTestId('activation-note').textContent(), /뉴런/);
  await page.getByLabel('언어').selectOption('en');
  assert.equal(await page.locator('#draw-title').textContent(), 'Draw a digit');
  assert.match(page.url(), /lang=en/);
  await page.close();
});

test('state lives in the URL: shareable, and back/forward work', async () => {
  const page = await openPage(env.browser, env.server.url);
  await page.getByLabel('Activation', { exact: true }).selectOption('elu');
  await page.getByLabel('Alpha').fill('0.5');
  await page.getByLabel('Alpha').dispatchEvent('change');
  assert.match(page.url(), /#activation=elu&alpha=0\.5$/);
  const embed = await page.getByTestId('embed-code').inputValue();
  assert.match(embed, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#activation=elu&alpha=0\.5&embed=1"/);
  await page.getByTestId('exercise-2').click();
  await page.waitForFunction(() => document.querySelector('#layers').value === '6');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#activation').value === 'elu' && document.querySelector('#layers').value === '1');
  assert.equal(await page.getByLabel('Alpha').inputValue(), '0.5');
  await page.close();
});

test('weights round-trip through download and upload; a corrupt file changes nothing', async () => {
  const page = await openPage(env.browser, `${env.server.url}#activation=tanh&units=32&epochs=1`);
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
  await drawStrokes(page, DIGIT_STROKES[0]);
  await page.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  const probsBefore = await page.$$eval('[data-testid=probabilities] li', (lis) => lis.map((li) => li.dataset.probability));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download weights' }).click()]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'w-'));
  const file = path.join(dir, 'tanh.apw');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 4).toString(), 'APWT');
  // CSV of the curves.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download curves (CSV)' }).click()]);
  const csvPath = path.join(dir, 'c.csv');
  await csv.saveAs(csvPath);
  assert.match(fs.readFileSync(csvPath, 'utf8'), /^run,activation_label,kind,epoch,value\n.*val_accuracy,1,0\.\d+/ms);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download charts (PNG)' }).click()]);
  const pngPath = path.join(dir, 'c.png');
  await png.saveAs(pngPath);
  const pngBytes = fs.readFileSync(pngPath);
  assert.equal(pngBytes.subarray(1, 4).toString(), 'PNG');
  // The charts on screen, stacked: f and f' (200 px), the loss (220) and the two per-epoch charts (200 each).
  const [pngWidth, pngHeight] = [pngBytes.readUInt32BE(16), pngBytes.readUInt32BE(20)];
  assert.ok(pngWidth >= 200 && pngHeight >= 820, `PNG ${pngWidth}×${pngHeight}`);

  // A fresh page (default model) gets the file; the prediction for the same drawing matches.
  const fresh = await openPage(env.browser, env.server.url);
  const corrupt = Buffer.from(bytes);
  corrupt[corrupt.length - 10] ^= 0xff;
  fs.writeFileSync(path.join(dir, 'corrupt.apw'), corrupt);
  await drawStrokes(fresh, DIGIT_STROKES[0]);
  await fresh.waitForFunction(() => document.querySelector('[data-testid=prediction]').textContent !== '');
  const defaultProbs = await fresh.$$eval('[data-testid=probabilities] li', (lis) => lis.map((li) => li.dataset.probability));
  await fresh.getByLabel('Upload weights').setInputFiles(path.join(dir, 'corrupt.apw'));
  await fresh.waitForSelector('[data-testid=error]:not([hidden])');
  assert.match(await fresh.getByTestId('error').textContent(), /Could not load the weights: .*checksum/);
  await drawStrokes(fresh, []);
  assert.deepEqual(await fresh.$$eval('[data-testid=probabilities] li', (lis) => lis.map((li) => li.dataset.probability)), defaultProbs);
  await fresh.getByLabel('Upload weights').setInputFiles(file);
  await fresh.waitForFunction(() => /Weights loaded: 784-32\(tanh\)-10/.test(document.querySelector('[data-testid=status]').textContent));
  await fresh.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('[data-testid=probabilities] li')].map((li) => li.dataset.probability)) === JSON.stringify(want), probsBefore);
  await fresh.close();
  await page.close();
});

test('a comparison that would not fit the per-tab memory budget is refused before it starts', async () => {
  const page = await openPage(env.browser, `${env.server.url}#activation=maxout&k=8&layers=8&units=1024&epochs=1`);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const alert = page.locator('#alert');
  await alert.waitFor({ state: 'visible' });
  assert.match(await alert.textContent(), /about [\d,]+ MB of memory for 8 network\(s\); the page keeps to 1024 MB per tab/);
  assert.equal(await page.evaluate(() => document.body.dataset.compare), undefined, 'nothing started');
  assert.equal(await page.getByRole('button', { name: 'Compare', exact: true }).isEnabled(), true);
  // The page is still usable: a small network trains.
  await page.evaluate(() => (location.hash = '#units=16&epochs=1'));
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 60000 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a 360 px phone never scrolls sideways: after a comparison, with diagnostics open', async () => {
  const page = await openPage(env.browser, `${env.server.url}#compare=relu,prelu,maxout&epochs=1&units=64`, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await runComparison(page);
  // Open a row's diagnostics, as a learner would.
  await page.locator('[data-testid=compare-results] tr[data-activation=prelu]').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=diag-layers] tbody tr').length >= 1);
  await page.getByTestId('diag-layers').scrollIntoViewIfNeeded();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  await page.screenshot({ path: screenshotPath('phone-after-compare.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('switching to Korean mid-run leaves no English on the status line, the card or the table', async () => {
  const page = await openPage(env.browser, `${env.server.url}#exercise=3`);
  await page.getByTestId('lesson-run').click();
  await page.waitForFunction(() => document.body.dataset.compare === 'training');
  await page.getByLabel('Language').selectOption('ko');
  const status = await page.getByTestId('status').textContent();
  assert.match(status, /[가-힣]/, status);
  assert.doesNotMatch(status, /Training|networks|workers|Comparison/, status);
  assert.equal(await page.getByTestId('lesson-run').textContent(), '실행');
  assert.match(await page.getByTestId('exercise-card').locator('h2').textContent(), /ReLU가 더 빨리 학습한다/);
  assert.equal(await page.locator('[data-testid=compare-results] th[data-metric=dead-fraction]').textContent(), '죽은 유닛 (첫 층)');
  // Through to the end, still in Korean.
  await page.waitForSelector('[data-testid=lesson-verdict][data-holds]', { timeout: 240000 });
  assert.match(await page.getByTestId('lesson-verdict').textContent(), /^예상한 관찰이 맞습니다: /);
  assert.match(await page.getByTestId('status').textContent(), /[가-힣]/);
  assert.match(page.url(), /lang=ko/);
  await page.close();
});
