// The layout at 360, 1280 and 1920 px in the light and the dark theme: no
// sideways scroll anywhere; on a wide screen the panels fill the width (no
// empty column beside them) and an open lesson's card sits beside the panels
// with its table and chart inside it. Screenshots of every combination go to
// build/screenshots/layout-*.png. The dark theme really is dark (the page's
// background from prefers-color-scheme) and the charts are drawn in it.
import test from 'node:test';
import assert from 'node:assert/strict';

import { openPage, screenshotPath, useSiteAndBrowser } from './harness.mjs';

const env = useSiteAndBrowser();

const WIDTHS = [360, 1280, 1920];
const THEMES = ['light', 'dark'];

/** Width facts of the page as laid out now. */
function measure(page) {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const panels = [...main.querySelectorAll(':scope > section.panel')].filter((p) => p.offsetParent !== null).map((p) => p.getBoundingClientRect());
    const card = document.querySelector('#lesson-card');
    const c = card && !card.hidden ? card.getBoundingClientRect() : null;
    const m = main.getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      panelsRight: Math.max(...panels.map((p) => p.right)),
      columns: new Set(panels.map((p) => Math.round(p.left))).size,
      main: { left: m.left, right: m.right, top: m.top },
      card: c && { left: c.left, right: c.right, top: c.top, bottom: c.bottom },
      cardHasFigures: Boolean(card?.querySelector('[data-testid=lesson-table]')) && Boolean(card?.querySelector('[data-testid=lesson-chart]')),
      background: getComputedStyle(document.documentElement).backgroundColor,
    };
  });
}

for (const theme of THEMES) {
  test(`layout and screenshots, ${theme} theme: the page, a lesson, the 2-D view and the class view at ${WIDTHS.join(', ')} px`, async () => {
    for (const width of WIDTHS) {
      const viewport = { width, height: width === 360 ? 780 : 1000 };
      const page = await openPage(env.browser, `${env.server.url}#units=16&epochs=1`, { viewport, colorScheme: theme });
      await page.waitForFunction(() => /Default model loaded/.test(document.querySelector('[data-testid=status]').textContent), null, { timeout: 60000 });
      // The dark theme is the system's: the page follows it.
      const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      assert.equal(dark, theme === 'dark');
      const m = await measure(page);
      const [r, g, b] = m.background.match(/\d+/g).map(Number);
      assert.ok(theme === 'dark' ? r + g + b < 120 : r + g + b > 600, `${theme} background ${m.background}`);
      assert.ok(m.scrollWidth <= width, `${width} px: no sideways scroll (${m.scrollWidth})`);
      if (width === 360) assert.equal(m.columns, 1, 'one column on a phone');
      else {
        assert.ok(m.columns >= 4, `${width} px: ${m.columns} columns`);
        assert.ok(m.panelsRight >= width - 40, `${width} px: the panels reach the right edge (${m.panelsRight})`);
      }
      await page.screenshot({ path: screenshotPath(`layout-page-${width}-${theme}.png`), fullPage: true });

      // A lesson: its card beside the panels on a wide screen, above them on a phone.
      await page.evaluate(() => { location.hash = '#exercise=1&units=16&epochs=1'; });
      await page.getByTestId('exercise-card').waitFor({ state: 'visible' });
      const l = await measure(page);
      assert.ok(l.cardHasFigures, 'the card holds the table and the chart it names');
      assert.ok(l.scrollWidth <= width, `${width} px with a lesson: no sideways scroll (${l.scrollWidth})`);
      if (width >= 1280) {
        assert.ok(l.card.right <= l.main.left, `${width} px: the card (${l.card.left}-${l.card.right}) is beside the panels (from ${l.main.left})`);
        assert.ok(Math.abs(l.card.top - l.main.top) < 40, `${width} px: card and panels start together (${l.card.top}, ${l.main.top})`);
      } else {
        assert.ok(l.card.bottom <= l.main.top + 1, 'on a phone the card is above the panels');
      }
      await page.screenshot({ path: screenshotPath(`layout-lesson-${width}-${theme}.png`), fullPage: false });
      assert.deepEqual(page.problems, []);
      await page.close();

      for (const [view, url] of [['plane', 'plane.html'], ['plane-lesson', 'plane.html#exercise=11'], ['class', 'class.html']]) {
        const p = await openPage(env.browser, `${env.server.url}${url}`, { viewport, colorScheme: theme });
        await p.waitForTimeout(500);
        const sw = await p.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(sw <= width, `${view} at ${width} px: no sideways scroll (${sw})`);
        await p.screenshot({ path: screenshotPath(`layout-${view}-${width}-${theme}.png`), fullPage: true });
        assert.deepEqual(p.problems, []);
        await p.close();
      }
    }
  });
}

test('dark theme: the charts are drawn on the dark chart background in the dark palette', async () => {
  const page = await openPage(env.browser, `${env.server.url}#activation=elu`, { colorScheme: 'dark' });
  await page.waitForSelector('[data-testid=chart-curve] canvas');
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-curve] .chart-summary')?.textContent.includes('ELU'));
  const pixel = await page.evaluate(() => {
    const c = document.querySelector('[data-testid=chart-curve] canvas');
    return [...c.getContext('2d').getImageData(2, 2, 1, 1).data];
  });
  assert.deepEqual(pixel.slice(0, 3), [0x1d, 0x1f, 0x23], 'the dark chart background');
  const swatch = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid=chart-curve] .chart-legend i')).borderTopColor);
  assert.equal(swatch, 'rgb(138, 180, 248)', 'f(x) in the dark palette\'s blue');
  await page.close();
});
