// A file the page makes, saved by the browser (a link clicked for the visitor).

/** Saves `blob` as `name`. */
export function download(name, blob) {
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
