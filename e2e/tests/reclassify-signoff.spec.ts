import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { CasePage } from '../pages/case-page';
import { DashboardPage } from '../pages/dashboard-page';
import { ReclassifyPage, column } from '../pages/reclassify-page';
import { caseReclassifiedToLow, signedIn } from '../pages/journeys';
import { SignOffPage } from '../pages/sign-off-page';
import { hlcNow, pullAll, uuid } from '../sync-api';
import { expectAtOtherSizes } from '../pages/screen-sizes';

const stage4Task1 = 'Reclassify risk and decide on reunification, with the team manager';

test('a stage 4 reclassification waits for the manager, who returns it with a comment and then agrees; the worker sees each decision and the level changes only then', async ({
  page,
  browser,
}) => {
  const child = uniqueChild('Seren');
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const casePage = new CasePage(page);
  const reclassify = new ReclassifyPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  // A worker has no sign-off queue.
  await expect(page.getByRole('link', { name: /^Sign-off queue/ })).toHaveCount(0);

  const caseUrl = await caseReclassifiedToLow(page, child);
  await expectAccessible(page, 'stage 4 reclassification awaiting sign-off');
  await expectAtOtherSizes(page, 'stage 4 reclassification');
  await expect(page.getByText(/already awaiting the team manager's sign-off/)).toBeVisible();
  await reclassify.addPlanAction('School nurse', 'Health', 'Sees the child every two weeks after the return.', '2027-01-15');
  await expect(page.getByText('Sees the child every two weeks after the return.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Update the written agreement' })).toHaveAttribute('href', /\/agreement$/);
  await list.expectAllSent();

  await page.goto(caseUrl);
  await expect(page.locator('.case-head')).toContainText('Medium');
  await expect(page.getByText(/Awaiting sign-off: Low\. The case stays at its current level/)).toBeVisible();
  await page.goto('/');
  await expect(new DashboardPage(page).card(child)).toContainText("Awaiting the team manager's sign-off");

  const manager = await signedIn(browser, demo.manager);
  try {
    const signOff = new SignOffPage(manager.page);
    await signOff.openQueue();
    await expect(signOff.caseLink(child)).toContainText('Reclassification to Low');
    await expectAccessible(manager.page, 'sign-off queue');
    await signOff.caseLink(child).click();
    await signOff.expectCase(child);
    const sub = signOff.submission('Reclassification to Low');
    await expect(sub.getByRole('definition').first()).toHaveText(
      'Previous risk factors fully addressed; what remains is low and can be managed safely',
    );
    await expect(sub).toContainText('None given: the level chosen is the table');
    await expect(sub.getByRole('row').filter({ hasText: '(applies)' })).toContainText('Sufficient evidence of change');
    await expect(manager.page.getByRole('region', { name: 'Evidence on file' })).toContainText('Reunification plan: 1 actions');

    // Returning needs a comment.
    await signOff.returnToWorker();
    await expect(manager.page.getByText('Say why you are returning it, so the worker knows what to change.')).toBeVisible();
    await expectAccessible(manager.page, 'sign-off with a missing comment');
    await expectAtOtherSizes(manager.page, 'sign-off of one case');
    await signOff.comment().fill("Add the school's view of attendance.");
    await signOff.returnToWorker();
    await expect(manager.page.getByText("Returned: Add the school's view of attendance.")).toBeVisible();
    await new CaseListPage(manager.page).expectAllSent();

    // The worker's device gets the decision by sync.
    await page.goto(caseUrl);
    await expect(page.getByText("Returned: Add the school's view of attendance.")).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.case-head')).toContainText('Medium');
    await page.goto('/');
    await expect(new DashboardPage(page).card(child)).toContainText('Returned by the manager');
    // Reclassifying "with the team manager" is not done while the manager has sent it back.
    await page.goto(`${caseUrl}?stage=4`);
    await expect(casePage.task(stage4Task1)).not.toBeChecked();

    // The worker resubmits, with the school's view.
    await page.goto(caseUrl);
    await casePage.stageLink(/Stage 4: Reclassify risk/).click();
    await casePage.openWork('Reclassify, plan and prepare');
    await reclassify.answerAll(column.low);
    await reclassify.rationale().fill('School reports full attendance this term.');
    await reclassify.record();
    await expect(reclassify.submissions().getByText("Awaiting the team manager's sign-off")).toBeVisible();
    await expect(reclassify.submissions()).toContainText("Returned: Add the school's view of attendance.");
    await list.expectAllSent();

    await manager.page.goto('/sign-off');
    await signOff.expectQueue();
    await signOff.caseLink(child).click();
    await expect(signOff.submission('Reclassification to Low')).toContainText('School reports full attendance this term.');
    await signOff.agree();
    await expect(manager.page.getByText(/^Agreed by Megan Hughes on/)).toBeVisible();
    await new CaseListPage(manager.page).expectAllSent();
    await manager.page.goto('/sign-off');
    await expect(signOff.caseLink(child)).toHaveCount(0);

    await page.goto(caseUrl);
    await expect(page.getByText(/^Agreed by Megan Hughes on/)).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.case-head')).toContainText('Low');
    // The manager's agreement is Stage 4 task 1 done: nobody ticks it by hand.
    await page.goto(`${caseUrl}?stage=4`);
    await expect(casePage.task(stage4Task1)).toBeChecked();
    await expectAccessible(page, 'case with an agreed reclassification');
  } finally {
    await manager.context.close();
  }
});

test('a manager who decides offline loses nothing and sends the decision once when back online', async ({
  page,
  browser,
}) => {
  const child = uniqueChild('Gethin');
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(page).expectShown();
  const caseUrl = await caseReclassifiedToLow(page, child);
  await new CaseListPage(page).expectAllSent();

  const manager = await signedIn(browser, demo.manager);
  try {
    const m = manager.page;
    const signOff = new SignOffPage(m);
    await m.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // From the team's case in the list, straight to the decision.
    await new DashboardPage(m).card(child).click();
    await m.getByRole('link', { name: 'Decide the sign-off' }).click();
    await signOff.expectCase(child);

    await manager.context.setOffline(true);
    await signOff.comment().fill('Agreed on the evidence of the last three reviews.');
    await signOff.agree();
    await expect(m.getByText(/^Agreed by Megan Hughes on/)).toBeVisible();
    await expect(m.getByRole('status')).toContainText('1 changes waiting to send');
    // Still there after a reload without signal.
    await m.reload();
    await expect(m.getByText(/^Agreed by Megan Hughes on/)).toBeVisible();
    await expect(m.getByRole('status')).toContainText('Offline');

    await manager.context.setOffline(false);
    await new CaseListPage(m).expectAllSent();

    const signOffs = (await pullAll(m.request)).filter((p) => p.change.entity === 'sign_off');
    const mine = signOffs.filter((p) => p.change.value.comment === 'Agreed on the evidence of the last three reviews.');
    expect(mine).toHaveLength(1);

    await page.goto(caseUrl);
    await expect(page.getByText(/^Agreed by Megan Hughes on/)).toHaveCount(1, { timeout: 30_000 });
    await expect(page.locator('.case-head')).toContainText('Low');
  } finally {
    await manager.context.close();
  }
});

test('a worker who opens the sign-off queue is refused, and the server refuses a sign-off they send', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(page).expectShown();
  await page.goto('/sign-off');
  await expect(page.getByRole('alert')).toHaveText('Only a team manager can sign off.');
  await expectAccessible(page, 'sign-off queue refused to a worker');

  const cases = (await pullAll(page.request)).filter((p) => p.change.entity === 'classification');
  const caseId = cases[0].change.case_id;
  const subject = cases[0].change.entity_id;
  const r = await page.request.post('/api/sync/push', {
    data: {
      device_id: uuid(),
      changes: [
        {
          change_id: uuid(),
          device_id: uuid(),
          user: demo.worker.username,
          case_id: caseId,
          entity: 'sign_off',
          entity_id: subject,
          field: 'data',
          value: {
            subject,
            about: 'classification',
            verdict: 'agreed',
            comment: '',
            by: demo.worker.username,
            by_name: demo.worker.name,
            on: '2026-01-01',
          },
          hlc: hlcNow('forger'),
          base: 0,
        },
      ],
    },
  });
  expect(r.status()).toBe(200);
  const result = (await r.json()).results[0];
  expect(result.outcome).toBe('rejected');
  expect(result.reason).toBe('Only a team manager can sign this off.');
});
