import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { NewCasePage } from '../pages/new-case-page';

test('a worker signs in, adds cases online and offline, and another device of theirs receives both', async ({
  page,
  browser,
  context,
}) => {
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const form = new NewCasePage(page);

  await signIn.open();
  await expectAccessible(page, 'sign-in');
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  // The demo caseload arrives by pull.
  await expect(list.caseLink('Cerys')).toBeVisible();
  await expectAccessible(page, 'case list');

  const online = uniqueChild('Nia');
  await list.startNewCase();
  await form.fill(online, '2017-03-01', 'Looked after since spring; mother engaging with support.');
  await form.save();
  await list.expectShown();
  await expect(list.caseLink(online)).toBeVisible();
  await list.expectAllSent();

  // The service worker must control the page before the network goes.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await list.expectShown();
  await expect(list.caseLink(online)).toBeVisible();
  await expect(list.syncStatus()).toContainText('Offline');

  const offline = uniqueChild('Osian');
  await list.startNewCase();
  await form.fill(offline, '2019-07-15', 'Entered while on a visit without signal.');
  await form.save();
  await expect(list.caseLink(offline)).toBeVisible();
  await expect(list.syncStatus()).toContainText('3 changes waiting to send');

  await context.setOffline(false);
  await list.expectAllSent();

  // The same worker on a second device pulls both cases from the server.
  const second = await browser.newContext();
  try {
    const page2 = await second.newPage();
    const signIn2 = new SignInPage(page2);
    const list2 = new CaseListPage(page2);
    await signIn2.open();
    await signIn2.signIn(demo.worker.username, demo.worker.password);
    await list2.expectShown();
    await expect(list2.caseLink(online)).toBeVisible();
    await expect(list2.caseLink(offline)).toBeVisible();
    await list2.caseLink(offline).click();
    await expect(page2.getByText('Entered while on a visit without signal.')).toBeVisible();
  } finally {
    await second.close();
  }
});

test('a wrong password or a wrong username gets the same plain message', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, 'not-the-password');
  await expect(signIn.alert()).toHaveText('The username or password is not right.');
  await signIn.signIn('nobody-here', demo.worker.password);
  await expect(signIn.alert()).toHaveText('The username or password is not right.');
  await expectAccessible(page, 'sign-in with an error');
});

test('a case without a name or born in the future is refused by the form, with the reason at the field', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  const form = new NewCasePage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.startNewCase();

  await form.fill('', '2099-01-01', 'A note that must not be lost.');
  await form.save();
  await expect(page.getByText("Enter the child's name.")).toBeVisible();
  await expect(page.getByText('The date of birth cannot be in the future.')).toBeVisible();
  await expect(page.getByLabel("Child's name")).toHaveAttribute('aria-invalid', 'true');
  // Nothing typed is lost.
  await expect(page.getByLabel('Note')).toHaveValue('A note that must not be lost.');
  await expectAccessible(page, 'new case form with errors');
});
