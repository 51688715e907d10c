import { createHash } from 'node:crypto';
import { Page } from '@playwright/test';
import { test, expect, expectAccessible, demo, uniqueChild } from '../fixtures';
import { SignInPage } from '../pages/sign-in-page';
import { CaseListPage } from '../pages/case-list-page';
import { CasePage } from '../pages/case-page';
import { NewCasePage } from '../pages/new-case-page';
import { AgreementPage } from '../pages/agreement-page';
import { ParentsAgreementPage } from '../pages/parents-agreement-page';
import { pullAll } from '../sync-api';
import { signInAndOpen } from '../pages/journeys';

/** Screenshots for review, only when HOMEWARD_SHOTS names a directory. */
async function shot(page: Page, name: string) {
  if (process.env.HOMEWARD_SHOTS) await page.screenshot({ path: `${process.env.HOMEWARD_SHOTS}/${name}.png`, fullPage: true });
}

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function newCase(page: Page, child: string) {
  const signIn = new SignInPage(page);
  const list = new CaseListPage(page);
  await signIn.open();
  await signIn.signIn(demo.worker.username, demo.worker.password);
  await list.expectShown();
  await list.startNewCase();
  const form = new NewCasePage(page);
  await form.fill(child, '2016-05-04', 'Looked after; mother working towards a return home.');
  await form.save();
  await list.expectShown();
  await list.caseLink(child).click();
  await new CasePage(page).expectShown(child);
}

async function openAgreement(page: Page, child: string) {
  const casePage = new CasePage(page);
  await casePage.stageLink(/Stage 3/).click();
  await casePage.openWork('Written agreement');
  await new AgreementPage(page).expectShown(child);
}

test("Cerys's agreement shows the goal whose date has passed as not Timely, and is refused on finalising", async ({ page }) => {
  const agreement = new AgreementPage(page);
  await signInAndOpen(page, 'Cerys');
  await openAgreement(page, 'Cerys');
  await expect(agreement.goal(3).getByLabel('What needs to happen')).toHaveValue('Keep the house clean and safe');
  await expect(agreement.letter(3, 'Timely')).toContainText(
    'not met. The target date has passed: review the goal and agree a new date.',
  );
  for (const n of [1, 2]) await expect(agreement.letter(n, 'Timely')).toContainText('met');
  await expect(agreement.letter(1, 'Timely')).not.toContainText('not met');
  await expectAccessible(page, "Cerys's written agreement");
  await shot(page, 'agreement-cerys');

  await agreement.finalise();
  await expect(agreement.refusal()).toContainText(
    'Goal 3 is not Timely: The target date has passed: review the goal and agree a new date.',
  );
  await expect(agreement.refusal()).not.toContainText('Goal 1');
  await expect(agreement.finalised()).toHaveCount(0);
});

test('an agreement cannot be finalised while a goal fails its SMART check; fixing the date lets it, and parents sign it offline once, and the signature reaches another tablet', async ({
  page,
  context,
  browser,
}) => {
  const child = uniqueChild('Elin');
  const agreement = new AgreementPage(page);
  const parents = new ParentsAgreementPage(page);
  const casePage = new CasePage(page);
  await newCase(page, child);
  const caseId = new URL(page.url()).pathname.split('/')[2];
  await openAgreement(page, child);

  await agreement.fill(
    `${child} comes home to her mum and stays safe there.`,
    'We meet every four weeks with the family support worker.',
    `If nothing changes, ${child} stays with her foster carers and we plan other options.`,
  );
  await agreement.fillGoal(1, {
    what: 'Go to every weekly session at the recovery service',
    who: 'Mum',
    steps: 'Book the first session\nGo every Tuesday',
    support: 'Bus fares paid; the family support worker comes to the first session',
    measure: 'A monthly attendance letter from the service',
    agreedBy: 'Mum',
    agreedOn: isoDaysFromToday(-30),
    target: isoDaysFromToday(-1),
  });
  await expect(agreement.letter(1, 'Timely')).toContainText('not met. The target date has passed');
  await expect(agreement.letter(1, 'Specific')).not.toContainText('not met');

  // Unsaved input is kept on the tablet through a reload.
  await page.reload();
  await agreement.expectShown(child);
  await expect(page.getByLabel('What we all want to achieve')).toHaveValue(`${child} comes home to her mum and stays safe there.`);
  await expect(agreement.goal(1).getByLabel('Who will do it')).toHaveValue('Mum');

  await agreement.finalise();
  await expect(agreement.refusal()).toContainText('Goal 1 is not Timely: The target date has passed');
  await expectAccessible(page, 'agreement refused');
  await expect(agreement.finalised()).toHaveCount(0);

  await agreement.fillGoal(1, { target: isoDaysFromToday(60) });
  await expect(agreement.letter(1, 'Timely')).not.toContainText('not met');
  // What both sides expect, and by when: without it the agreement is not final either.
  await agreement.finalise();
  await expect(agreement.refusal()).toContainText('Say what both sides expect, and by when.');
  await expect(agreement.refusal()).not.toContainText('Goal 1');
  await agreement.addExpectation('Children\'s services', 'Pay the bus fares to every session', isoDaysFromToday(14));
  await agreement.finalise();
  await expect(agreement.finalised()).toBeVisible();
  await expectAccessible(page, 'agreement finalised');

  await page.goto(`/cases/${caseId}?stage=3`);
  await expect(casePage.task('Draw up a written agreement with SMART goals and timescales')).toBeChecked();

  await page.goto(`/cases/${caseId}/agreement/parents`);
  await parents.expectShown(child);
  await expect(parents.trafficLight()).toHaveAccessibleName('Where things are now: Not classified');
  await expect(page.getByRole('heading', { name: 'Goal 1: Go to every weekly session at the recovery service' })).toBeVisible();
  await expect(page.getByText('Nobody has signed yet.')).toBeVisible();
  await expectAccessible(page, "parents' agreement");
  await new CaseListPage(page).expectAllSent();

  // Signed at the kitchen table with no signal.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await parents.sign('Carys Mum');
  await expect(page.getByText('Signed. Thank you, Carys Mum.')).toBeVisible();
  await expect(parents.signature('Carys Mum')).toBeVisible();
  await shot(page, 'agreement-parents-signed');

  await page.reload();
  await parents.expectShown(child);
  await expect(parents.signature('Carys Mum')).toBeVisible();
  await expect(parents.signatures()).toHaveCount(1);
  await expect(page.getByRole('status').first()).toContainText('Offline');

  await context.setOffline(false);
  await new CaseListPage(page).expectAllSent();
  const pulled = await pullAll(page.request);
  const mine = pulled.filter((p) => p.change.case_id === caseId && !p.conflict);
  const drawings = mine.filter((p) => p.change.entity === 'attachment');
  expect(drawings, 'the signature drawing reaches the server once').toHaveLength(1);
  const agreementValues = mine.filter((p) => p.change.entity === 'agreement' && p.change.field === 'data');
  const latest = agreementValues[agreementValues.length - 1].change.value;
  expect(latest.signatures).toHaveLength(1);
  expect(latest.signatures[0].name).toBe('Carys Mum');
  expect(latest.signatures[0].drawing).toBe(drawings[0].change.entity_id);

  // The record names the drawing by checksum; its bytes went apart, to that address, and are
  // exactly what the record says.
  const record = drawings[0].change.value;
  expect(record.data, 'the bytes are not inside the synced record').toBeUndefined();
  const blob = await page.request.get(`/api/cases/${caseId}/blobs/${record.sha256}`);
  expect(blob.status()).toBe(200);
  const bytes = await blob.body();
  expect(bytes.length).toBe(record.byte_len);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.sha256);
  expect(bytes.subarray(0, 8).toString('hex'), 'a PNG').toBe('89504e470d0a1a0a');

  // The same worker's other tablet fetches the drawing with the agreement, and shows it offline.
  const other = await browser.newContext();
  const tablet = await other.newPage();
  const otherSignIn = new SignInPage(tablet);
  await otherSignIn.open();
  await otherSignIn.signIn(demo.worker.username, demo.worker.password);
  await new CaseListPage(tablet).expectAllSent();
  await tablet.goto(`/cases/${caseId}/agreement/parents`);
  const otherParents = new ParentsAgreementPage(tablet);
  await otherParents.expectShown(child);
  await expect(otherParents.signature('Carys Mum')).toBeVisible();
  await tablet.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await other.setOffline(true);
  await tablet.reload();
  await otherParents.expectShown(child);
  await expect(otherParents.signature('Carys Mum')).toBeVisible();
  const shown = await otherParents.signature('Carys Mum').evaluate((img: HTMLImageElement) => img.naturalWidth);
  expect(shown, 'the image decodes').toBeGreaterThan(0);
  await other.close();

  // Printed on A4 for the parents to keep: the signing controls do not print.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Sign the agreement' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print this agreement' })).toBeHidden();
  await expect(parents.signature('Carys Mum')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
});

test("the parents' version of Cerys's agreement is plain, shows her level as a traffic light and says it is not final yet", async ({
  page,
}) => {
  const parents = new ParentsAgreementPage(page);
  await signInAndOpen(page, 'Cerys');
  await openAgreement(page, 'Cerys');
  await new AgreementPage(page).openParentsVersion();
  await parents.expectShown('Cerys');
  await expect(parents.trafficLight()).toHaveAccessibleName('Where things are now: Medium');
  await expect(page.getByText('This is a draft. It can be signed once it is final.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Goal 1: Stay alcohol free' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign the agreement' })).toHaveCount(0);
  await expectAccessible(page, "Cerys's agreement for parents");
  await shot(page, 'agreement-parents-cerys');
});
