// A lesson handed in and read by the class view, in headless Chromium: the
// page's lesson run saved as a result file (name and answer kept between
// visits), dropped into class.html with 30 generated results and 5 hostile
// files: 31 rows, 5 errors, the holding verdicts counted, a CSV of 31 lines and
// a header; the worksheet prints without the rest of the page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { makeResult } from '../../web/src/lessons/result-file.js';
import { openPage, screenshotPath, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

/** 30 results of lesson 4 from made-up students, `holding` of them with a holding verdict. */
function classFiles(dir, holding) {
  return Array.from({ length: 30 }, (_, i) => {
    const f = path.join(dir, `4-student-${i}.apresult.json`);
    fs.writeFileSync(f, makeResult({
      lesson: 4, name: `Student ${String(i).padStart(2, '0')}`, answer: `answer ${i}`, link: 'http://127.0.0.1/#exercise=4',
      figures: { relu: { deadFraction: i < holding ? 1 : 0.2 }, leaky_relu: { deadFraction: 0 } },
      curves: { relu: [[1, 0.1 + i / 100, 2, 2]], leaky_relu: [[1, 0.8, 0.6, 0.7]] },
      verdict: { holds: i < holding, sentence: 'The observation …' }, build: 'test',
    }));
    return f;
  });
}

function hostileFiles(dir) {
  const files = { 'not-json.json': '<b>bold</b>', 'wrong-format.json': '{"format":"x"}', 'empty.json': '', 'array.json': '[1,2,3]', 'huge.json': 'x'.repeat(1024 * 1024 + 1) };
  return Object.entries(files).map(([name, text]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  });
}

test('a lesson handed in, read in the class view with 30 others and 5 hostile files', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'class-'));
  const page = await openPage(env.browser, `${env.server.url}#exercise=1`);
  const card = page.getByTestId('exercise-card');
  await card.getByTestId('student-name').fill('김민지');
  await card.getByTestId('answer').fill('출력이 모두 양수이면 기울기의 부호가 같아집니다.');
  assert.equal(await card.getByTestId('hand-in').isDisabled(), true, 'nothing to hand in before the run');
  await card.getByTestId('lesson-run').click();
  await page.waitForSelector('[data-testid=lesson-verdict][data-holds]', { timeout: 240000 });
  const holds = (await page.getByTestId('lesson-verdict').getAttribute('data-holds')) === 'true';
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('hand-in').click()]);
  assert.equal(download.suggestedFilename(), '1-김민지.apresult.json');
  const mine = path.join(dir, download.suggestedFilename());
  await download.saveAs(mine);
  const saved = JSON.parse(fs.readFileSync(mine, 'utf8'));
  assert.equal(saved.format, 'activation-playground-result');
  assert.ok(fs.statSync(mine).size <= 64 * 1024);
  assert.deepEqual(Object.keys(saved.curves), ['sigmoid', 'tanh']);
  assert.equal(saved.curves.tanh.length, 2, 'a point per epoch');
  // The name and the answer are kept in this browser between visits.
  await page.reload();
  await page.getByTestId('student-name').waitFor();
  assert.equal(await page.getByTestId('student-name').inputValue(), '김민지');
  assert.match(await page.getByTestId('answer').inputValue(), /^출력이 모두 양수/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('main.grid').isVisible(), false, 'the worksheet prints the card alone');
  await page.screenshot({ path: screenshotPath('worksheet-print.png'), fullPage: true });
  await page.close();

  const cls = await openPage(env.browser, `${env.server.url}class.html`);
  await cls.waitForSelector('body[data-ready="1"]');
  await cls.getByTestId('class-files').setInputFiles([mine, ...classFiles(dir, 12), ...hostileFiles(dir)]);
  await cls.waitForFunction(() => document.querySelectorAll('[data-testid=class-row]').length === 31);
  assert.equal(await cls.getByTestId('class-errors').count(), 5);
  assert.equal(await cls.locator('[data-testid=class-row][data-holds=true]').count(), 12 + (holds ? 1 : 0));
  assert.match(await cls.getByTestId('class-summary').textContent(), new RegExp(`^31 results; the verdict holds in ${12 + (holds ? 1 : 0)}\\. 5 files not read\\.$`));
  assert.equal(await cls.locator('[data-testid=class-row][data-lesson="1"]').count(), 1);
  assert.match(await cls.getByTestId('class-errors').first().textContent(), /^not-json\.json: the file is not JSON$/);
  assert.equal(await cls.locator('b').count(), 0, 'no text became HTML');
  // Sort by name, filter, and the CSV.
  assert.equal(await cls.getByTestId('class-row').first().locator('td').first().textContent(), 'Student 00', 'sorted by name');
  await cls.getByRole('button', { name: 'Name' }).click();
  assert.equal(await cls.getByTestId('class-row').first().locator('td').first().textContent(), '김민지', 'and the other way');
  const [csv] = await Promise.all([cls.waitForEvent('download'), cls.getByTestId('class-csv').click()]);
  const lines = fs.readFileSync(await csv.path(), 'utf8').trim().split('\n');
  assert.equal(lines.length, 32);
  await cls.locator('#class-filter').fill('김민지');
  await cls.waitForFunction(() => document.querySelectorAll('[data-testid=class-row]').length === 1);
  await cls.screenshot({ path: screenshotPath('class-view.png'), fullPage: true });
  assert.deepEqual(cls.problems, []);
  await cls.close();
});
