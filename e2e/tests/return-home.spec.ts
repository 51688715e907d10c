import { Page } from '@playwright/test';
import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { DashboardPage } from '../pages/dashboard-page';
import { CasePage } from '../pages/case-page';
import { ReturnHomePage } from '../pages/return-home-page';
import { column } from '../pages/reclassify-page';
import { newCaseClassified } from '../pages/journeys';
import { SignOffPage } from '../pages/sign-off-page';
import { hlcNow, uuid } from '../sync-api';
import { expectAtOtherSizes } from '../pages/screen-sizes';

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A date as the app spells it in English, `days` from today. */
function spelled(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const month = d.toLocaleString('en-GB', { month: 'long' });
  return `${d.getDate()} ${month} ${d.getFullYear()}`;
}

/** A case low since seven months ago, pushed through the sync API as the worker's other device
 *  (the app only ever dates a classification today, and closure needs low sustained for six). */
async function caseLowForSevenMonths(page: Page, child: string) {
  const caseId = uuid();
  const classificationId = uuid();
  const change = (entity: string, entityId: string, field: string, value: unknown, n: number) => ({
    change_id: uuid(),
    device_id: uuid(),
    user: demo.worker.username,
    case_id: caseId,
    entity,
    entity_id: entityId,
    field,
    value,
    hlc: hlcNow(`seed${n}`),
    base: 0,
  });
  const r = await page.request.post('/api/sync/push', {
    data: {
      device_id: uuid(),
      changes: [
        change('case', caseId, 'child_name', child, 1),
        change('case', caseId, 'date_of_birth', '2015-09-01', 2),
        change('case', caseId, 'note', 'Home with mother since the summer.', 3),
        change(
          'classification',
          classificationId,
          'data',
          {
            id: classificationId,
            kind: 'initial',
            answers: {
              risk_factors: 'fully_addressed',
              protective_factors: 'apparent',
              capacity: 'able',
              wish: 'both_want',
              recurrence: 'unlikely',
            },
            suggested: 'low',
            chosen: 'low',
            rationale: '',
            by: demo.worker.username,
            on: isoDaysAgo(214),
            sign_off: null,
          },
          4,
        ),
      ],
    },
  });
  expect(r.status()).toBe(200);
  for (const res of (await r.json()).results) expect(res.outcome).toBe('applied');
}

test("Rhys's return home shows his gradual return, monthly reviews, the next reclassification and when he may close", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const casePage = new CasePage(page);
  const stage5 = new ReturnHomePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await new DashboardPage(page).card('Rhys').click();
  await casePage.expectShown('Rhys');
  await expect(page.getByText(/^Reclassify risk by /)).toBeVisible();
  await casePage.openWork('Return home, reviews and closure');
  await stage5.expectShown();
  const contact = stage5.contact();
  await expect(contact.getByRole('listitem')).toHaveCount(4);
  await expect(contact).toContainText('Day visit');
  await expect(contact).toContainText(/Home since /);
  await expect(stage5.section('Coordinate support and services as the plan says')).toContainText('School nurse (Health)');
  await expect(stage5.monitoring()).toContainText(/Next review /);
  await expect(stage5.section('Reclassify risk at set intervals')).toContainText(/Reclassify risk by /);
  await expect(stage5.closure()).toContainText(/closure possible from .*, pending manager sign-off/);
  await expect(stage5.closure().getByRole('button', { name: 'Ask the manager to close the case' })).toHaveCount(0);
  await expectAccessible(page, "Rhys's return home");
  await expectAtOtherSizes(page, "Rhys's return home");
});

test('the worker plans a gradual return, reviews after it, and asks to close; the manager signs the closure off', async ({
  page,
  browser,
}) => {
  const child = uniqueChild('Elis');
  const signIn = new SignInPage(page);
  const casePage = new CasePage(page);
  const stage5 = new ReturnHomePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(page).expectShown();
  await caseLowForSevenMonths(page, child);
  await page.reload();
  await new DashboardPage(page).card(child).click();
  await casePage.expectShown(child);
  const caseUrl = page.url();
  await casePage.stageLink(/Stage 5: Return home/).click();
  await casePage.openWork('Return home, reviews and closure');
  await stage5.expectShown();

  await stage5.addStep('Day visit', isoDaysAgo(60), 'Saturdays at home.');
  await expect(stage5.contact().getByText('Saturdays at home.')).toBeVisible();
  // Straight home with nothing before it would not be gradual; here the visit comes first.
  await stage5.addStep('Overnight stay', isoDaysAgo(45), 'Two nights a week.');
  await expect(stage5.contact().getByText('Two nights a week.')).toBeVisible();
  await stage5.addStep('Return home', isoDaysAgo(30), 'Moves home.');
  await expect(stage5.contact().getByRole('listitem')).toHaveCount(3);
  await expect(stage5.contact()).not.toContainText('with no contact before the return');
  for (const kind of ['Day visit', 'Overnight stay', 'Return home']) {
    await stage5.stepStatus(kind).selectOption({ label: 'Done' });
    await expect(stage5.stepStatus(kind)).toHaveValue('done');
  }
  await expect(stage5.contact()).toContainText(/Home since /);
  await expectAccessible(page, 'contact schedule');

  await stage5.monitoring().getByLabel('Review after the return').selectOption({ label: 'Every 2 weeks' });
  await expect(stage5.monitoring().getByLabel('Review after the return')).toHaveValue('weeks:2');
  await stage5.recordReview(['Reunification plan', 'The child\'s views'], 'Carry on with the plan', 'Settled; school attendance full.');
  await expect(stage5.monitoring()).toContainText('Settled; school attendance full.');
  // Held today, so the next is due a fortnight on, as the plan now says.
  await expect(stage5.monitoring()).toContainText(`Next review ${spelled(14)}`);
  await expect(stage5.section('Reclassify risk at set intervals')).toContainText(/Reclassify risk by /);
  await expectAtOtherSizes(page, 'return home with a review');

  await expect(stage5.closure()).toContainText('the case may close, with the team manager');
  await stage5.closure().getByRole('button', { name: 'Ask the manager to close the case' }).click();
  await expect(stage5.closure().getByText('Say why the case can close.')).toBeVisible();
  await stage5.requestClosure('Low sustained for seven months; support continues through school.');
  await expect(stage5.closure()).toContainText('Closure has been asked for.');
  await expect(stage5.closure()).toContainText("Awaiting the team manager's sign-off");
  await expectAccessible(page, 'closure requested');
  await new CaseListPage(page).expectAllSent();

  const context = await browser.newContext();
  try {
    const m = await context.newPage();
    const mSignIn = new SignInPage(m);
    await mSignIn.open();
    await mSignIn.signIn(demo.manager.username, demo.manager.password);
    const signOff = new SignOffPage(m);
    await signOff.openQueue();
    await expect(signOff.caseLink(child)).toContainText('Case closure');
    await signOff.caseLink(child).click();
    const sub = signOff.submission('Case closure');
    await expect(sub).toContainText('Low sustained for seven months; support continues through school.');
    await expectAccessible(m, 'closure sign-off');
    await signOff.agree();
    await expect(m.getByText('Nothing on this case waits for your sign-off.')).toBeVisible();
    await new CaseListPage(m).expectAllSent();
  } finally {
    await context.close();
  }

  await page.goto(caseUrl);
  await expect(page.getByRole('heading', { name: 'Closing the case' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^Agreed by Megan Hughes on/)).toBeVisible();
  await page.goto('/');
  await expect(new DashboardPage(page).card(child)).toContainText('Case closed');
});

test('a child at high risk cannot be recorded as home: the return waits for low or medium', async ({ page }) => {
  const casePage = new CasePage(page);
  const stage5 = new ReturnHomePage(page);
  await new SignInPage(page).open();
  await new SignInPage(page).signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(page).expectShown();
  const caseUrl = await newCaseClassified(page, uniqueChild('Gethin'), column.high);

  await page.goto(caseUrl);
  await casePage.stageLink(/Stage 5: Return home/).click();
  await casePage.openWork('Return home, reviews and closure');
  await stage5.expectShown();
  await stage5.addStep('Day visit', isoDaysAgo(2), 'Sunday afternoon.');
  await stage5.addStep('Return home', isoDaysAgo(0), 'Moves home.');
  await expect(stage5.contact().getByRole('listitem')).toHaveCount(2);
  // Contact short of the return can go ahead; the return itself cannot.
  await stage5.stepStatus('Day visit').selectOption({ label: 'Done' });
  await expect(stage5.stepStatus('Day visit')).toHaveValue('done');
  await stage5.stepStatus('Return home').selectOption({ label: 'Done' });
  await expect(stage5.contact().getByRole('alert')).toHaveText(
    'The case is High: the child cannot go home yet. At high, more intervention and evidence come before any return; at severe, the child stays looked after.',
  );
  await expect(stage5.stepStatus('Return home')).toHaveValue('planned');
  await expect(stage5.contact()).not.toContainText(/Home since /);
  await page.reload();
  await stage5.expectShown();
  await expect(stage5.stepStatus('Return home')).toHaveValue('planned');
  await expectAccessible(page, 'return refused at high risk');
});
