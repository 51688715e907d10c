import { Page } from '@playwright/test';
import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { CasePage } from '../pages/case-page';
import { NewCasePage } from '../pages/new-case-page';
import { AgreementPage } from '../pages/agreement-page';
import { GoalReviewPage } from '../pages/goal-review-page';

async function shot(page: Page, name: string) {
  if (process.env.HOMEWARD_SHOTS) await page.screenshot({ path: `${process.env.HOMEWARD_SHOTS}/${name}.png`, fullPage: true });
}

const TIPS = [
  'Monitor progress regularly.',
  'Keep the barriers in mind.',
  'Give support and encouragement.',
  'Review whether the support and services offered to parents are working.',
  'Compliance is not the same as readiness to change, or change itself.',
  'Stay flexible.',
  'This may take longer than planned.',
];

test("Cerys's goal reviews show the next review, the last review's lights and the framework's tips", async ({ page }) => {
  const signIn = new SignInPage(page);
  const casePage = new CasePage(page);
  const reviews = new GoalReviewPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(page).caseLink('Cerys').click();
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Goal reviews');
  await reviews.expectShown('Cerys');
  await expect(reviews.nextReview()).toBeVisible();
  await expect(reviews.tips()).toHaveText(TIPS);
  const last = reviews.held().first();
  await expect(last.getByText('Green: on track')).toHaveCount(2);
  await expect(last.getByRole('listitem').filter({ hasText: 'Keep the house clean and safe' })).toContainText('Amber: some progress');
  await expect(reviews.goal(3)).toBeVisible();
  await expectAccessible(page, "Cerys's goal reviews");
  await shot(page, 'reviews-cerys');
});

test('a goal review records a traffic light per goal, and a green light needs the change seen, not compliance', async ({ page }) => {
  const child = uniqueChild('Ffion');
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const casePage = new CasePage(page);
  const agreement = new AgreementPage(page);
  const reviews = new GoalReviewPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await list.startNewCase();
  const form = new NewCasePage(page);
  await form.fill(child, '2018-09-30', 'Looked after; parents working on the home.');
  await form.save();
  await list.caseLink(child).click();
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Written agreement');
  await agreement.expectShown(child);
  await agreement.fillGoal(1, { what: 'Keep every health appointment for the baby' });
  await agreement.addGoal();
  await agreement.fillGoal(2, { what: 'Keep the kitchen clean and food in the fridge' });
  await agreement.save();

  await page.getByRole('link', { name: 'Back to the case' }).click();
  await casePage.openWork('Goal reviews');
  await reviews.expectShown(child);
  await expect(reviews.tips()).toHaveText(TIPS);
  await expect(page.getByText('No review scheduled')).toBeVisible();

  await reviews.light(1, 'Green: on track');
  await expect(reviews.compliancePrompt()).toBeVisible();
  await reviews.light(2, 'Amber: some progress', 'Better on visit days.');
  await reviews.outcome('Carry on with the plan');
  await expectAccessible(page, 'goal review form');
  await shot(page, 'review-form');
  await reviews.save();
  await expect(page.getByRole('alert')).toHaveText(/^Compliance is not change: for a goal marked on track/);

  await reviews.light(1, 'Green: on track', 'Every appointment kept, and she rang the surgery herself to move one.');
  await reviews.save();
  await expect(page.getByText('Saved on this tablet.')).toBeVisible();
  const held = reviews.held().first();
  await expect(held.getByRole('listitem').filter({ hasText: 'Keep every health appointment for the baby' })).toContainText('Green: on track');
  await expect(held.getByRole('listitem').filter({ hasText: 'Keep the kitchen clean' })).toContainText('Amber: some progress');
  await expect(held).toContainText('Carry on with the plan');
  await expect(reviews.nextReview()).toBeVisible();
  await list.expectAllSent();
});
