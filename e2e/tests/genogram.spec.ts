import { test, expect, expectAccessible, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { DashboardPage } from '../pages/dashboard-page';
import { CasePage } from '../pages/case-page';

test('the genogram draws the family with its symbols, and a person tapped on the drawing can be edited', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.card('Amira').click();
  await casePage.openWork('Genogram');
  await expect(page.getByRole('heading', { name: /^Genogram/, level: 1 })).toBeVisible();

  const drawing = page.getByRole('group', { name: /^Family diagram of/ });
  await expect(drawing).toHaveAccessibleName(/Family diagram of 8 people/);
  // Four grandparents, one of whom has died (marked with a cross), and the household outline.
  for (const name of ['Hassan', 'Noor', 'Tariq', 'Samira']) {
    await expect(drawing.getByRole('button', { name: `Edit ${name}` })).toBeVisible();
  }
  await expect(drawing.locator('.deceased')).toHaveCount(2);
  await expect(drawing.locator('.household')).toHaveCount(1);
  await expect(page.locator('.rel-list li', { hasText: /^Tariq ·/ })).toContainText('died');
  await expectAccessible(page, 'genogram');

  await drawing.getByRole('button', { name: 'Edit Samira' }).click();
  await expect(page.getByRole('heading', { name: 'Edit the person' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Samira');
  await page.getByLabel('Has died').check();
  await page.getByLabel('Lives in the household the child would return to').check();
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByText('Someone who has died cannot live in the household.')).toBeVisible();
  await page.getByLabel('Lives in the household the child would return to').uncheck();
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(drawing.locator('.deceased')).toHaveCount(4);
  await expect(page.getByRole('heading', { name: 'Add a person' })).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Aunt Yasmin');
  await page.getByRole('group', { name: 'Sex' }).getByLabel('Female').check();
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(drawing.getByRole('button', { name: 'Edit Aunt Yasmin' })).toBeVisible();
  await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Aunt Yasmin' });
  await page.getByLabel('Is', { exact: true }).selectOption({ label: 'relative of' });
  await page.getByLabel('Of or with').selectOption({ label: 'Leila' });
  await page.getByLabel('Description').fill('sister');
  await page.getByRole('button', { name: 'Save relationship' }).click();
  await expect(page.getByText('Aunt Yasmin relative of Leila (sister)')).toBeVisible();
});
