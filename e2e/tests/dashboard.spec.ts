import { test, expect, expectAccessible, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { DashboardPage } from '../pages/dashboard-page';

const demoNames = ['Amira', 'Cerys', 'Rhys', 'Tomos', 'Yusuf'];

test('the worker sees each case with its level in words, its stage, its next review and the alerts of the movement rules', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.expectShown();

  const cerys = dashboard.card('Cerys');
  await expect(cerys).toContainText('Medium');
  await expect(cerys).toContainText('Stage 3: Parental agreements');
  await expect(cerys).toContainText(/Medium improving: may step down to Low from/);
  await expect(cerys).toContainText(/Next review/);

  const tomos = dashboard.card('Tomos');
  await expect(tomos).toContainText('High');
  await expect(tomos).toContainText('Stage 2: Risk classification');
  await expect(tomos).toContainText('High for 6 months without change: consider severe');

  const amira = dashboard.card('Amira');
  await expect(amira).toContainText('Not classified');
  await expect(amira).toContainText('Stage 1: Initial assessment');

  const rhys = dashboard.card('Rhys');
  await expect(rhys).toContainText('Low');
  await expect(rhys).toContainText('Stage 5: Return home');
  await expect(rhys).toContainText(/closure possible from .*pending manager sign-off/);
  await expectAccessible(page, 'dashboard');
});

test('the worker finds a case by name and sorts by level, stage or next review', async ({ page }) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await expect(dashboard.card('Yusuf')).toBeVisible();

  await dashboard.search('tom');
  await expect(page.getByText(/Showing 1 of \d+ cases/)).toBeVisible();
  await expect(dashboard.card('Tomos')).toBeVisible();
  await expect(dashboard.card('Cerys')).toHaveCount(0);
  await dashboard.search('nobody');
  await expect(page.getByText('No case matches that name.')).toBeVisible();
  await dashboard.search('');

  // Other tests may add cases; the demo caseload keeps its relative order. The order is read
  // until it settles: a sync that ends meanwhile draws the cards again.
  const demoOrder = async () => (await dashboard.order()).filter((n) => demoNames.includes(n));
  await dashboard.sortBy('Level, most serious first');
  await expect.poll(demoOrder).toEqual(['Tomos', 'Cerys', 'Rhys', 'Amira', 'Yusuf']);
  await dashboard.sortBy('Stage');
  await expect.poll(demoOrder).toEqual(['Amira', 'Yusuf', 'Tomos', 'Cerys', 'Rhys']);
  await dashboard.sortBy('Next review, soonest first');
  await expect.poll(demoOrder).toEqual(['Rhys', 'Tomos', 'Cerys', 'Amira', 'Yusuf']);
  await expectAccessible(page, 'dashboard sorted');
});
