import { test, expect, expectAccessible, demo } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { DashboardPage } from '../pages/dashboard-page';
import { CasePage } from '../pages/case-page';

test('a case opens at its current stage with its tasks, what is missing and why the stage matters, a ticked task stays ticked, and seeing the child alone or naming a trusted adult needs its record', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const dashboard = new DashboardPage(page);
  const casePage = new CasePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await dashboard.card('Amira').click();
  await casePage.expectShown('Amira');

  await expect(casePage.stageLink(/Stage 1: Initial assessment/)).toHaveAttribute('aria-current', 'step');
  await expect(page.getByText(/Why this matters/)).toBeVisible();
  const trusted = casePage.task('Identify a trusted adult for the child to talk to');
  await expect(trusted).not.toBeChecked();
  await expect(casePage.stillToDo()).toContainText('Identify a trusted adult');
  await expectAccessible(page, 'case stepper');

  // Ticking is not enough: a trusted adult must be named in a record of the child's voice.
  await trusted.click();
  await expect(page.getByRole('alert')).toHaveText(
    "Not done yet: name the child's trusted adult first, in a record of the child's voice.",
  );
  await expect(trusted).not.toBeChecked();
  await expectAccessible(page, 'case stepper with a task refused');

  const writeUp = casePage.task('Write up the assessment');
  await writeUp.check();
  await expect(casePage.stillToDo()).not.toContainText('Write up the assessment');
  await expect(casePage.stillToDo()).toContainText('Identify a trusted adult');
  await page.reload();
  await expect(casePage.task('Write up the assessment')).toBeChecked();
  await expect(casePage.task('Identify a trusted adult for the child to talk to')).not.toBeChecked();

  // Another stage can be looked at without moving the case on.
  await casePage.stageLink(/Stage 2: Risk classification/).click();
  await expect(page.getByRole('heading', { name: 'Stage 2: Risk classification', level: 2 })).toBeVisible();
  await expect(casePage.task('Classify risk with the traffic-light table')).not.toBeChecked();
  await expect(casePage.stageLink(/Stage 1: Initial assessment/)).toContainText('Current stage');
});
