// Service worker: keeps the playground working offline once it has been loaded.
// build-web.sh writes precache.json (every file of the site but the large
// Fashion-MNIST files) and its version; the install step caches them all.
// Pages: network first, falling back to the cache. Everything else: cache first.
const PREFIX = 'activation-playground-';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('./precache.json', { cache: 'no-store' });
      const { version, files } = await res.json();
      const cache = await caches.open(PREFIX + version);
      await cache.addAll(files.map((f) => new Request(f, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const res = await fetch('./precache.json', { cache: 'no-store' }).catch(() => null);
      const keep = res && res.ok ? PREFIX + (await res.json()).version : null;
      if (keep) for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== keep) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(fetch(req).catch(async () => (await caches.match(req, { ignoreSearch: true })) ?? caches.match('./index.html') ?? caches.match('./')));
    return;
  }
  event.respondWith(
    (async () => {
      const hit = await caches.match(req, { ignoreSearch: true });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && !req.url.includes('/data/fashion/')) {
        const copy = res.clone();
        caches.keys().then((keys) => keys.find((k) => k.startsWith(PREFIX))).then((k) => k && caches.open(k).then((c) => c.put(req, copy)));
      }
      return res;
    })(),
  );
});
