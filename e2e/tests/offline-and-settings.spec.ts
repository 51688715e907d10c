import { test, expect, expectAccessible, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';

test('a deep link opens offline once the app has been visited', async ({ page, context }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(page).expectShown();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.goto('/cases/new');
  await expect(page.getByRole('heading', { name: 'New case' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('Offline');
  await context.setOffline(false);
});

test('the worker can make the text larger, and the choice is remembered', async ({ page }) => {
  await new SignInPage(page).open();
  const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  expect(await size()).toBe('16px');
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect(page.getByRole('button', { name: 'Larger text' })).toHaveAttribute('aria-pressed', 'true');
  expect(await size()).toBe('22px');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await size()).toBe('22px');
  await expectAccessible(page, 'sign-in with larger text');
  await page.getByRole('button', { name: 'Standard text' }).click();
  expect(await size()).toBe('16px');
});

test('the whole interface switches to Welsh and stays in Welsh', async ({ page }) => {
  await new SignInPage(page).open();
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect(page.getByRole('heading', { name: 'Mewngofnodi' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await page.reload();
  await expect(page.getByLabel('Enw defnyddiwr')).toBeVisible();
  await expectAccessible(page, 'sign-in in Welsh');
  await page.getByRole('button', { name: 'English' }).click();
});
