// Not a figure: a CPU profile of one bench step, to see where its time goes. Prints the functions
// with the most self time. Usage: node bench/profile.mjs import|unlock|timeline|sync [n] [plain]
// (n records to import, or to import offline and then push with `sync`; `plain` times without
// the profiler). Needs dist-bench/.
import { join } from 'node:path';
import { root, launch, startServer, signInUi, unlockUi, apiSession, generatedCaseChanges, generatedChronology, pushAll } from './lib.mjs';

const what = process.argv[2] ?? 'import';
const n = Number(process.argv[3] ?? 2000);
const profiling = process.argv[4] !== 'plain';
const dist = join(root, process.env.BENCH_DIST ?? 'dist-bench');
const server = await startServer({ dist, port: 19390 });
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInUi(page, server.url);
  await page.evaluate(() => window.homewardBench.syncNow());
  let caseId;
  if (what === 'timeline') {
    const cookie = await apiSession(server.url);
    const { device, changes } = generatedCaseChanges(1, { seed: 1000 });
    caseId = changes[0].case_id;
    await pushAll(server.url, cookie, device, [...changes, ...generatedChronology(caseId, 1000, { device, seed: 1001 })]);
    await page.evaluate(() => window.homewardBench.syncNow());
    for (let i = 0; i < 2; i++) await openTimeline(page, caseId);
  }
  if (what === 'unlock') {
    await page.evaluate((n) => window.homewardBench.importCases(n, 7), n);
    // One unlock first, as in run.mjs, so the store has sealed its snapshot of the caseload.
    await page.reload();
    await unlockUi(page);
    await page.waitForTimeout(2000);
    await page.reload();
    await page.locator('#pin-entry').waitFor();
  }
  if (what === 'sync') {
    await context.setOffline(true);
    await page.evaluate((n) => window.homewardBench.importCases(n, 11), n);
    await context.setOffline(false);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (profiling) await cdp.send('Profiler.start');
  const t = what === 'timeline'
    ? await openTimeline(page, caseId)
    : what === 'unlock'
      ? await unlockUi(page)
      : what === 'sync'
        ? await page.evaluate(() => window.homewardBench.syncNow())
        : await page.evaluate((n) => window.homewardBench.importCases(n, 7), n);
  console.log(`${what} ${n}: ${Math.round(t)} ms`);
  if (profiling) report((await cdp.send('Profiler.stop')).profile);
} finally {
  await browser.close();
  await server.stop();
}

function report(profile) {
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  profile.samples.forEach((id, i) => hits.set(id, (hits.get(id) ?? 0) + (dt[i] ?? 0)));
  const nameOf = (id) => {
    const f = byId.get(id).callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  };
  for (const [id, us] of hits) {
    const name = nameOf(id);
    self.set(name, (self.get(name) ?? 0) + us);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const show = (title, times) => {
    console.log(title);
    for (const [name, us] of [...times].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  show('self time', self);
  // Total time: a function's samples and those of everything it called, each sample counted once
  // per function however deep the recursion (a build with names, data-keep-debug, tells most).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map();
  for (const [id, us] of hits) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(at);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      seen.add(name);
    }
  }
  show('total time', inclusive);
}

async function openTimeline(page, caseId) {
  await page.evaluate(() => { history.pushState(null, '', '/'); dispatchEvent(new PopStateEvent('popstate', { state: null })); });
  await page.waitForSelector('.case-card');
  return page.evaluate(async (path) => {
    const t0 = performance.now();
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
    while (document.querySelectorAll('li.entry').length < 1000) await new Promise(requestAnimationFrame);
    return performance.now() - t0;
  }, `/cases/${caseId}/chronology`);
}
