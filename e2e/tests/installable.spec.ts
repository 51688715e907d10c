import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { chromiumArgs } from '../playwright.config';

test('Chromium finds the app installable: manifest, icons and service worker', async ({ page, baseURL }) => {
  // Chromium never offers to install from an incognito profile, which is what an ordinary
  // Playwright context is; a persistent profile is a real one.
  const profile = mkdtempSync(join(tmpdir(), 'homeward-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: chromiumArgs,
    baseURL,
  });
  try {
    const installPage = await context.newPage();
    await installPage.goto('/');
    await installPage.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cdp = await context.newCDPSession(installPage);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }

  await page.goto('/');

  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose?.includes('maskable'))).toBe(true);
  // Richer install sheets on Android and desktop: a wide and a narrow screenshot, as declared.
  const shots = manifest.screenshots as { src: string; sizes: string; form_factor: string }[];
  expect(shots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
  for (const shot of shots) {
    const response = await page.request.get(shot.src);
    expect(response.ok(), shot.src).toBe(true);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    // The PNG header holds the size: width and height as big-endian numbers at bytes 16 and 20.
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, shot.src).toBe(shot.sizes);
  }
});

test('every page is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/cases/some-deep-link');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain("'unsafe-inline'");
  // A deep link still opens the app.
  await new SignInPage(page).open();
});

test('a session cookie is HttpOnly and SameSite=Strict', async ({ page, context }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'homeward_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');
});
