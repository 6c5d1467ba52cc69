// Both themes at WCAG AA contrast: the page's colour variables (light, and dark
// from prefers-color-scheme) for text at 4.5:1 and graphics at 3:1, and the
// charts' palette and ink against the chart background in each theme.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { CHART_THEMES } from '../../web/src/ui/charts.js';

const css = readFileSync(new URL('../../web/src/style.css', import.meta.url), 'utf8');

/** The custom properties of the first block after `marker`. */
function variables(marker) {
  const start = css.indexOf(marker);
  assert.ok(start >= 0, marker);
  const block = css.slice(css.indexOf('{', css.indexOf(':root', start)) + 1, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1], m[2]]));
}

const channel = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function luminance(hex) {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) / 255) + 0.7152 * channel(((n >> 8) & 255) / 255) + 0.0722 * channel((n & 255) / 255);
}
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background, minimum]: text 4.5, graphics (bars, focus rings, marks) 3.
const PAIRS = [
  ['ink', 'bg', 4.5], ['ink', 'panel', 4.5], ['muted', 'bg', 4.5], ['muted', 'panel', 4.5],
  ['accent', 'panel', 4.5], // links, "Show data", focus outlines
  ['on-accent', 'accent', 4.5], // primary buttons
  ['bad', 'bad-bg', 4.5], ['bad', 'panel', 4.5], ['bad', 'bg', 4.5], ['good', 'good-bg', 4.5],
  ['ink', 'accent-bg', 4.5], ['muted', 'accent-bg', 4.5], ['ink', 'selected', 4.5], ['ink', 'highlight', 4.5],
  ['good-fill', 'panel', 3], ['accent', 'track', 3], ['mark', 'panel', 3], ['mark', 'highlight', 3],
];

for (const [name, marker] of [['light', ':root {'], ['dark', '@media (prefers-color-scheme: dark)']]) {
  test(`${name} theme: every text pair at 4.5:1 and every graphic at 3:1`, () => {
    const v = { ...variables(':root {'), ...(name === 'dark' ? variables(marker) : {}) };
    const low = PAIRS.filter(([f, b, min]) => contrast(v[f], v[b]) < min).map(([f, b, min]) => `${f} on ${b}: ${contrast(v[f], v[b]).toFixed(2)} < ${min}`);
    assert.deepEqual(low, []);
  });

  test(`${name} theme: the charts' palette at 3:1 and their ink at 4.5:1 on the chart background`, () => {
    const theme = CHART_THEMES[name];
    assert.equal(theme.palette.length, 8);
    const low = theme.palette.filter((c) => contrast(c, theme.bg) < 3).map((c) => `${c}: ${contrast(c, theme.bg).toFixed(2)}`);
    assert.deepEqual(low, []);
    assert.ok(contrast(theme.ink, theme.bg) >= 4.5, `ink ${contrast(theme.ink, theme.bg).toFixed(2)}`);
  });
}

test('the contrast formula matches WCAG reference pairs', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
  assert.equal(contrast('#767676', '#ffffff').toFixed(2), '4.54'); // the lightest grey that passes on white
  assert.ok(contrast('#777777', '#ffffff') < 4.5);
});
