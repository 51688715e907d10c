// Homeward benchmark: measures the figures of issue 11 against the real server in Debian's
// Chromium and appends them, with date and machine, to bench/results.md.
//
// Method: each timed figure is the median of RUNS runs (5 unless noted) on this machine, after a
// warm-up run; generated data comes from a seeded generator (lib.mjs), so runs are comparable.
// Run with `make bench` (builds the app with the `bench` feature into dist-bench/ first).
import { readFileSync, appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { cpus, totalmem } from 'node:os';
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import {
  root, launch, startServer, apiSession, generatedCaseChanges, generatedChronology, pushAll, median,
  signInUi, submitSignIn, choosePinUi, unlockUi,
} from './lib.mjs';

const RUNS = 5;
// BENCH_ONLY=start needs no bench hooks, so it measures the shipped build.
const dist = join(root, process.env.BENCH_DIST ?? (process.env.BENCH_ONLY === 'start' ? 'dist' : 'dist-bench'));
const results = [];
const record = (figure, target, value, method) => {
  results.push({ figure, target, value, method });
  console.log(`${figure}: ${value}`);
};
const ms = (x) => `${Math.round(x)} ms`;
let port = 19300;

// 1. First-load transfer: what index.html makes the browser fetch, compressed with brotli.
function firstLoadTransfer() {
  const shipped = join(root, 'dist');
  const html = readFileSync(join(shipped, 'index.html'));
  const refs = [...html.toString().matchAll(/(?:href|src|data-homeward-js|data-homeward-wasm)="\/([^"]+\.(?:js|wasm|css))"/g)]
    .map((m) => m[1]);
  const files = ['index.html', ...new Set(refs)];
  let raw = 0;
  let br = 0;
  for (const f of files) {
    const bytes = readFileSync(join(shipped, f));
    raw += bytes.length;
    br += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  record('first-load transfer: html + js + wasm + css, brotli', 'at most 300 kB',
    `${(br / 1000).toFixed(1)} kB (raw ${(raw / 1000).toFixed(1)} kB)`,
    `${files.length} files referenced by the release dist/index.html, brotli quality 11`);
}

async function coldStart(browser) {
  const server = await startServer({ dist, port: port++ });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInUi(page, server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.close();
    const times = [];
    const unlocks = [];
    for (let i = 0; i <= RUNS; i++) {
      const p = await context.newPage();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await p.goto(server.url + '/');
      // Every start is locked: the app is interactive when the PIN box is.
      const t = await p.waitForFunction(() => document.querySelector('#pin-entry') && performance.now(), null, { polling: 'raf' });
      if (i > 0) times.push(await t.jsonValue());
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const u = await unlockUi(p);
      if (i > 0) unlocks.push(u);
      await p.close();
    }
    record('cold start from the service worker to an interactive (locked) app, CPU 4x slower', 'under 1 s',
      ms(median(times)), `median of ${RUNS} loads in a signed-in context with the service worker installed; navigation start to the PIN box`);
    record('PIN unlock to case list', 'under 400 ms', ms(median(unlocks)),
      `median of ${RUNS}: Unlock click to the first case card (PBKDF2-SHA256, 600,000 rounds, then the demo caseload decrypted and listed), CPU not throttled`);
    await context.close();
  } finally {
    await server.stop();
  }
}

async function bigCaseList(browser) {
  const server = await startServer({ dist, port: port++ });
  try {
    const cookie = await apiSession(server.url);
    const { device, changes } = generatedCaseChanges(5000, { seed: 5000 });
    await pushAll(server.url, cookie, device, changes);
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = Date.now();
    await signInUi(page, server.url);
    // The list shows a page of cases at a time: wait for all 5,000 to be in it, and the first shown.
    const allListed = (n) => page.waitForFunction(
      async (n) => document.querySelector('.case-card') && (await window.homewardBench.caseCount()) >= n, n, { timeout: 300_000, polling: 200 });
    await allListed(5000);
    record('first pull of 5,000 cases (15,000 changes) onto a new device', '-', ms(Date.now() - start),
      'sign-in click to all 5,000 cases listed; one run');
    const first = [];
    let cold;
    for (let i = 0; i <= RUNS; i++) {
      await page.reload();
      const t = await unlockUi(page);
      if (i === 0) cold = t;
      else first.push(t);
      // A worker looks at the list before the tablet locks again; meanwhile the store seals its
      // snapshot of the caseload (after the first unlock, and whenever many cases changed).
      await page.waitForTimeout(2000);
    }
    record('case list with 5,000 cases: first unlock after they arrived (no snapshot yet)', '-', ms(cold),
      'one run: Unlock click to first case card, every case decrypted from its own row');
    record('case list with 5,000 cases: first render', 'under 300 ms', ms(median(first)),
      `median of ${RUNS} reloads after that one; Unlock click to first case card (includes the PIN's key derivation and reading 5,000 cases from IndexedDB, checked against the store's snapshot)`);
    await allListed(5000);
    const search = page.getByRole('searchbox');
    if (await search.count()) {
      const keys = [];
      for (let i = 0; i <= RUNS; i++) {
        await search.fill('');
        await page.waitForTimeout(300);
        const t = await page.evaluate(async () => {
          const input = document.querySelector('input[type=search]');
          // The list shows a page of cases, sorted by name: the result is in when every card shown
          // is one of the children searched for.
          const filtered = () => [...document.querySelectorAll('.case-card')].every((c) => c.textContent.includes('Cerys'));
          const t0 = performance.now();
          input.value = 'Cerys';
          input.dispatchEvent(new Event('input', { bubbles: true }));
          while (!filtered()) {
            await new Promise(requestAnimationFrame);
            if (performance.now() - t0 > 5000) break;
          }
          return performance.now() - t0;
        });
        if (i > 0) keys.push(t);
      }
      record('case list with 5,000 cases: search keystroke to result', 'under 50 ms', ms(median(keys)),
        `median of ${RUNS}; input event to the list showing only the cases found (of 5,000, about 500 match; a page of 100 is shown)`);
    } else {
      record('case list with 5,000 cases: search keystroke to result', 'under 50 ms', 'not measured',
        'the case list has no search box yet');
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    record('JS heap with 5,000 cases listed', 'under 30 MB', `${(heap.usedSize / 1e6).toFixed(1)} MB`,
      'CDP Runtime.getHeapUsage after a forced GC, 5,000 cases in the list and its first page of 100 drawn (wasm linear memory not included)');
    await context.close();
  } finally {
    await server.stop();
  }
}

// A case with 1,000 chronology entries: from the app (signed in, unlocked, on the case list) to
// its chronology page with every entry drawn, by the router (as a tap on the link does).
async function bigChronology(browser) {
  const server = await startServer({ dist, port: port++ });
  try {
    const cookie = await apiSession(server.url);
    const { device, changes } = generatedCaseChanges(1, { seed: 1000 });
    const caseId = changes[0].case_id;
    await pushAll(server.url, cookie, device, [...changes, ...generatedChronology(caseId, 1000, { device, seed: 1001 })]);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInUi(page, server.url);
    await page.evaluate(() => window.homewardBench.syncNow());
    // A reload locks the app: the first open below is then the first since unlocking.
    await page.reload();
    await unlockUi(page);
    const go = (path) => page.evaluate((path) => {
      history.pushState(null, '', path);
      dispatchEvent(new PopStateEvent('popstate', { state: null }));
    }, path);
    // The timeline draws its first 100 entries with the page and the rest a hundred a frame
    // after (src/components/chronology_timeline.rs): both moments are timed.
    const firstPage = [];
    const all = [];
    for (let i = 0; i <= RUNS; i++) {
      await go('/');
      await page.waitForSelector('.case-card');
      const t = await page.evaluate(async (path) => {
        const t0 = performance.now();
        history.pushState(null, '', path);
        dispatchEvent(new PopStateEvent('popstate', { state: null }));
        let first = -1;
        for (;;) {
          const drawn = document.querySelectorAll('li.entry').length;
          if (first < 0 && drawn >= 100) first = performance.now() - t0;
          if (drawn >= 1000) return { first, all: performance.now() - t0 };
          await new Promise(requestAnimationFrame);
          if (performance.now() - t0 > 30000) return null;
        }
      }, `/cases/${caseId}/chronology`);
      if (!t) throw new Error('the chronology did not show 1,000 entries');
      if (i > 0) {
        firstPage.push(t.first);
        all.push(t.all);
      } else record('open a case with 1,000 chronology entries, first time since unlock', '-', ms(t.first),
        'one run: as below, but none of the entries decrypted yet in this session');
    }
    record('open a case with 1,000 chronology entries and render its timeline', 'under 150 ms', ms(median(firstPage)),
      `median of ${RUNS} after the first: router navigation from the case list to the chronology page showing its first 100 entries (many screens), all 1,000 read from IndexedDB and in order (an entry whose sealed body is unchanged since this tab last decrypted it is not decrypted again)`);
    record('open a case with 1,000 chronology entries: all 1,000 drawn', '-', ms(median(all)),
      `median of ${RUNS}, the same navigations: until the last entry is drawn, a hundred a frame after the first page`);
    await context.close();
  } finally {
    await server.stop();
  }
}

async function importAndSync(browser) {
  const server = await startServer({ dist, port: port++ });
  try {
    // Import: 10,000 case records written through the real store (with their outbox entries),
    // offline so nothing is sent meanwhile.
    const a = await browser.newContext();
    const pageA = await a.newPage();
    await signInUi(pageA, server.url);
    await pageA.evaluate(() => window.homewardBench.syncNow());
    await a.setOffline(true);
    const importMs = await pageA.evaluate(() => window.homewardBench.importCases(10000, 7));
    record('import 10,000 records into IndexedDB (encrypted)', 'under 1 s', ms(importMs),
      'one run: 10,000 case records (30,000 field changes) written with their outbox entries, 500 records per transaction');
    await a.close();

    // Sync: 10,002 queued changes pushed, acknowledged and pulled by a second device.
    const b = await browser.newContext();
    const pageB = await b.newPage();
    await signInUi(pageB, server.url);
    await pageB.evaluate(() => window.homewardBench.syncNow());
    await b.setOffline(true);
    await pageB.evaluate(() => window.homewardBench.importCases(3334, 11));
    await b.setOffline(false);
    const pushMs = await pageB.evaluate(() => window.homewardBench.syncNow());
    const left = await pageB.evaluate(() => window.homewardBench.outboxLen());
    if (left !== 0) throw new Error(`outbox not empty after sync: ${left}`);
    // The second device's first sync after sign-in pulls everything; the list shows once it ends.
    const c = await browser.newContext();
    const pageC = await c.newPage();
    await pageC.goto(server.url + '/');
    const t0 = Date.now();
    await submitSignIn(pageC);
    await choosePinUi(pageC);
    await pageC.waitForFunction(
      async () => document.querySelector('.case-card') && (await window.homewardBench.caseCount()) >= 3334, null, { timeout: 120_000, polling: 100 });
    const pullMs = Date.now() - t0;
    record('sync 10,000 queued changes: push and acknowledge', '-', ms(pushMs), 'one run, loopback');
    record('sync 10,000 queued changes: pull on a second device', '-', ms(pullMs),
      'one run: sign-in click on a new device to all 3,334 new cases listed (includes sign-in, choosing the PIN and render)');
    record('sync 10,000 queued changes (push, acknowledge, pull on a second device)', 'under 2 s',
      ms(pushMs + pullMs), 'sum of the two rows above');
    await b.close();
    await c.close();
  } finally {
    await server.stop();
  }
}

// What the browser itself costs for the work an import page does, in plain JavaScript with no
// app code: the floor under the import and sync figures. 500 rows of the size and shape the store
// writes (a case record: key, entity, case id and a sealed body of about 600 base64 characters),
// each step the median of RUNS runs on a new database, reported per 10,000 records.
async function storageFloor(browser) {
  const server = await startServer({ dist, port: port++ });
  try {
    const page = await (await browser.newContext()).newPage();
    // Any page of the server: WebCrypto needs a secure context, which loopback is.
    await page.goto(server.url + '/robots.txt');
    const runs = await page.evaluate(async ({ n, runs }) => {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
      const plain = new TextEncoder().encode('x'.repeat(450));
      const body = btoa('y'.repeat(450));
      const row = (i) => ({ key: `case/${i}-${Math.random()}`, entity: 'case', case_id: String(Math.random()), body });
      const open = () => new Promise((resolve) => {
        const q = indexedDB.open(`floor-${Math.random()}`, 1);
        q.onupgradeneeded = () => {
          const records = q.result.createObjectStore('records', { keyPath: 'key' });
          records.createIndex('case_id', 'case_id');
          records.createIndex('entity', 'entity');
          q.result.createObjectStore('plain', { keyPath: 'key' });
        };
        q.onsuccess = () => resolve(q.result);
      });
      const write = (db, store, rows) => new Promise((resolve) => {
        const tx = db.transaction([store], 'readwrite');
        for (const r of rows) tx.objectStore(store).put(r);
        tx.oncomplete = resolve;
      });
      const time = async (f) => { const t = performance.now(); await f(); return performance.now() - t; };
      const out = { seal: [], indexed: [], plain: [], oneRow: [], absent: [] };
      for (let i = 0; i < runs; i++) {
        const db = await open();
        const rows = Array.from({ length: n }, (_, j) => row(j));
        out.seal.push(await time(() => Promise.all(rows.map(() => crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, key, plain)))));
        out.indexed.push(await time(() => write(db, 'records', rows)));
        out.plain.push(await time(() => write(db, 'plain', rows.map(row))));
        out.oneRow.push(await time(() => write(db, 'plain', [{ key: 'page', rows: rows.map(row) }])));
        out.absent.push(await time(() => new Promise((resolve) => {
          const tx = db.transaction(['records'], 'readonly');
          for (const r of rows) tx.objectStore('records').get(r.key + 'x');
          tx.oncomplete = resolve;
        })));
        db.close();
      }
      return out;
    }, { n: 500, runs: RUNS });
    const per10k = (xs) => `${Math.round(median(xs) * 20)} ms per 10,000 (${Math.round(median(xs))} ms per 500)`;
    const how = `median of ${RUNS} runs, 500 rows of an import page's shape, in plain JavaScript (no app code), times 20`;
    record('floor: seal records with WebCrypto AES-GCM, all at once', '-', per10k(runs.seal), how);
    record('floor: put records into a store with the two indexes the records store has, one transaction', '-', per10k(runs.indexed), how);
    record('floor: the same rows into a store without indexes', '-', per10k(runs.plain), how);
    record('floor: the same rows as one row', '-', per10k(runs.oneRow), how);
    record('floor: get keys that are not there, one transaction', '-', per10k(runs.absent), how);
  } finally {
    await server.stop();
  }
}

async function ingest(label, databaseUrl) {
  const server = await startServer({ dist, port: port++, databaseUrl });
  try {
    const cookie = await apiSession(server.url);
    const rates = [];
    for (let i = 0; i < 3; i++) {
      const { device, changes } = generatedCaseChanges(10000, { seed: 100 + i });
      const t = await pushAll(server.url, cookie, device, changes, 1000);
      rates.push(changes.length / (t / 1000));
    }
    record(`server ingest, ${label}, batched pushes`, 'at least 20,000 changes/s',
      `${Math.round(median(rates)).toLocaleString('en-GB')} changes/s`,
      'median of 3 runs of 30,000 new-case changes (ids UUID v7, as the app makes them) in pushes of 1,000 over loopback HTTP, one after the other, each answer read');
  } finally {
    await server.stop();
  }
}

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let chromium = '';
  try { chromium = execSync('/usr/bin/chromium --version 2>/dev/null').toString().trim(); } catch {}
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${chromium}`;
}

// BENCH_ONLY=ingest runs only the server ingest figures (no browser, no app build needed), e.g.
// `scripts/with-postgres.sh env BENCH_ONLY=ingest node bench/run.mjs`; BENCH_ONLY=start only the
// first-load, cold-start and PIN-unlock figures on the shipped dist/; BENCH_ONLY=timeline only the
// 1,000-entry chronology and BENCH_ONLY=caselist only the 5,000-case list (both need
// dist-bench); BENCH_ONLY=floor only what IndexedDB and WebCrypto cost on their own; unset,
// everything runs.
const only = process.env.BENCH_ONLY ?? '';
const alone = { timeline: bigChronology, caselist: bigCaseList, floor: storageFloor };
if (!['', 'ingest', 'start', ...Object.keys(alone)].includes(only)) {
  throw new Error(`BENCH_ONLY must be unset, 'ingest', 'start', 'timeline', 'caselist' or 'floor', not '${only}'`);
}
if (alone[only]) {
  const browser = await launch();
  try {
    await alone[only](browser);
  } finally {
    await browser.close();
  }
}
if (only === 'start') {
  const browser = await launch();
  try {
    firstLoadTransfer();
    await coldStart(browser);
  } finally {
    await browser.close();
  }
}
if (only === '') {
  const browser = await launch();
  try {
    firstLoadTransfer();
    await coldStart(browser);
    await bigCaseList(browser);
    await bigChronology(browser);
    await importAndSync(browser);
    await storageFloor(browser);
  } finally {
    await browser.close();
  }
}
if (only === '' || only === 'ingest') {
  await ingest('SQLite', '');
  if (process.env.TEST_DATABASE_URL) await ingest('PostgreSQL', process.env.TEST_DATABASE_URL);
}

const file = join(root, 'bench/results.md');
if (!existsSync(file)) {
  writeFileSync(file, '# Homeward benchmark results\n\nEach section is one run of `make bench` (bench/run.mjs describes the method of each figure). Newest last.\n');
}
const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
const rows = results.map((r) => `| ${r.figure} | ${r.target} | ${r.value} | ${r.method} |`).join('\n');
const scope = only ? `\n\nOnly the ${only} figures (BENCH_ONLY=${only}).${process.env.BENCH_NOTE ? ' ' + process.env.BENCH_NOTE : ''}` : (process.env.BENCH_NOTE ? `\n\nNote: ${process.env.BENCH_NOTE}` : '');
appendFileSync(file, `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}\n\nMachine: ${machine()}${scope}\n\n| figure | target | measured | method |\n|---|---|---|---|\n${rows}\n`);
console.log(`results appended to ${file}`);
