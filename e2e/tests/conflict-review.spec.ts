import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { NewCasePage } from '../pages/new-case-page';
import { ReviewPage } from '../pages/review-page';
import { APIRequestContext } from '@playwright/test';
import { caseFields, hlcNow, pullAll, uuid } from '../sync-api';

/** The id of the case of this child, once the server has it. */
async function caseIdOf(request: APIRequestContext, child: string): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      id = (await pullAll(request)).find(
        (p) => p.change.field === 'child_name' && p.change.value === child,
      )?.change.case_id;
      return id;
    })
    .toBeTruthy();
  return id!;
}

test('a note written at the same time on another device is shown side by side, and the worker’s choice clears it everywhere', async ({
  page,
  browser,
}) => {
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const form = new NewCasePage(page);
  const review = new ReviewPage(page);

  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  const child = uniqueChild('Gwen');
  await list.startNewCase();
  await form.fill(child, '2018-02-03', 'Written on the tablet.');
  await form.save();
  // The case must be written before "all sent" means it was sent.
  await expect(list.caseLink(child)).toBeVisible();
  await list.expectAllSent();
  const caseId = await caseIdOf(page.request, child);

  // The worker's phone had written the note too, without having seen the tablet's.
  const pushed = await page.request.post('/api/sync/push', {
    data: {
      device_id: uuid(),
      changes: [
        {
          change_id: uuid(),
          device_id: uuid(),
          user: demo.worker.username,
          case_id: caseId,
          entity: 'case',
          entity_id: caseId,
          field: 'note',
          value: 'Written on the phone.',
          hlc: hlcNow('phone'),
          base: 0,
        },
      ],
    },
  });
  expect((await pushed.json()).results[0].outcome).toBe('conflict');

  // The tablet syncs on start; the indicator offers the review.
  await page.reload();
  await list.expectShown();
  await expect(review.link()).toHaveText('1 to review');
  await review.link().click();
  await review.expectShown();
  await expect(review.version(child, 'Written on the tablet.')).toContainText(`Written by ${demo.worker.username}`);
  await expect(review.version(child, 'Written on the phone.')).toContainText(`Written by ${demo.worker.username}`);
  await expectAccessible(page, 'needs review');

  await review.keep(child, 'Written on the phone.');
  await review.expectNothing();
  await expect(review.link()).toHaveCount(0);
  await list.expectAllSent();

  const after = caseFields(await pullAll(page.request)).get(caseId)!;
  expect(after.note).toBe('Written on the phone.');

  // Another device of the worker receives the choice and has nothing to review.
  const second = await browser.newContext();
  try {
    const page2 = await second.newPage();
    const signIn2 = new SignInPage(page2);
    const list2 = new CaseListPage(page2);
    await signIn2.open();
    await signIn2.signIn(demo.worker.username, demo.worker.password);
    await list2.expectShown();
    await expect(list2.caseLink(child)).toBeVisible();
    await list2.expectAllSent();
    await expect(new ReviewPage(page2).link()).toHaveCount(0);
    await list2.caseLink(child).click();
    await expect(page2.getByText('Written on the phone.')).toBeVisible();
  } finally {
    await second.close();
  }
});

test('a merged text written on the review page replaces both versions', async ({ page }) => {
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const form = new NewCasePage(page);
  const review = new ReviewPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  const child = uniqueChild('Iolo');
  await list.startNewCase();
  await form.fill(child, '2016-05-06', 'Mum was at home.');
  await form.save();
  // The case must be written before "all sent" means it was sent.
  await expect(list.caseLink(child)).toBeVisible();
  await list.expectAllSent();
  const caseId = await caseIdOf(page.request, child);
  await page.request.post('/api/sync/push', {
    data: {
      device_id: uuid(),
      changes: [
        {
          change_id: uuid(),
          device_id: uuid(),
          user: demo.worker.username,
          case_id: caseId,
          entity: 'case',
          entity_id: caseId,
          field: 'note',
          value: 'Dad was at home.',
          hlc: hlcNow('phone'),
          base: 0,
        },
      ],
    },
  });
  await page.reload();
  await review.link().click();
  await review.expectShown();
  const merge = review.conflict(child).getByLabel('Or write one text from both');
  await expect(merge).toHaveValue(/Mum was at home\.[\s\S]*Dad was at home\./);
  await merge.fill('Mum and Dad were both at home.');
  await review.conflict(child).getByRole('button', { name: 'Save this text' }).click();
  await review.expectNothing();
  await list.expectAllSent();
  expect(caseFields(await pullAll(page.request)).get(caseId)!.note).toBe('Mum and Dad were both at home.');
});
