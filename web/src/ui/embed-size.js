// An embedded page tells its parent its content height whenever it changes
// (a ResizeObserver on the document), so the host's embed.js sizes the iframe
// and the post never scrolls inside the post.
import { SIZE_MESSAGE } from '../state/widgets.js';

/** Starts reporting (inside a frame only); returns the function that stops it. */
export function reportHeight(win = window) {
  if (win.parent === win) return () => {};
  let last = 0;
  const send = () => {
    const height = Math.ceil(win.document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    win.parent.postMessage({ type: SIZE_MESSAGE, height }, '*'); // a height is no secret: any host may size its frame
  };
  const observer = new ResizeObserver(send);
  observer.observe(win.document.documentElement);
  observer.observe(win.document.body);
  send();
  return () => observer.disconnect();
}
