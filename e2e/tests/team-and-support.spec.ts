import { Page } from '@playwright/test';
import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { CasePage } from '../pages/case-page';
import { NewCasePage } from '../pages/new-case-page';
import { TeamPage } from '../pages/team-page';

async function shot(page: Page, name: string) {
  if (process.env.HOMEWARD_SHOTS) await page.screenshot({ path: `${process.env.HOMEWARD_SHOTS}/${name}.png`, fullPage: true });
}

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('telling the child, the team and services, support given and a shared contingency plan tick their Stage 3 tasks', async ({ page }) => {
  const child = uniqueChild('Gethin');
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const casePage = new CasePage(page);
  const team = new TeamPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await list.startNewCase();
  const form = new NewCasePage(page);
  await form.fill(child, '2015-02-11', 'Looked after; father engaging with support.');
  await form.save();
  await list.caseLink(child).click();
  await casePage.expectShown(child);
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Team, support and contingency plan');
  await team.expectShown(child);
  await expectAccessible(page, 'team page (empty)');

  await team.recordChildTold('Explained that Dad and I will agree goals and meet every month; he asked if he can still see Nain.');
  await team.addAgency('Bridge Family Centre', 'Voluntary sector');
  await team.addContact('Alys Jenkins', 'Family support worker', 'Bridge Family Centre');

  // A finished service needs its end date: core refuses it, and says why.
  await team.addService({ name: 'Parenting course', agency: 'Bridge Family Centre', start: isoDaysFromToday(-90), status: 'completed', engagement: 'good' });
  await expect(team.serviceForm().getByRole('alert')).toHaveText('The service is marked as finished but has no end date.');
  await team.addService({ name: 'Parenting course', agency: 'Bridge Family Centre', start: isoDaysFromToday(-90), end: isoDaysFromToday(-10), status: 'completed', engagement: 'good' });
  await expect(team.serviceForm().getByText('Saved on this tablet.')).toBeVisible();
  await expect(page.getByText('Services started: 1; completed: 1; ended early: 0.')).toBeVisible();

  // A planned service gets under way: the worker changes it in place, not as a second service.
  await team.addService({ name: 'Home visits', agency: 'Bridge Family Centre', start: isoDaysFromToday(0), status: 'planned', engagement: 'not yet known' });
  await expect(team.serviceForm().getByText('Saved on this tablet.')).toBeVisible();
  await page.getByRole('button', { name: 'Change Home visits' }).click();
  await team.serviceForm().getByLabel('Where it stands').selectOption({ label: 'under way' });
  await team.serviceForm().getByLabel('How the parents engage').selectOption({ label: 'partial' });
  await team.serviceForm().getByRole('button', { name: 'Save changes to Home visits' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Home visits' })).toContainText('under way · engagement: partial');
  await expect(page.getByText('Services started: 2; completed: 1; ended early: 0.')).toBeVisible();

  await team.addSupport('With the parents', 'Home visit: planned the bedtime routine together.');
  await expect(page.getByText('Home visit: planned the bedtime routine together.')).toBeVisible();

  await team.saveContingency({
    triggers: 'Dad stops going to the course\nA goal date passes with no progress',
    actions: 'We meet Dad within a week and the return is paused.',
    alternative: 'Stays with his foster carers.',
  });
  await expect(page.getByText('The contingency plan has not been shared with the parents yet.')).toBeVisible();
  await team.saveContingency({
    triggers: 'Dad stops going to the course\nA goal date passes with no progress',
    actions: 'We meet Dad within a week and the return is paused.',
    alternative: 'Stays with his foster carers.',
    sharedOn: isoDaysFromToday(0),
  });
  await expect(page.getByText(/^Shared with the parents on /)).toBeVisible();
  await expectAccessible(page, 'team page (filled in)');
  await shot(page, 'team-filled');

  await page.getByRole('link', { name: 'Back to the case' }).click();
  await casePage.expectShown(child);
  for (const task of [
    'Tell the child what this stage is for',
    'Give relationship-based support to the child and parents',
    'Create a team around the child and family with packages of services',
    'Make contingency plans and share them with the parents',
  ]) {
    await expect(casePage.task(task)).toBeChecked();
  }
  await expect(casePage.task('Draw up a written agreement with SMART goals and timescales')).not.toBeChecked();
  await list.expectAllSent();
});

test("Cerys's team shows her mother's services with their start dates and how she engages", async ({ page }) => {
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const casePage = new CasePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.caseLink('Cerys').click();
  await casePage.expectShown('Cerys');
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Team, support and contingency plan');
  await new TeamPage(page).expectShown('Cerys');
  await expect(page.getByText('Gwen Rees, Substance-misuse worker (Cwm Recovery Service)')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Weekly recovery sessions and testing' })).toContainText('engagement: good');
  await expect(page.getByText('The contingency plan has not been shared with the parents yet.')).toBeVisible();
  await expect(page.getByLabel('What would set the plan off')).toHaveValue(/Bethan drinks again/);
  await expectAccessible(page, "Cerys's team page");
});

test('a worker corrects an agency, a person and a support session in place, and nothing is added twice', async ({ page }) => {
  const child = uniqueChild('Gethin');
  const list = new CaseListPage(page);
  const casePage = new CasePage(page);
  const team = new TeamPage(page);
  await new SignInPage(page).open();
  await new SignInPage(page).signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await list.startNewCase();
  await new NewCasePage(page).fill(child, '2015-02-11', 'Looked after; father engaging with support.');
  await new NewCasePage(page).save();
  await list.caseLink(child).click();
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Team, support and contingency plan');
  await team.expectShown(child);
  await team.addAgency('Bridge Family Centr', 'Voluntary sector');
  await team.addContact('Alys Jenkins', 'Family support worker', 'Bridge Family Centr');
  await team.addSupport('With the parents', 'Home visit: planed the bedtime routine.');

  // The agency's name had a typo: the person at it follows the correction.
  await page.getByRole('button', { name: 'Change Bridge Family Centr' }).click();
  await expect(team.agencyForm().getByLabel('Agency name')).toHaveValue('Bridge Family Centr');
  await team.agencyForm().getByLabel('Agency name').fill('Bridge Family Centre');
  await team.agencyForm().getByRole('button', { name: 'Save changes to Bridge Family Centr' }).click();
  await expect(team.agencyForm().getByText('Saved on this tablet.')).toBeVisible();
  await expect(page.getByText('Alys Jenkins, Family support worker (Bridge Family Centre)')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Change Bridge Family Centr/ })).toHaveCount(1);

  // A new phone number; a change started and cancelled leaves the person as they were.
  await page.getByRole('button', { name: 'Change Alys Jenkins' }).click();
  await team.contactForm().getByLabel('Role').fill('Someone else');
  await team.contactForm().getByRole('button', { name: 'Cancel' }).click();
  await expect(team.contactForm().getByRole('button', { name: 'Add person' })).toBeVisible();
  await page.getByRole('button', { name: 'Change Alys Jenkins' }).click();
  await expect(team.contactForm().getByLabel('Role')).toHaveValue('Family support worker');
  await team.contactForm().getByLabel('Phone').fill('01970 612345');
  await team.contactForm().getByRole('button', { name: 'Save changes to Alys Jenkins' }).click();
  await expect(team.contactForm().getByText('Saved on this tablet.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Alys Jenkins' })).toContainText('01970 612345');
  await expect(page.getByRole('listitem').filter({ hasText: 'Alys Jenkins' })).not.toContainText('Someone else');

  await page.getByRole('button', { name: /^Change .* · With the parents$/ }).click();
  await expect(team.supportForm().getByLabel('Support given')).toHaveValue('Home visit: planed the bedtime routine.');
  await team.supportForm().getByLabel('Support given').fill('Home visit: planned the bedtime routine together.');
  await team.supportForm().getByRole('button', { name: /^Save changes to / }).click();
  await expect(team.supportForm().getByText('Saved on this tablet.')).toBeVisible();
  await expect(page.getByText('Home visit: planned the bedtime routine together.')).toBeVisible();
  await expect(page.getByText('Home visit: planed the bedtime routine.')).toHaveCount(0);
  await expectAccessible(page, 'team page after corrections');

  // Still so after a reload: the corrections were saved, not only drawn.
  await page.reload();
  await team.expectShown(child);
  await expect(page.getByText('Alys Jenkins, Family support worker (Bridge Family Centre)')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Change .* · With the parents$/ })).toHaveCount(1);
  await list.expectAllSent();
});
