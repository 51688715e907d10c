import { execFileSync } from 'node:child_process';
import { Page } from '@playwright/test';
import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage, TEST_PIN } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { NewCasePage } from '../pages/new-case-page';
import { SecurityPage } from '../pages/security-page';
import { CasePage } from '../pages/case-page';
import { AgreementPage } from '../pages/agreement-page';

/** Signs in on `page` and waits for the demo caseload; the pages the journeys use. */
async function signedIn(page: Page, opts: { autoUnlock?: boolean } = {}) {
  const signIn = new SignInPage(page);
  const security = new SecurityPage(page);
  const list = new CaseListPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password, opts);
  await expect(list.caseLink('Cerys')).toBeVisible();
  return { signIn, security, list };
}

async function addCase(page: Page, name: string, dob: string, note: string) {
  const list = new CaseListPage(page);
  const form = new NewCasePage(page);
  await list.startNewCase();
  await form.fill(name, dob, note);
  await form.save();
  await expect(list.caseLink(name)).toBeVisible();
}

test('nothing of a case is in clear in IndexedDB: not the name, the date of birth or the note', async ({ page, context }) => {
  const { security } = await signedIn(page);

  const name = uniqueChild('Gwenllian');
  const note = 'Nain visits on Sundays; mum engaging with the alcohol service.';
  // Offline, so the outbox holds the new case too.
  await context.setOffline(true);
  await addCase(page, name, '2016-11-23', note);
  const stored = await security.storedText();
  for (const secret of [name, name.split(' ')[0], '2016-11-23', 'alcohol service', 'Cerys', 'Bethan', 'Ffion Davies']) {
    expect(stored, `"${secret}" is in clear on the device`).not.toContain(secret);
  }
  await context.setOffline(false);
  await new CaseListPage(page).expectAllSent();
  const synced = await security.storedText();
  expect(synced).not.toContain(name);
  expect(synced).not.toContain('alcohol service');
});

test('a PIN like 123456 is refused with a plain reason, and the two PINs must match', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.submit(demo.worker.username, demo.worker.password);
  await expect(page.getByRole('heading', { name: 'Choose a PIN for this tablet' })).toBeVisible();
  await expectAccessible(page, 'choose a PIN');
  await signIn.choosePin('123456');
  await expect(page.getByText('This PIN is too easy to guess (like 123456 or 000000). Choose another.')).toBeVisible();
  await signIn.choosePin('000000');
  await expect(page.getByText('This PIN is too easy to guess')).toBeVisible();
  await signIn.choosePin('12345');
  await expect(page.getByText('A PIN needs at least 6 digits.')).toBeVisible();
  await signIn.choosePin(TEST_PIN, '402871');
  await expect(page.getByText('The two PINs are not the same.')).toBeVisible();
  await signIn.choosePin(TEST_PIN);
  await new CaseListPage(page).expectShown();
});

test('the app locks after five idle minutes and when hidden for more than the grace period, and the PIN unlocks it', async ({ page }) => {
  await page.clock.install();
  const { security, list } = await signedIn(page, { autoUnlock: false });

  await page.clock.fastForward('04:30');
  await expect(list.caseLink('Cerys')).toBeVisible();
  await page.clock.fastForward('00:40');
  await expect(security.lockedHeading()).toBeVisible();
  await expect(page.getByText('Cerys')).toHaveCount(0);
  await expectAccessible(page, 'lock screen');
  await security.enterPin(TEST_PIN);
  await expect(list.caseLink('Cerys')).toBeVisible();

  const hide = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  // A glance at another app does not lock...
  await hide('hidden');
  await page.clock.fastForward('00:10');
  await hide('visible');
  await expect(list.caseLink('Cerys')).toBeVisible();
  // ...but half a minute away does.
  await hide('hidden');
  await page.clock.fastForward('00:31');
  await hide('visible');
  await expect(security.lockedHeading()).toBeVisible();
  await expect(page.getByText('Cerys')).toHaveCount(0);
  await security.enterPin(TEST_PIN);
  await expect(list.caseLink('Cerys')).toBeVisible();
});

test('five wrong PINs remove the PIN; signing in online with the password brings back the unsent work', async ({ page, context }) => {
  const { signIn, security, list } = await signedIn(page, { autoUnlock: false });

  await context.setOffline(true);
  const name = uniqueChild('Elis');
  await addCase(page, name, '2015-02-02', 'Written offline before the PIN was forgotten.');
  await expect(list.syncStatus()).toContainText('3 changes waiting to send');
  await security.lockNow();
  for (const left of [4, 3, 2, 1]) {
    await security.enterPin('999999');
    await expect(page.getByRole('alert')).toContainText(`That PIN is not right. ${left} tries left`);
  }
  await security.enterPin('999999');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Too many wrong PINs')).toBeVisible();
  await expectAccessible(page, 'sign-in after five wrong PINs');

  // Offline the password cannot be checked: the work waits, locked.
  await signIn.submit(demo.worker.username, demo.worker.password);
  await expect(signIn.alert()).toHaveText('You need a connection to sign in. Try again when you are online.');
  await context.setOffline(false);
  await signIn.signIn(demo.worker.username, demo.worker.password, { pin: '583920' });
  await expect(list.caseLink(name)).toBeVisible();
  await list.expectAllSent();
  await list.caseLink(name).click();
  await expect(page.getByText('Written offline before the PIN was forgotten.')).toBeVisible();
});

test('signing out waits for unsent changes, then wipes the cases, keys and caches from the tablet', async ({ page, context }) => {
  const { signIn, security, list } = await signedIn(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  const name = uniqueChild('Macsen');
  await addCase(page, name, '2018-08-08', 'Must reach the server before sign-out.');
  await security.openSettings();
  await expectAccessible(page, 'settings');
  await security.signOut();
  await expect(page.getByRole('alert')).toContainText('You cannot sign out yet: 3 changes have not reached the server.');

  await context.setOffline(false);
  await security.signOut();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You signed out. Nothing of your cases is left on this tablet.')).toBeVisible();
  const counts = await security.storeCounts();
  for (const store of ['records', 'outbox', 'rejected', 'meta', 'drafts']) {
    expect(counts[store], `${store} after sign-out`).toBe(0);
  }
  const stored = await security.storedText();
  expect(stored).not.toContain('wrapped_key');
  expect(stored).not.toContain('owner');
  for (const url of await security.cachedUrls()) expect(url).not.toContain('/api/');

  // The case reached the server: signing in again brings it back.
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await expect(list.caseLink(name)).toBeVisible();
});

test('signing out stops for a form typed into and not saved, and goes ahead only when the worker accepts losing it', async ({ page }) => {
  const { security, list } = await signedIn(page);
  await list.caseLink('Cerys').click();
  const casePage = new CasePage(page);
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Written agreement');
  await new AgreementPage(page).expectShown('Cerys');
  const objectives = page.getByLabel('What we all want to achieve');
  await objectives.fill('Typed at the kitchen table, not saved yet.');
  await expect(page.getByText('Your unsaved entry is kept on this tablet.')).toBeVisible();

  await security.openSettings();
  await security.signOut();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('What you typed in 1 form(s) and did not save is kept only on this tablet.');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeHidden();
  expect((await security.storeCounts()).drafts, 'the draft is still there').toBe(1);
  await expectAccessible(page, 'sign-out held back by a draft');

  await page.getByRole('button', { name: 'Sign out and delete them' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect((await security.storeCounts()).drafts, 'drafts after sign-out').toBe(0);
});

test('a device revoked on the server wipes itself the next time it gets through', async ({ page, context }) => {
  const { security, list } = await signedIn(page);
  await security.openSettings();
  const device = await security.deviceId();
  expect(device).toMatch(/^[0-9a-f-]{36}$/);

  execFileSync(process.env.HOMEWARD_SERVER_BIN ?? '../target/release/homeward-server', [
    'device', 'revoke', '--device', device, '--by', 'megan', '--data-dir', process.env.HOMEWARD_E2E_DATA!,
  ], { env: { ...process.env, DATABASE_URL: '' } });

  // Coming back online makes the app sync at once; the server answers that the device is revoked.
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(page.getByText('Your organisation took this tablet out of use')).toBeVisible({ timeout: 30_000 });
  const counts = await security.storeCounts();
  for (const store of ['records', 'outbox', 'rejected', 'meta', 'drafts']) {
    expect(counts[store], `${store} after the revoke`).toBe(0);
  }
  const stored = await security.storedText();
  expect(stored).not.toContain('wrapped_key');
  expect(stored).not.toContain(device);
});
