// Embedding in a post: the Jekyll include (web/examples/_includes/), rendered
// by a Liquid implementation, writes the same markup as the page's "Copy embed
// code" (state/widgets.js embedMarkup over the page's own settings).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { Liquid } from 'liquidjs';

import { defaultState, serializeState } from '../../web/src/state/schema.js';
import { embedMarkup, WIDGETS } from '../../web/src/state/widgets.js';
import { root } from './helpers.mjs';

const TABLE = [
  { id: 'relu', params: [] },
  { id: 'elu', params: [{ id: 'alpha', default: 1, min: 0, max: 10 }] },
];
const liquid = new Liquid({ root: path.join(root, 'web/examples/_includes'), jekyllInclude: true, dynamicPartials: false });
const SITE = 'https://example.github.io/activation-playground/';

/** What Copy embed code writes for a widget with these settings (as share.js builds it). */
function copied(widget, settings) {
  const state = { ...defaultState(TABLE), ...settings };
  const params = widget === 'plane' ? (state.lang ? [['lang', state.lang]] : []) : [...new URLSearchParams(serializeState(state, TABLE).slice(1))];
  return embedMarkup({ site: SITE, widget, params });
}

/** The include rendered in a post with these parameters. */
function included(args) {
  const list = Object.entries({ site: SITE, ...args }).map(([k, v]) => `${k}="${v}"`).join(' ');
  return liquid.parseAndRender(`{% include activation-playground.html ${list} %}`);
}

const CASES = [
  [{ widget: 'curve', activation: 'elu', lang: 'ko' }, 'curve', { activation: 'elu', lang: 'ko' }],
  [{ widget: 'predict' }, 'predict', {}],
  [{ widget: 'train', activation: 'elu' }, 'train', { activation: 'elu' }],
  [{ widget: 'lesson', lesson: '4', lang: 'ko' }, 'lesson', { lesson: 4, lang: 'ko' }],
  [{ widget: 'compare', lang: 'en' }, 'compare', { lang: 'en' }],
  [{ widget: 'plane', lang: 'ko' }, 'plane', { lang: 'ko' }],
  [{}, '', {}],
];

test('the Jekyll include renders the same markup as Copy embed code', async () => {
  for (const [args, widget, settings] of CASES) {
    const html = (await included(args)).trim();
    assert.equal(html, copied(widget, settings), JSON.stringify(args));
  }
});

test('the markup: a lazy, titled frame marked for embed.js, the widget in the hash, and the script', async () => {
  const html = await included({ widget: 'curve', activation: 'elu', height: '480' });
  assert.match(html, /^<iframe src="https:\/\/example\.github\.io\/activation-playground\/#activation=elu&embed=1&widget=curve" title="Activation Playground: curve" loading="lazy" data-activation-playground style="width:100%;max-width:800px;border:0;height:480px"><\/iframe>/);
  assert.match(html, /<script src="https:\/\/example\.github\.io\/activation-playground\/embed\.js" async><\/script>\s*$/);
  assert.match(await included({ widget: 'plane' }), /src="[^"]+\/plane\.html#embed=1&widget=plane"/);
  for (const w of Object.keys(WIDGETS)) assert.match(await included({ widget: w }), new RegExp(`height:${WIDGETS[w].height}px`));
});
