import { Page, Response } from '@playwright/test';
import { rmSync } from 'node:fs';
import { test as base, expect, expectAccessible, demo } from '../fixtures';
import { OwnServer, buildPaths, builtDist, nextBuild } from '../own-server';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { NewCasePage } from '../pages/new-case-page';
import { CasePage } from '../pages/case-page';
import { AgreementPage } from '../pages/agreement-page';

type Build = { dir: string; paths: Set<string>; wasm: string };

function build(dir: string): Build {
  const paths = buildPaths(dir);
  const wasm = [...paths].find((p) => p.endsWith('_bg.wasm'));
  if (!wasm) throw new Error(`no wasm in ${dir}`);
  return { dir, paths, wasm };
}

/** This test deploys a new build, so it has a server of its own, which it restarts with it. */
const test = base.extend<{ own: OwnServer; builds: { a: Build; b: Build } }>({
  builds: async ({}, use) => {
    const b = nextBuild(builtDist, 'b');
    try {
      await use({ a: build(builtDist), b: build(b) });
    } finally {
      rmSync(b, { recursive: true, force: true });
    }
  },
  own: async ({ builds }, use) => {
    const server = await OwnServer.start(builds.a.dir);
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
  baseURL: async ({ own }, use) => use(own.url),
});

const isCode = (path: string) => /\.(js|wasm|css)$/.test(path);

/** Paths of the JS, wasm and CSS the page loads from now on (from the network or the worker). */
function watchCode(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (r: Response) => {
    const path = new URL(r.url()).pathname;
    if (isCode(path)) seen.push(path);
  });
  return seen;
}

/** What the page runs: the wasm its script tag names, and the marker B's stylesheet sets. */
async function running(page: Page) {
  return page.evaluate(() => ({
    wasm: document.querySelector('script[data-homeward-wasm]')?.getAttribute('data-homeward-wasm'),
    marker: getComputedStyle(document.documentElement).getPropertyValue('--homeward-build').trim(),
    worker: navigator.serviceWorker.controller?.scriptURL ?? null,
    resources: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
  }));
}

/** The paths in each of the worker's caches, and which one it serves from. */
async function workerCaches(page: Page) {
  return page.evaluate(async () => {
    const meta = await (await caches.open('homeward-meta')).match('/__homeward/active-cache');
    const active = meta ? await meta.text() : null;
    const all: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      if (name === 'homeward-meta') continue;
      all[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    }
    return { active, all };
  });
}

/** The JS, wasm and CSS among `paths` that only `build` has, not `other`. */
const onlyIn = (paths: string[], build: Build, other: Build) =>
  paths.filter((p) => isCode(p) && build.paths.has(p) && !other.paths.has(p));

test('a new version is offered while the app runs, waits while something typed is unsaved, and after the reload every file is of the new version', async ({
  page,
  context,
  own,
  builds,
}) => {
  const { a, b } = builds;
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  expect((await running(page)).wasm).toBe(a.wasm);

  // The server is updated while the tablet has the app open; the tablet gets its signal back.
  await own.serve(b.dir);
  // The page must see itself offline before the signal returns, or it may never see it change.
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
  await context.setOffline(false);
  await page.waitForFunction(() => navigator.onLine);
  const banner = page.getByRole('status').filter({ hasText: 'A new version of Homeward is ready.' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'update offered');

  // Until the worker is asked to take over, a reload still runs the old version, all of it.
  let code = watchCode(page);
  await page.reload();
  await list.expectShown();
  const stillA = await running(page);
  expect(stillA.wasm).toBe(a.wasm);
  expect(stillA.marker).toBe('');
  expect(code.filter((p) => !a.paths.has(p)), 'files of another build after a plain reload').toEqual([]);
  await expect(banner).toBeVisible({ timeout: 30_000 });

  // Something typed and not saved: the new version is not applied.
  await list.startNewCase();
  await new NewCasePage(page).fill('Unsaved Child', '2018-02-03', 'Typed, not saved yet.');
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await banner.getByRole('button', { name: 'Reload now' }).click();
  await expect(banner).toContainText('Save or cancel what you are writing first; nothing is lost until then.');
  await expect(page.getByLabel("Child's name")).toHaveValue('Unsaved Child');
  const blocked = await running(page);
  expect(blocked.wasm).toBe(a.wasm);
  expect(blocked.worker).toContain(a.wasm.replace(/[^\w-]/g, ''));
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // On a screen the app filled from what is stored, with nothing typed, the reload goes ahead.
  await page.getByRole('link', { name: 'Homeward', exact: true }).click();
  await list.caseLink('Cerys').click();
  const casePage = new CasePage(page);
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Written agreement');
  await new AgreementPage(page).expectShown('Cerys');
  await expect(page.getByLabel('What we all want to achieve')).not.toHaveValue('');
  code = watchCode(page);
  const loaded = page.waitForEvent('load');
  await banner.getByRole('button', { name: 'Reload now' }).click();
  await loaded;
  await new AgreementPage(page).expectShown('Cerys');
  const nowB = await running(page);
  expect(nowB.wasm).toBe(b.wasm);
  expect(nowB.marker).toBe('"b"');
  expect(nowB.worker).toContain(b.wasm.replace(/[^\w-]/g, ''));
  expect(code.filter(isCode).length, 'the page loaded its code').toBeGreaterThanOrEqual(3);
  expect(code.filter((p) => !b.paths.has(p)), 'files not of the new build after the update').toEqual([]);
  expect(nowB.resources.filter((p) => isCode(p) && !b.paths.has(p)), 'resources of the old build').toEqual([]);
  await expect(banner).toBeHidden();

  // The worker serves from a cache of the new build alone; no cache mixes two builds.
  const { active, all } = await workerCaches(page);
  expect(active).not.toBeNull();
  const served = all[active!];
  expect(served).toEqual(expect.arrayContaining([b.wasm, '/']));
  expect(served.filter((p) => p !== '/' && !b.paths.has(p)), 'files of another build in the active cache').toEqual([]);
  for (const [name, paths] of Object.entries(all)) {
    const mixed = onlyIn(paths, a, b).length > 0 && onlyIn(paths, b, a).length > 0;
    expect(mixed, `cache ${name} mixes two builds`).toBe(false);
  }
});
