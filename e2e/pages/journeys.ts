/** Steps that several journeys begin with. */
import { Browser, Page, expect } from '@playwright/test';
import { SignInPage } from './sign-in-page';
import { CaseListPage } from './case-list-page';
import { NewCasePage } from './new-case-page';
import { CasePage } from './case-page';
import { ReclassifyPage, column } from './reclassify-page';
import { demo } from '../fixtures';

/** The worker opens a new case, classifies it medium in Stage 2, and submits a Stage 4
 *  reclassification to low. Returns the case page's address. */
/** A new case for `child`, classified at Stage 2 with one column's answers. Returns the case
 *  page's path. */
export async function newCaseClassified(
  page: Page,
  child: string,
  answers: readonly (readonly [string, string])[],
): Promise<string> {
  const list = new CaseListPage(page);
  const casePage = new CasePage(page);
  const classify = new ReclassifyPage(page);
  await list.startNewCase();
  await new NewCasePage(page).fill(child, '2016-04-12', 'Mother completing a parenting programme.');
  await new NewCasePage(page).save();
  await list.caseLink(child).click();
  await casePage.expectShown(child);
  const caseUrl = page.url();

  await casePage.stageLink(/Stage 2: Risk classification/).click();
  await casePage.openWork('Classify risk, decide and tell');
  await classify.answerAll(answers);
  await classify.record();
  await expect(page.getByText('Saved on this tablet.')).toBeVisible();
  return caseUrl;
}

export async function caseReclassifiedToLow(page: Page, child: string): Promise<string> {
  const casePage = new CasePage(page);
  const reclassify = new ReclassifyPage(page);
  const caseUrl = await newCaseClassified(page, child, column.medium);

  await page.goto(caseUrl);
  await casePage.stageLink(/Stage 4: Reclassify risk/).click();
  await casePage.openWork('Reclassify, plan and prepare');
  await reclassify.expectShown();
  await expect(page.getByText('Level in effect now: Medium')).toBeVisible();
  await reclassify.answerAll(column.low);
  await expect(reclassify.applyingRow()).toContainText('Plans for reunification can begin or continue.');
  await expect(reclassify.applyingRow()).toContainText('Sufficient evidence of change');
  await reclassify.record();
  await expect(reclassify.submissions()).toContainText("Awaiting the team manager's sign-off");
  return caseUrl;
}

/** A second browser context signed in as `who` (say a manager beside the worker). */
export async function signedIn(browser: Browser, who: { username: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(who.username, who.password);
  await new CaseListPage(page).expectShown();
  return { context, page };
}

/** The worker signs in (choosing the test PIN) and opens one child's case from the list.
 *  Returns the case page's path. */
export async function signInAndOpen(page: Page, child: string): Promise<string> {
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await list.caseLink(child).click();
  await new CasePage(page).expectShown(child);
  return new URL(page.url()).pathname;
}
