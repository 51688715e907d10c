// Homeward service worker: the app shell works offline after the first visit.
//
// The build (trunk) gives every asset a hashed name, so this file cannot list them. Instead it
// reads the built index.html at install time, precaches everything it references (and what those
// files reference), and names the cache after a hash of index.html: one cache holds exactly one
// build, so a page is never served a mix of old and new files.
//
// A page always boots the build this worker holds (index.html from its cache, not the network):
// otherwise a new index.html from the server would load next to this build's unhashed files
// (boot.js, the manifest) and fill its cache with the new build's files, and a page would switch
// builds without the app asking. A new build reaches the tablet as a new worker: browsers only
// install one when this script's bytes or URL change, and a new build does not change this file,
// so the app registers it as `/sw.js?v=<build id>` (the hashed wasm file name), and registers the
// server's build id when it sees that the server has another build (src/pwa.rs). That worker
// precaches the new build in the background and waits until the app asks it to take over.
'use strict';

const PREFIX = 'homeward-';
const SCHEMA = 'v1'; // bump when this file's caching scheme changes incompatibly
// Small bookkeeping cache: which build cache is active, and which a waiting worker prepared.
// Kept in CacheStorage because a worker's globals vanish whenever the browser stops it.
const META = `${PREFIX}meta`;
const ACTIVE_KEY = '/__homeward/active-cache';
const WAITING_KEY = '/__homeward/waiting-cache';

let activeCache = null;

async function readMeta(key) {
  const hit = await (await caches.open(META)).match(key);
  return hit ? hit.text() : null;
}

async function writeMeta(key, value) {
  await (await caches.open(META)).put(key, new Response(value));
}

async function currentCacheName() {
  if (!activeCache) activeCache = await readMeta(ACTIVE_KEY);
  return activeCache;
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// A same-origin URL worth caching, or null. The API is never cached: it is data, not shell.
function sameOriginAsset(ref, base) {
  if (!ref || ref.startsWith('data:') || ref.startsWith('#')) return null;
  let url;
  try {
    url = new URL(ref, base);
  } catch {
    return null;
  }
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return null;
  if (url.pathname === '/' || url.pathname === '/sw.js') return null;
  url.hash = '';
  return url.href;
}

// URLs in index.html: src/href, and data-* attributes holding paths (trunk hands the hashed JS and
// wasm names to boot.js that way, since inline script is forbidden).
function refsInHtml(html) {
  const refs = [];
  const attr = /\s(?:src|href|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  for (const m of html.matchAll(attr)) {
    const value = (m[1] ?? m[2]).trim();
    const path = /^(\/(?!\/)|\.\.?\/)\S*$/.test(value);
    const file = /^[\w.-]+\.(?:m?js|wasm|css|png|svg|ico|webp|jpe?g|webmanifest|json|woff2?)$/.test(value);
    if (path || file) refs.push(value);
  }
  return refs;
}

// Relative module imports (wasm-bindgen snippets), CSS url()/@import, manifest icons.
function refsInAsset(url, contentType, text) {
  const refs = [];
  if (contentType.includes('javascript') || url.endsWith('.js')) {
    const re = /(?:from\s*|import\s*\(?\s*)['"](\.{0,2}\/[^'"]+)['"]/g;
    for (const m of text.matchAll(re)) refs.push(m[1]);
  } else if (contentType.includes('css') || url.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) refs.push(m[1]);
    for (const m of text.matchAll(/@import\s+['"]([^'"]+)['"]/g)) refs.push(m[1]);
  } else if (contentType.includes('manifest') || url.endsWith('.webmanifest')) {
    try {
      for (const icon of JSON.parse(text).icons ?? []) refs.push(icon.src);
    } catch {
      // A broken manifest must not stop the app from working offline.
    }
  }
  return refs;
}

async function precache() {
  const indexUrl = new URL('/', self.location.origin).href;
  const index = await fetch(indexUrl, { cache: 'no-store' });
  if (!index.ok) throw new Error(`precache: GET / answered ${index.status}`);
  const html = await index.clone().text();
  const name = `${PREFIX}${SCHEMA}-${(await sha256Hex(html)).slice(0, 16)}`;
  const cache = await caches.open(name);

  // Files named in index.html must all be cached, or this build is not installed at all; files
  // found inside them are fetched best-effort (a stray match in minified JS must not block).
  const required = new Set(refsInHtml(html).map((r) => sameOriginAsset(r, indexUrl)).filter(Boolean));
  const queue = [...required];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const url = queue.shift();
    let response;
    try {
      response = await fetch(url, { cache: 'no-cache' });
    } catch (err) {
      if (required.has(url)) throw err;
      continue;
    }
    if (!response.ok) {
      if (required.has(url)) throw new Error(`precache: GET ${url} answered ${response.status}`);
      continue;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/wasm|image|font/.test(type)) {
      for (const ref of refsInAsset(url, type, await response.clone().text())) {
        const next = sameOriginAsset(ref, url);
        if (next && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    await cache.put(url, response);
  }
  // index.html last: a cache with '/' in it is complete.
  await cache.put(indexUrl, index);
  return name;
}

// Requests this worker only lets through go straight to the network without waking it (Chromium's
// static routing). Besides saving a worker start per API call, this matters for updates: a request
// that restarts the outgoing worker just as a new one takes over makes Chromium park the new one
// in waiting, and the app's sync calls come often enough to hit that moment.
function routeAroundWorker(event) {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern !== 'function') return Promise.resolve();
  const rules = [
    { condition: { urlPattern: new URLPattern({ pathname: '/api/*' }) }, source: 'network' },
    // The app's own look at which build the server has (a script's GET /, never a navigation).
    { condition: { urlPattern: new URLPattern({ pathname: '/' }), requestMode: 'cors' }, source: 'network' },
  ];
  // One rule at a time: a browser that does not know a condition refuses only that rule, and a
  // refused rule never fails the install (the fetch handler lets these requests through anyway).
  const refused = (err) => console.warn('Homeward: route not added', err);
  return Promise.all(
    rules.map((rule) => {
      try {
        return event.addRoutes(rule).catch(refused);
      } catch (err) {
        return refused(err);
      }
    }),
  );
}

self.addEventListener('install', (event) => {
  const routed = routeAroundWorker(event);
  event.waitUntil(
    (async () => {
      await routed;
      const name = await precache();
      await writeMeta(WAITING_KEY, name);
      // First install: nothing to be inconsistent with, so take over now and the very first visit
      // is already offline-capable. Updates wait until the app asks (SKIP_WAITING), so an open page
      // with unsaved work is never switched under its feet.
      if (!self.registration.active) await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Keep the previous build's cache one generation longer: a page that booted from the old
      // index.html (the browser may activate us while it loads) can still get its own old files.
      const previous = await readMeta(ACTIVE_KEY);
      const name = (await readMeta(WAITING_KEY)) ?? previous;
      if (name) await writeMeta(ACTIVE_KEY, name);
      activeCache = name;
      const keep = new Set([META, name, previous]);
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && !keep.has(key)) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  // Kept alive until the browser has taken the request, or a stopped worker may drop it.
  if (event.data && event.data.type === 'SKIP_WAITING') event.waitUntil(self.skipWaiting());
});

// Deep links are client-side routes: any navigation is answered by this build's index.html. Only
// before anything is cached (the first visit) does the network answer.
async function navigate(request) {
  const name = await currentCacheName();
  const shell = name ? await (await caches.open(name)).match('/') : undefined;
  return shell ?? fetch(request);
}

// Hashed build outputs never change, so one fetched from the network may be kept.
function isImmutable(url) {
  return /-[0-9a-f]{8,}(_bg)?\.\w+$/.test(url.pathname) || url.pathname.startsWith('/snippets/');
}

async function cacheFirst(request, url) {
  const name = await currentCacheName();
  if (!name) return fetch(request);
  const cache = await caches.open(name);
  // This build's copy first; then the previous build's, for a page still running that build
  // (hashed names differ between builds, so this never mixes builds).
  const hit = (await cache.match(request)) ?? (await caches.match(request));
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic' && isImmutable(url)) {
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins are not ours to cache (and the app makes no third-party requests).
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // The app asks the server which build it has now (a script's GET /): that is never the cache's to
  // answer.
  if (url.pathname === '/' && request.mode !== 'navigate') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else {
    event.respondWith(cacheFirst(request, url));
  }
});
