import { Page } from '@playwright/test';
import { test, expect, expectAccessible, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { DashboardPage } from '../pages/dashboard-page';
import { CasePage } from '../pages/case-page';
import { ClassificationPage } from '../pages/classification-page';
import { column } from '../pages/reclassify-page';

/** `who` signs in and opens the classification page of `child`'s case from the dashboard. */
async function openClassification(page: Page, who: { username: string; password: string }, child: string) {
  const signIn = new SignInPage(page);
  const casePage = new CasePage(page);
  const classify = new ClassificationPage(page);
  await signIn.open();
  await signIn.signIn(who.username, who.password);
  await new DashboardPage(page).card(child).click();
  await casePage.expectShown(child);
  await casePage.openWork('Classify risk, decide and tell');
  await classify.expectShown();
  return classify;
}

test('the worker answers the five questions, sees the suggestion, must say why when choosing another level, then records the decision and who was told', async ({
  page,
}) => {
  const classify = await openClassification(page, demo.otherWorker, 'Lowri');

  await expect(classify.chart()).toHaveAttribute('aria-label', /Severe/);
  await expect(classify.historyTable()).toContainText('Severe');
  await expect(page.getByLabel('Work done instead')).toHaveValue(/Life-story work/);
  await expect(classify.suggestion()).toContainText('Answer all five questions');

  await classify.record();
  await expect(page.getByText('Choose an answer.').first()).toBeVisible();

  await classify.answer('Risk factors', 'Risk factors apparent, or not all fully addressed');
  await classify.answer('Protective factors', 'Protective factors apparent');
  await classify.answer("Parents' sustained capacity for actual change", 'Unable to change');
  await classify.answer('Do parent and child want the return home?', 'Ambivalence in parent and/or child');
  await classify.answer('How likely is abuse to recur if the child returns home?', 'Strong likelihood');
  await expect(classify.suggestion()).toContainText('The table suggests: High');
  await expect(classify.suggestion()).toContainText('Retain the care order');

  await classify.chooseLevel('Severe');
  await classify.record();
  await expect(
    page.getByText('You chose Severe but the table suggests High. Write down why you chose a different level.'),
  ).toBeVisible();
  await expect(classify.rationale()).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'classification with an error');

  await classify.rationale().fill('Mark is still in the household and Nerys does not believe Lowri.');
  await classify.record();
  await expect(page.getByText('Saved on this tablet.')).toBeVisible();
  await expect(classify.historyTable().getByRole('row')).toHaveCount(3);
  await expect(classify.historyTable()).toContainText('Mark is still in the household');

  await page.getByRole('group', { name: 'Decision' }).getByLabel('Reunification is not possible').check();
  await page.getByLabel('What was decided').fill('Lowri stays looked after; permanence plan continues.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByText('Still to tell about the latest decision: Child, Parents, Carers, Professionals')).toBeVisible();

  await page.getByLabel('Told', { exact: true }).selectOption({ label: 'Child' });
  await page.getByLabel('Names', { exact: true }).fill('Lowri');
  await page.getByLabel('How', { exact: true }).selectOption({ label: 'In person' });
  await page.getByRole('button', { name: 'Log communication' }).click();
  await expect(page.getByText('Still to tell about the latest decision: Parents, Carers, Professionals')).toBeVisible();
  await expectAccessible(page, 'classification page');
});

test('a case moves down one level at a time, and only once the improvement has lasted six months; a refused move saves nothing', async ({
  page,
}) => {
  // Tomos: high for seven months, risk factors not yet addressed.
  const classify = await openClassification(page, demo.worker, 'Tomos');
  const rows = await classify.historyTable().getByRole('row').count();

  for (const [question, answer] of column.low) await classify.answer(question, answer);
  await expect(classify.suggestion()).toContainText('The table suggests: Low');
  await classify.record();
  const levelError = page.getByRole('group', { name: /Level you choose/ }).locator('.error');
  await expect(levelError).toHaveText(
    'One step down at a time: from High the case can move down to Medium, not straight to Low.',
  );
  await expectAccessible(page, 'classification refused: two steps down');

  await classify.chooseLevel('Medium');
  await classify.rationale().fill('Sian has ended the relationship; the risk has gone with him.');
  await classify.record();
  await expect(levelError).toContainText('The improvement must be sustained for 6 months at High before the case moves down to Medium');
  await expect(levelError).toContainText("Until then, record today's answers at High.");
  await expect(page.getByText('Saved on this tablet.')).toHaveCount(0);
  await expect(classify.historyTable().getByRole('row')).toHaveCount(rows);
  // On a phone the history table scrolls sideways; the keyboard can reach it.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(levelError).toBeVisible();
  await expectAccessible(page, 'classification refused, on a phone');
});
