import { test, expect, expectAccessible, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { DashboardPage } from '../pages/dashboard-page';
import { CasePage } from '../pages/case-page';
import { ChronologyPage } from '../pages/chronology-page';

test('the case history shows entries by area and child with the patterns they reveal', async ({ page }) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  const history = new ChronologyPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.card('Amira').click();
  await casePage.openWork('Case history (chronology)');
  await history.expectShown();

  await expect(history.entries()).toHaveCount(12);
  await expect(history.patterns()).toContainText('Services started 2, completed 0, dropped 2');
  await history.filterArea('Services tried and how parents engaged');
  await expect(history.entries()).toHaveCount(4);
  await history.filterArea('All areas');
  await history.filterChild('Yusuf');
  await expect(history.entries()).toHaveCount(7);
  await expectAccessible(page, 'chronology');
});

test('an entry half typed survives going offline and reloading, then saves offline and is sent when back online', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  const history = new ChronologyPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.card('Yusuf').click();
  await casePage.openWork('Case history (chronology)');
  await history.expectShown();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const before = await history.entries().count();

  await history.date().fill('2024-05');
  await history.what().fill('Grandmother Noor offered to help with meals twice a week.');
  await history.expectDraftKept();

  await context.setOffline(true);
  await page.reload();
  await history.expectShown();
  await expect(history.what()).toHaveValue('Grandmother Noor offered to help with meals twice a week.');
  await expect(history.date()).toHaveValue('2024-05');

  // Say what is wrong in plain words, at the field.
  await history.date().fill('next year');
  await history.save();
  await expect(page.getByText('Enter a year (like 2019), a month (like 2019-03) or a date (like 2019-03-14).')).toBeVisible();
  await history.date().fill('2024-05');
  await history.analysis().fill('Wider family may be a protective factor.');
  await page.getByLabel('Yusuf').check();
  await history.save();
  await expect(history.entries()).toHaveCount(before + 1);
  await expect(history.entries().filter({ hasText: 'Grandmother Noor' })).toContainText('Wider family may be a protective factor.');
  await expect(page.getByRole('status')).toContainText('waiting to send');

  await context.setOffline(false);
  await expect(page.getByRole('status')).toContainText('All changes sent', { timeout: 30_000 });

  await history.entries().filter({ hasText: 'Grandmother Noor' }).getByRole('button', { name: /Edit/ }).click();
  await expect(page.getByRole('heading', { name: 'Edit the entry' })).toBeVisible();
  await history.analysis().fill('Noor is reliable: a protective factor to build on.');
  await history.save();
  await expect(history.entries().filter({ hasText: 'Grandmother Noor' })).toContainText('Noor is reliable');
  await expect(history.entries()).toHaveCount(before + 1);
});
