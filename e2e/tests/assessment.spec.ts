import { test, expect, expectAccessible, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { DashboardPage } from '../pages/dashboard-page';
import { CasePage } from '../pages/case-page';

test("the worker records factors with evidence and each parent's capacity, sees the child was seen alone and their words, and compliance is refused as change", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);

  await dashboard.card('Cerys').click();
  await casePage.stageLink(/Stage 1/).click();
  await casePage.openWork("Risk, capacity and the child's views");
  await expect(page.getByText(/Cerys has been seen alone 2 times/)).toBeVisible();
  await expect(page.getByText('“To be home before my birthday.”').first()).toBeVisible();
  await expect(page.getByText('“Mum getting poorly again.”').first()).toBeVisible();
  await expect(page.getByText('Named by the child: Nain Eirlys')).toBeVisible();
  await expectAccessible(page, 'assessment');

  await page.goto('/');
  await dashboard.card('Amira').click();
  await casePage.openWork("Risk, capacity and the child's views");
  await expect(page.getByText('Amira has not been seen alone yet.')).toBeVisible();

  const multiple = page.getByRole('form', { name: 'Multiple types of maltreatment' });
  await multiple.getByLabel('Present?').selectOption({ label: 'Present' });
  await multiple.getByLabel('Evidence', { exact: true }).fill('Neglect and growth failure together.');
  await multiple.getByRole('button', { name: 'Save Multiple types of maltreatment' }).click();
  await expect(multiple.getByText('Saved on this tablet.')).toBeVisible();

  const leila = page.getByRole('form', { name: 'Leila' });
  await leila.getByLabel('Some evidence').check();
  await leila.getByLabel('What I have seen is compliance only (attending, agreeing)').check();
  await leila.getByRole('button', { name: 'Save rating for Leila' }).click();
  await expect(leila.getByText(/Compliance is not change/).first()).toBeVisible();
  await leila.getByLabel('What I have seen is compliance only (attending, agreeing)').uncheck();
  await leila.getByLabel('Acknowledges the damage their behaviour did').check();
  await leila.getByLabel('Evidence', { exact: true }).fill('Talked about how the missed feeds affected Amira.');
  await leila.getByRole('button', { name: 'Save rating for Leila' }).click();
  await expect(leila.getByText('Saved on this tablet.')).toBeVisible();

  await page.getByLabel('How the child and parents are engaging').fill('Leila now attends; Karim by phone.');
  await page.locator('#engagement-form').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#engagement-form').getByText('Saved on this tablet.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('form', { name: 'Leila' }).getByLabel('Some evidence')).toBeChecked();
  await expect(page.getByLabel('How the child and parents are engaging')).toHaveValue('Leila now attends; Karim by phone.');
});

test('the assessment write-up pulls the history, family, factors and views together and prints', async ({ page }) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.card('Cerys').click();
  await casePage.stageLink(/Stage 1/).click();
  await casePage.openWork('Assessment write-up');
  await expect(page.getByRole('heading', { name: 'Initial assessment: Cerys', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Analytical case history' })).toBeVisible();
  await expect(page.getByText('Cerys returned home aged 6')).toBeVisible();
  await expect(page.getByRole('group', { name: /Family diagram of 4 people/ })).toBeVisible();
  await expect(page.getByText(/Bethan: Substantial evidence/)).toBeVisible();
  await expect(page.getByText(/Current level: Medium/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print the assessment' })).toBeVisible();
  await expectAccessible(page, 'assessment write-up');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print the assessment' })).toBeHidden();
  await expect(page.getByText('Cerys returned home aged 6')).toBeVisible();
});
