// The widgets a blog post can embed (`#embed=1&widget=NAME`): each one
// arrangement of the page's own panels, loading only what it shows. `panels`:
// the panels it shows; `load`: the panels it mounts (a lesson's card needs the
// lessons panel, hidden); `model`: it downloads the default model (a drawing
// is answered); `data`: it may train (the training data is fetched in the
// background); `height`: the iframe's height before it reports its own.
export const WIDGETS = {
  curve: { panels: ['activation'], model: false, data: false, height: 520 },
  predict: { panels: ['draw'], model: true, data: false, height: 640 },
  train: { panels: ['settings', 'training'], model: true, data: true, height: 1100 },
  lesson: { panels: [], load: ['exercises'], model: false, data: true, height: 900 },
  compare: { panels: ['compare'], model: false, data: true, height: 1000 },
  plane: { page: 'plane.html', panels: [], model: false, data: false, height: 1100 },
};

/** The message an embedded page sends its parent whenever its height changes. */
export const SIZE_MESSAGE = 'activation-playground:size';

/**
 * The embed code: the iframe (lazy, titled, marked for embed.js) and the
 * script that sizes it. `site`: the playground's address ending in '/';
 * `params`: the settings as hash pairs in the schema's order; `widget`: one of
 * WIDGETS, or '' for the whole page. The Jekyll include
 * (web/examples/_includes/activation-playground.html) writes the same.
 */
export function embedMarkup({ site, widget = '', params = [], height }) {
  const page = WIDGETS[widget]?.page ?? '';
  const pairs = [...params, ['embed', '1'], ...(widget ? [['widget', widget]] : [])];
  const hash = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&');
  const h = height ?? WIDGETS[widget]?.height ?? 900;
  return `<iframe src="${site}${page}#${hash}" title="Activation Playground${widget ? `: ${widget}` : ''}" loading="lazy" data-activation-playground style="width:100%;max-width:800px;border:0;height:${h}px"></iframe>\n<script src="${site}embed.js" async></script>`;
}
